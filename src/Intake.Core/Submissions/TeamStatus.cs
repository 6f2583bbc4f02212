namespace Intake.Core.Submissions;

/// <summary>What the study team has done with a person.</summary>
public enum TeamStatus
{
    /// <summary>Not yet acted on.</summary>
    New,
    /// <summary>The team has reached the person.</summary>
    Contacted,
    /// <summary>A consent or procedure visit is scheduled.</summary>
    Scheduled,
    /// <summary>Enrolled in the study.</summary>
    Enrolled,
    /// <summary>The person declined.</summary>
    Declined,
    /// <summary>The team found the person not eligible.</summary>
    NotEligible,
    /// <summary>The team could not reach the person.</summary>
    Unreachable,
}
