namespace Intake.Core.Submissions;

/// <summary>The team's mark of a submission as not genuine.</summary>
/// <param name="At">When it was marked.</param>
/// <param name="By">Who marked it (the staff member's identity).</param>
/// <param name="Reason">Why, in the team's words (1 to <see cref="TeamActions.MaxNotGenuineReasonLength"/> characters).</param>
public sealed record NotGenuineMark(DateTimeOffset At, string By, string Reason);
