namespace Intake.Core.ClinicalAnswers;

/// <summary>Sex as the person gives it; it matters only for the pregnancy exclusion.</summary>
public enum Sex
{
    /// <summary>Female.</summary>
    Female,
    /// <summary>Male: the pregnancy exclusion does not apply.</summary>
    Male,
    /// <summary>Another answer.</summary>
    Other,
    /// <summary>The person chose not to say.</summary>
    Undisclosed,
}
