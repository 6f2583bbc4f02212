using Azure.Data.Tables;

namespace Intake.Functions.Storage;

/// <summary>
/// The submissions whose rows still have the row keys written before each ended with the submission's
/// id (<c>record</c>, <c>contact</c>, <c>referrer</c>, <c>tombstone</c>, <c>history-000001</c>), and
/// their rewriting into the new layout (docs/storage.md, "Row keys").
/// </summary>
public sealed class TableOldLayoutSubmissions(TableServiceClient tables) : IOldLayoutSubmissions
{
    /// <summary>Rows per transaction: each takes an add and a delete, and a transaction holds at most 100 actions.</summary>
    internal const int RowsPerTransaction = 50;

    private static readonly HashSet<string> ServiceProperties = new(StringComparer.Ordinal) { "PartitionKey", "RowKey", "Timestamp", "odata.etag" };

    private readonly SubmissionTables _submissions = SubmissionTables.Of(tables);

    /// <inheritdoc />
    public async IAsyncEnumerable<IReadOnlyList<string>> SubmissionsAsync(int pageSize, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Every partition in the old layout has one of these until its last step (history is moved first).
        var filter = string.Join(" or ", SubmissionEntities.OldSingleKeys.Select(key => TableClient.CreateQueryFilter($"RowKey eq {key}")));
        var partitions = _submissions.QueryAllAsync(filter, ["PartitionKey"], cancellationToken: cancellationToken)
            .Select(row => row.PartitionKey).Distinct(StringComparer.Ordinal);
        await foreach (var page in partitions.Chunk(pageSize).WithCancellation(cancellationToken))
        {
            yield return page;
        }
    }

    /// <inheritdoc />
    public async Task<bool> MigrateAsync(string submissionId, CancellationToken cancellationToken)
    {
        var submissions = await _submissions.ForAsync(submissionId, cancellationToken);
        var rows = new List<TableEntity>();
        await foreach (var row in submissions.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {submissionId}"), cancellationToken: cancellationToken))
        {
            rows.Add(row);
        }
        var present = rows.Select(row => row.RowKey).ToHashSet(StringComparer.Ordinal);
        // History first, the record and its contact last: a pass stopped between two transactions leaves the
        // record under its old key, so the next pass finds the partition again, and reads see both halves.
        var old = rows.Where(row => SubmissionEntities.IsOldKey(row.RowKey))
            .OrderBy(row => SubmissionEntities.KindOf(row.RowKey) == SubmissionRowKind.History ? 0 : 1)
            .ThenBy(row => row.RowKey, StringComparer.Ordinal)
            .ToList();
        foreach (var step in old.Chunk(RowsPerTransaction))
        {
            var actions = new List<TableTransactionAction>(2 * step.Length);
            foreach (var row in step)
            {
                var key = SubmissionEntities.NewKeyFor(row.RowKey, submissionId);
                if (!present.Contains(key))
                {
                    // Add, not upsert: should a change write the new row meanwhile, the transaction fails and the next pass keeps the change.
                    actions.Add(new(TableTransactionActionType.Add, Moved(row, key)));
                }
                actions.Add(new(TableTransactionActionType.Delete, new TableEntity(submissionId, row.RowKey), row.ETag));
            }
            await submissions.SubmitTransactionAsync(actions, cancellationToken);
        }
        return old.Count > 0;
    }

    // The same row under its new key: every property, none of the service's own.
    private static TableEntity Moved(TableEntity row, string key)
    {
        var moved = new TableEntity(row.PartitionKey, key);
        foreach (var (name, value) in row)
        {
            if (!ServiceProperties.Contains(name))
            {
                moved[name] = value;
            }
        }
        return moved;
    }
}
