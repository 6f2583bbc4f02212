using System.Text.Json.Serialization;

namespace Intake.Functions.Http.Responses;

/// <summary>The answer <c>researchBiopsyPlan</c> in <c>GET /api/submissions/{id}</c>: the site, and the anesthesia when answered.</summary>
public sealed record ResearchBiopsyPlanResponse(
    Site Site,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Anesthesia? Anesthesia);
