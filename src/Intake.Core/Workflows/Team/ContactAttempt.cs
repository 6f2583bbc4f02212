namespace Intake.Core.Workflows.Team;

/// <summary>
/// One attempt of the team to reach a person. The whole attempt is in the submission's history; the
/// record keeps its last one (the detail shows it with its note), and the list line keeps it without
/// the note: free text the team writes about a person stays where the person's other data is.
/// </summary>
/// <param name="Channel">How.</param>
/// <param name="Outcome">What came of it.</param>
/// <param name="At">When it was logged.</param>
/// <param name="By">Who logged it (the staff member's name).</param>
/// <param name="Note">The team's note, if any (at most <see cref="TeamActions.MaxNoteLength"/> characters); never on a list line.</param>
public sealed record ContactAttempt(ContactChannel Channel, ContactOutcome Outcome, DateTimeOffset At, string By, string? Note);
