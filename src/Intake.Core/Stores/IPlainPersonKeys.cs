namespace Intake.Core.Stores;

/// <summary>
/// What is still stored under the plain SHA-256 person digests written before person keys: people
/// index entries, and records whose <see cref="Submission.PersonKeys"/> are plain digests.
/// </summary>
public interface IPlainPersonKeys
{
    /// <summary>The ids of the submissions that still have something plain, a page of at most <paramref name="pageSize"/> at a time, each id once.</summary>
    IAsyncEnumerable<IReadOnlyList<string>> SubmissionsAsync(int pageSize, CancellationToken cancellationToken);

    /// <summary>
    /// Rewrites one submission's person keys as keyed digests, digested again from its answers and
    /// contact: its people index entries (the keyed entry written first, keeping the person id, then the
    /// plain one deleted) and its record's keys (only while the record is as read). An entry whose
    /// submission is gone is deleted. Returns false when nothing was left to do; the same call twice,
    /// or after a crash half-way, ends in the same state.
    /// </summary>
    Task<bool> MigrateAsync(string submissionId, CancellationToken cancellationToken);
}
