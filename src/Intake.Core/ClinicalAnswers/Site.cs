namespace Intake.Core.ClinicalAnswers;

/// <summary>A site of metastatic disease or of a biopsy / fluid collection.</summary>
public enum Site
{
    /// <summary>Breast.</summary>
    Breast,
    /// <summary>Skin or chest wall.</summary>
    SkinChestWall,
    /// <summary>Lymph node or soft tissue.</summary>
    LymphNodeSoftTissue,
    /// <summary>Liver.</summary>
    Liver,
    /// <summary>Bone.</summary>
    Bone,
    /// <summary>Lung: never for a research-only biopsy.</summary>
    Lung,
    /// <summary>Brain: never for a research-only biopsy.</summary>
    Brain,
    /// <summary>Pleural fluid.</summary>
    PleuralFluid,
    /// <summary>Ascites.</summary>
    Ascites,
    /// <summary>Another site.</summary>
    Other,
}
