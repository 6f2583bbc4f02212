namespace Intake.Functions.Http.Responses;

/// <summary>
/// The <c>referrer</c> of a referral in <c>GET /api/submissions/{id}</c>, with the coordinator's
/// confirmation of its e-mail address (<c>null</c> until confirmed for the address it has).
/// </summary>
public sealed record ReferrerResponse(string Name, string Institution, string? Email, string? Phone, ReferrerConfirmationResponse? EmailConfirmed);
