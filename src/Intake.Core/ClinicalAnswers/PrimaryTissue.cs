namespace Intake.Core.ClinicalAnswers;

/// <summary>Archived tissue from the initial breast primary (inclusion I4).</summary>
public enum PrimaryTissue
{
    /// <summary>Fresh frozen tissue (preferred).</summary>
    FreshFrozen,
    /// <summary>Formalin-fixed paraffin-embedded tissue (acceptable).</summary>
    Ffpe,
    /// <summary>Tissue is archived, but of unknown type.</summary>
    AvailableTypeUnknown,
    /// <summary>No archived tissue.</summary>
    None,
    /// <summary>Not sure.</summary>
    Unknown,
}
