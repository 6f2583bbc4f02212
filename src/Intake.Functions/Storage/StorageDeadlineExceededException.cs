namespace Intake.Functions.Storage;

/// <summary>A storage call ran out of its per-call deadline (<see cref="StorageCallLimits"/>) before a try could start.</summary>
public sealed class StorageDeadlineExceededException(TimeSpan deadline)
    : TimeoutException($"The storage call did not complete within its deadline of {deadline.TotalSeconds:0.#} s.");
