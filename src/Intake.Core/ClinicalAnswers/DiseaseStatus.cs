namespace Intake.Core.ClinicalAnswers;

/// <summary>Progression or de novo stage IV (inclusion I3).</summary>
public enum DiseaseStatus
{
    /// <summary>Clinical or radiographic evidence of progression.</summary>
    Progressing,
    /// <summary>Presenting with de novo stage IV disease.</summary>
    DeNovoStageIV,
    /// <summary>Stable disease.</summary>
    Stable,
    /// <summary>Not sure.</summary>
    Unknown,
}
