
namespace Intake.Core.Rules;

/// <summary>The overall pre-check result. It sorts; it never decides eligibility.</summary>
public enum PrecheckResult
{
    /// <summary>No criterion is NotMet or Unknown.</summary>
    LikelyEligible,
    /// <summary>No criterion is NotMet, at least one is Unknown.</summary>
    NeedsReview,
    /// <summary>At least one criterion is NotMet.</summary>
    LikelyIneligible,
}
