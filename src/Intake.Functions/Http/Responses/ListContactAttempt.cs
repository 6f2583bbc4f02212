namespace Intake.Functions.Http.Responses;

/// <summary>
/// The <c>lastContactAttempt</c> of a list line (<see cref="ListItem"/>): without its note, which
/// stays with the person's other data (<see cref="ContactAttemptResponse"/>).
/// </summary>
public sealed record ListContactAttempt(ContactChannel Channel, ContactOutcome Outcome, DateTimeOffset At, string By);
