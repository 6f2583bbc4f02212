namespace Intake.Core.Tests;

/// <summary>Answer sets shared by the tests.</summary>
internal static class AnswerSets
{
    /// <summary>eligibility.md's all-Met baseline (a self-screening), 54 years old on 2026-11-26.</summary>
    public static Answers Baseline { get; } = new()
    {
        DateOfBirth = new DateOnly(1972, 3, 15),
        Sex = Sex.Female,
        BreastCancer = BreastCancerDiagnosis.InvasiveConfirmed,
        DistantMetastasis = YesNoUnknown.Yes,
        MetastaticSites = [Site.Bone, Site.Liver],
        DiseaseStatus = DiseaseStatus.Progressing,
        PrimaryTissue = PrimaryTissue.Ffpe,
        WillingResearchBiopsy = YesNoUnknown.Yes,
        Ecog = 1,
        CanConsent = YesNoUnknown.Yes,
        Pregnant = YesNoUnknown.No,
        LocalAnestheticAllergy = YesNoUnknown.No,
        CognitiveImpairment = YesNoUnknown.No,
    };
}
