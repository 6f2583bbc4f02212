using System.Text.Json.Serialization;

namespace Intake.Core.ClinicalAnswers.Stored;

/// <summary>The stored oncologist's concerns.</summary>
public sealed record StoredConcerns
{
    /// <summary>E1.</summary>
    [JsonPropertyName("seriousComorbidity")] public bool? SeriousComorbidity { get; init; }
    /// <summary>E2.</summary>
    [JsonPropertyName("biopsySafetyRisk")] public bool? BiopsySafetyRisk { get; init; }
    /// <summary>E6.</summary>
    [JsonPropertyName("hazardousCondition")] public bool? HazardousCondition { get; init; }
}
