namespace Intake.Functions.Http.Responses;

/// <summary>
/// The <c>notGenuine</c> of <c>GET /api/submissions/{id}</c> while the team's mark stands: when,
/// by whom, why, and when the submission is removed (api-2.md).
/// </summary>
public sealed record NotGenuineMarkResponse(DateTimeOffset MarkedAt, string By, string Reason, DateTimeOffset RemovalDue);
