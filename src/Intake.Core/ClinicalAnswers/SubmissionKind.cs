namespace Intake.Core.ClinicalAnswers;

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
