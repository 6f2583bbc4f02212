namespace Intake.Core.ClinicalAnswers;

/// <summary>The breast cancer diagnosis (inclusion I1).</summary>
public enum BreastCancerDiagnosis
{
    /// <summary>Invasive breast cancer, histologically confirmed.</summary>
    InvasiveConfirmed,
    /// <summary>Invasive breast cancer, suspected.</summary>
    InvasiveSuspected,
    /// <summary>Only in-situ (non-invasive) disease.</summary>
    InSituOnly,
    /// <summary>No breast cancer.</summary>
    None,
    /// <summary>Not sure.</summary>
    Unknown,
}
