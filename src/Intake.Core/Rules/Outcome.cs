
namespace Intake.Core.Rules;

/// <summary>The outcome of one criterion (eligibility.md, "Outcomes").</summary>
public enum Outcome
{
    /// <summary>The answers satisfy the criterion.</summary>
    Met,
    /// <summary>The answers rule the person out on this criterion.</summary>
    NotMet,
    /// <summary>An answer needed for this criterion is missing or "unsure".</summary>
    Unknown,
    /// <summary>The criterion does not apply.</summary>
    NotApplicable,
    /// <summary>Only the treating oncologist or the biopsy provider can judge it, and the submission does not say.</summary>
    ClinicianReview,
}
