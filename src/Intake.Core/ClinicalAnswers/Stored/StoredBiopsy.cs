using System.Text.Json.Serialization;

namespace Intake.Core.ClinicalAnswers.Stored;

/// <summary>A stored biopsy: the scheduled clinical one (<c>site</c>, <c>date</c>) or the planned research one (<c>site</c>, <c>anesthesia</c>).</summary>
public sealed record StoredBiopsy
{
    /// <summary>A <see cref="ClinicalAnswers.Site"/> value.</summary>
    [JsonPropertyName("site")] public string? Site { get; init; }
    /// <summary><c>YYYY-MM-DD</c> (the scheduled clinical biopsy).</summary>
    [JsonPropertyName("date")] public string? Date { get; init; }
    /// <summary>An <see cref="ClinicalAnswers.Anesthesia"/> value (the research biopsy plan).</summary>
    [JsonPropertyName("anesthesia")] public string? Anesthesia { get; init; }
}
