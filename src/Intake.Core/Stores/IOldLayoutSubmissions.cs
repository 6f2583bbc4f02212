namespace Intake.Core.Stores;

/// <summary>
/// The submissions still stored in the layout before each row key ended with the submission's id
/// (docs/storage.md, "Row keys"), and their rewriting into the new one.
/// </summary>
public interface IOldLayoutSubmissions
{
    /// <summary>The ids of the submissions with a row in the old layout, a page of at most <paramref name="pageSize"/> at a time, each id once.</summary>
    IAsyncEnumerable<IReadOnlyList<string>> SubmissionsAsync(int pageSize, CancellationToken cancellationToken);

    /// <summary>
    /// Rewrites one submission's rows into the new layout, nothing lost: each old row added under its new
    /// key and deleted in the same transaction (an old row whose kind already has a row under the new key,
    /// written by a change since, is only deleted: the newer wins). Returns false when nothing was left to
    /// do; the same call twice, or after a stop half-way, ends in the same state.
    /// </summary>
    Task<bool> MigrateAsync(string submissionId, CancellationToken cancellationToken);
}
