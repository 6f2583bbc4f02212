namespace Intake.Core.ClinicalAnswers;

/// <summary>A yes / no / unsure answer.</summary>
public enum YesNoUnknown
{
    /// <summary>Yes.</summary>
    Yes,
    /// <summary>No.</summary>
    No,
    /// <summary>The person answered that they are not sure.</summary>
    Unknown,
}
