namespace Intake.Core.Stores;

/// <summary>
/// Submissions whose stored rows are still in a format written before a change of storage, and the
/// rewriting of one of them into today's format (<see cref="SubmissionMigrationPass"/>).
/// </summary>
public interface ISubmissionsToMigrate
{
    /// <summary>The ids of the submissions still to rewrite, a page of at most <paramref name="pageSize"/> at a time.</summary>
    IAsyncEnumerable<IReadOnlyList<string>> SubmissionsAsync(int pageSize, CancellationToken cancellationToken);

    /// <summary>Rewrites one submission; whether anything was left to rewrite. The same call twice changes nothing.</summary>
    Task<bool> MigrateAsync(string submissionId, CancellationToken cancellationToken);
}
