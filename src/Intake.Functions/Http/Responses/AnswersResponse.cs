using System.Text.Json.Serialization;

namespace Intake.Functions.Http.Responses;

/// <summary>
/// A submission's clinical answers in <c>GET /api/submissions/{id}</c> (<see cref="SubmissionFileResponse.Answers"/>),
/// as eligibility.md writes them: a question not answered is left out, not <c>null</c>.
/// </summary>
public sealed record AnswersResponse(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateOnly? DateOfBirth,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Sex? Sex,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] BreastCancerDiagnosis? BreastCancer,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] YesNoUnknown? DistantMetastasis,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<Site>? MetastaticSites,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DiseaseStatus? DiseaseStatus,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] PrimaryTissue? PrimaryTissue,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ScheduledBiopsyResponse? ScheduledClinicalBiopsy,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] YesNoUnknown? WillingResearchBiopsy,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ResearchBiopsyPlanResponse? ResearchBiopsyPlan,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] YesNoUnknown? EffusionCytologyConfirmed,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Ecog,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] YesNoUnknown? CanConsent,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] YesNoUnknown? Pregnant,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] YesNoUnknown? LocalAnestheticAllergy,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] YesNoUnknown? CognitiveImpairment,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] OncologistConcernsResponse? OncologistConcerns)
{
    /// <summary>The answers of <paramref name="answers"/>.</summary>
    public static AnswersResponse Of(Answers answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        return new(answers.DateOfBirth, answers.Sex, answers.BreastCancer, answers.DistantMetastasis, answers.MetastaticSites,
            answers.DiseaseStatus, answers.PrimaryTissue,
            answers.ScheduledClinicalBiopsy is { } biopsy ? new ScheduledBiopsyResponse(biopsy.Site, biopsy.Date) : null,
            answers.WillingResearchBiopsy,
            answers.ResearchBiopsyPlan is { } plan ? new ResearchBiopsyPlanResponse(plan.Site, plan.Anesthesia) : null,
            answers.EffusionCytologyConfirmed, answers.Ecog, answers.CanConsent, answers.Pregnant, answers.LocalAnestheticAllergy, answers.CognitiveImpairment,
            answers.OncologistConcerns is { } concerns ? new OncologistConcernsResponse(concerns.SeriousComorbidity, concerns.BiopsySafetyRisk, concerns.HazardousCondition) : null);
    }
}
