using Azure.Data.Tables;

namespace Intake.Functions.Storage;

// The pending marks of the lists' partition: the reconciler's index of submissions not yet on a list,
// <c>p-{id}</c> rows, cleared by the first listing in the same transaction (PutFirstAsync).
public sealed partial class TableTeamLists
{

    /// <inheritdoc />
    public async Task MarkAsync(string id, DateTimeOffset since, CancellationToken cancellationToken) =>
        await _table.UpsertEntityAsync(ListsPartition.Pending(id, since), TableUpdateMode.Replace, cancellationToken);

    /// <inheritdoc />
    public async Task ClearAsync(string id, CancellationToken cancellationToken) =>
        await _table.DeleteEntityAsync(ListsPartition.Key, ListsPartition.PendingKey(id), cancellationToken: cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> OlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        var filter = ListsPartition.PendingRange + " and " + TableClient.CreateQueryFilter($"Since lt {cutoff}");
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            ids.Add(ListsPartition.IdOfPending(entity.RowKey));
        }
        return ids;
    }
}
