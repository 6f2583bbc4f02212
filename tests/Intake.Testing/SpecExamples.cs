using System.Text.Json.Nodes;

namespace Intake.Testing;

/// <summary>The examples of eligibility.md, for every test project and the benchmarks.</summary>
public static class SpecExamples
{
    /// <summary>The spec's all-Met baseline (a self-screening): born 1972-03-15, likely eligible, priority High.</summary>
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

    /// <summary>The baseline as the JSON <c>answers</c> object of a request body (a new copy each time, free to change).</summary>
    public static JsonObject BaselineJson() => JsonNode.Parse(AnswersWriter.ToJson(Baseline))!.AsObject();
}
