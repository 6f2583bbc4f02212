using System.Text.Json.Serialization;

namespace Intake.Functions.Http.Responses;

/// <summary>The referring oncologist's answers <c>oncologistConcerns</c> in <c>GET /api/submissions/{id}</c>, each left out when not answered.</summary>
public sealed record OncologistConcernsResponse(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? SeriousComorbidity,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? BiopsySafetyRisk,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? HazardousCondition);
