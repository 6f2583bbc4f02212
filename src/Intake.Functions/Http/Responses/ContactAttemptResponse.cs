namespace Intake.Functions.Http.Responses;

/// <summary>
/// The <c>lastContactAttempt</c> of <c>GET /api/submissions/{id}</c> (api-2.md), with the team's
/// <c>note</c> (<c>null</c> when none). A list line shows it without the note (<see cref="ListContactAttempt"/>).
/// </summary>
public sealed record ContactAttemptResponse(ContactChannel Channel, ContactOutcome Outcome, DateTimeOffset At, string By, string? Note);
