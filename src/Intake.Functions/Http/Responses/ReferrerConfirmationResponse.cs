namespace Intake.Functions.Http.Responses;

/// <summary>The referrer's <c>emailConfirmed</c> in <c>GET /api/submissions/{id}</c>: when and by whom.</summary>
public sealed record ReferrerConfirmationResponse(DateTimeOffset At, string By);
