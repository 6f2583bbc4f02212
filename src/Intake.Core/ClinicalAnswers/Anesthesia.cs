namespace Intake.Core.ClinicalAnswers;

/// <summary>The anaesthesia of a planned research-only biopsy.</summary>
public enum Anesthesia
{
    /// <summary>Local anaesthesia.</summary>
    Local,
    /// <summary>IV conscious sedation.</summary>
    IvConsciousSedation,
    /// <summary>General anaesthesia: not permitted for a research-only biopsy.</summary>
    General,
    /// <summary>Not known yet.</summary>
    Unknown,
}
