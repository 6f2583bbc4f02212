namespace Intake.Core.Submissions;

/// <summary>A change could not be written because the record kept changing under it.</summary>
public sealed class ConcurrentChangeException(string id, int attempts)
    : Exception($"Submission {id} kept changing; gave up after {attempts} attempts.");
