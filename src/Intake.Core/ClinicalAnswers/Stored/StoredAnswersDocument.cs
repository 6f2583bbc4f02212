using System.Text.Json.Serialization;

namespace Intake.Core.ClinicalAnswers.Stored;

/// <summary>
/// The stored shape of a submission's answers (<see cref="StoredAnswers"/>): every member name is
/// fixed here by <see cref="JsonPropertyNameAttribute"/> and every enumeration value by
/// <see cref="StoredValues"/>, so that renaming a C# member or an API field leaves what is stored
/// readable. Versions 1 and 2 share this shape; version 2 carries <c>"v": 2</c>.
/// </summary>
public sealed record StoredAnswersDocument
{
    /// <summary>The format version; absent in version 1 (answers stored before the format had its own reader).</summary>
    [JsonPropertyName("v")] public int? Version { get; init; }
    /// <summary><c>YYYY-MM-DD</c>.</summary>
    [JsonPropertyName("dateOfBirth")] public string? DateOfBirth { get; init; }
    /// <summary>A <see cref="Sex"/> value.</summary>
    [JsonPropertyName("sex")] public string? Sex { get; init; }
    /// <summary>A <see cref="BreastCancerDiagnosis"/> value.</summary>
    [JsonPropertyName("breastCancer")] public string? BreastCancer { get; init; }
    /// <summary>A <see cref="YesNoUnknown"/> value.</summary>
    [JsonPropertyName("distantMetastasis")] public string? DistantMetastasis { get; init; }
    /// <summary><see cref="Site"/> values, in the order given.</summary>
    [JsonPropertyName("metastaticSites")] public IReadOnlyList<string>? MetastaticSites { get; init; }
    /// <summary>A <see cref="ClinicalAnswers.DiseaseStatus"/> value.</summary>
    [JsonPropertyName("diseaseStatus")] public string? DiseaseStatus { get; init; }
    /// <summary>A <see cref="ClinicalAnswers.PrimaryTissue"/> value.</summary>
    [JsonPropertyName("primaryTissue")] public string? PrimaryTissue { get; init; }
    /// <summary>The scheduled clinical biopsy.</summary>
    [JsonPropertyName("scheduledClinicalBiopsy")] public StoredBiopsy? ScheduledClinicalBiopsy { get; init; }
    /// <summary>A <see cref="YesNoUnknown"/> value.</summary>
    [JsonPropertyName("willingResearchBiopsy")] public string? WillingResearchBiopsy { get; init; }
    /// <summary>The referring oncologist's research biopsy plan.</summary>
    [JsonPropertyName("researchBiopsyPlan")] public StoredBiopsy? ResearchBiopsyPlan { get; init; }
    /// <summary>A <see cref="YesNoUnknown"/> value.</summary>
    [JsonPropertyName("effusionCytologyConfirmed")] public string? EffusionCytologyConfirmed { get; init; }
    /// <summary>0 to 4.</summary>
    [JsonPropertyName("ecog")] public int? Ecog { get; init; }
    /// <summary>A <see cref="YesNoUnknown"/> value.</summary>
    [JsonPropertyName("canConsent")] public string? CanConsent { get; init; }
    /// <summary>A <see cref="YesNoUnknown"/> value.</summary>
    [JsonPropertyName("pregnant")] public string? Pregnant { get; init; }
    /// <summary>A <see cref="YesNoUnknown"/> value.</summary>
    [JsonPropertyName("localAnestheticAllergy")] public string? LocalAnestheticAllergy { get; init; }
    /// <summary>A <see cref="YesNoUnknown"/> value.</summary>
    [JsonPropertyName("cognitiveImpairment")] public string? CognitiveImpairment { get; init; }
    /// <summary>The referring oncologist's concerns.</summary>
    [JsonPropertyName("oncologistConcerns")] public StoredConcerns? OncologistConcerns { get; init; }
}
