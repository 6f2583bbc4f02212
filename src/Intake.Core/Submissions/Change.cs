namespace Intake.Core.Submissions;

/// <summary>A change to a submission: the record as it should be, and the history entry that says why.</summary>
/// <param name="Updated">The record after the change (its version is set when it is written).</param>
/// <param name="Event">What happened, in words.</param>
/// <param name="By">Who did it.</param>
public sealed record Change(Submission Updated, string Event, string By);
