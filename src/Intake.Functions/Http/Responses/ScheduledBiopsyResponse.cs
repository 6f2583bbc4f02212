namespace Intake.Functions.Http.Responses;

/// <summary>The answer <c>scheduledClinicalBiopsy</c> in <c>GET /api/submissions/{id}</c>: where and on which date.</summary>
public sealed record ScheduledBiopsyResponse(Site Site, DateOnly Date);
