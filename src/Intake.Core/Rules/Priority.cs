
namespace Intake.Core.Rules;

/// <summary>Where a routed submission stands on the study team's worklist.</summary>
public enum Priority
{
    /// <summary>A clinically directed biopsy is scheduled within the urgent window.</summary>
    Urgent,
    /// <summary>Likely eligible.</summary>
    High,
    /// <summary>Needs review.</summary>
    Normal,
}
