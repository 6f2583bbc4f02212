namespace Intake.Core.Submissions;

/// <summary>What became of a change.</summary>
/// <param name="Submission">The record as it stands now; <c>null</c> when there is no such submission.</param>
/// <param name="Changed">False when there was nothing to change.</param>
public sealed record ChangeResult(Submission? Submission, bool Changed);
