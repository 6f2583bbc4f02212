namespace Intake.Core;

// The enumerations of eligibility.md. Their JSON strings are the member names in camelCase
// (see JsonEnum<T>), e.g. InvasiveConfirmed is "invasiveConfirmed".

/// <summary>How a submission reached the study: a patient's own form or an oncologist's referral.</summary>
public enum SubmissionKind
{
    /// <summary>A patient's self-screening from the public interest form.</summary>
    SelfScreening,
    /// <summary>An oncologist's referral of a patient.</summary>
    Referral,
}

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
