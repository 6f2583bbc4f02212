namespace Intake.Core.Submissions;

/// <summary>One entry of a submission's append-only history.</summary>
/// <param name="At">When it happened.</param>
/// <param name="Event">What happened, in words.</param>
/// <param name="By">Who: <c>system</c>, <c>public</c>, or the staff member's identity.</param>
public sealed record HistoryEntry(DateTimeOffset At, string Event, string By);
