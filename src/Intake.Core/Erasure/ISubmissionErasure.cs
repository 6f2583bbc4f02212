namespace Intake.Core.Erasure;

/// <summary>
/// Erases submissions for good, leaving a tombstone (<see cref="ErasedSubmission"/>), and keeps the
/// intents (<see cref="ErasureIntent"/>) of erasures under way.
/// </summary>
public interface ISubmissionErasure
{
    /// <summary>The ids of every submission of person <paramref name="personId"/> that is not erased yet (the person's first submission included).</summary>
    Task<IReadOnlyList<string>> SubmissionsOfAsync(string personId, CancellationToken cancellationToken);

    /// <summary>Writes (or replaces) the intent of an erasure, before it touches anything.</summary>
    Task MarkIntentAsync(ErasureIntent intent, CancellationToken cancellationToken);

    /// <summary>The intent of an unfinished erasure under <paramref name="key"/> (<see cref="ErasureIntent.Key"/>), if any.</summary>
    Task<ErasureIntent?> IntentAsync(string key, CancellationToken cancellationToken);

    /// <summary>Every unfinished erasure.</summary>
    Task<IReadOnlyList<ErasureIntent>> OpenIntentsAsync(CancellationToken cancellationToken);

    /// <summary>Removes the intent once its erasure is done; nothing happens when there is none.</summary>
    Task ClearIntentAsync(string key, CancellationToken cancellationToken);

    /// <summary>
    /// Erases submission <paramref name="id"/>: writes its tombstone from its record, then deletes its
    /// answers, contact, referrer, history, list lines, people index entries and pending mark, and its
    /// record last. Safe to repeat. True when it found the record (it erased patient data now); false
    /// when the submission was already erased or never stored.
    /// </summary>
    Task<bool> EraseAsync(string id, ErasureMark mark, CancellationToken cancellationToken);

    /// <summary>The tombstone of an erased submission; <c>null</c> when <paramref name="id"/> was not erased.</summary>
    Task<ErasedSubmission?> ErasedAsync(string id, CancellationToken cancellationToken);
}
