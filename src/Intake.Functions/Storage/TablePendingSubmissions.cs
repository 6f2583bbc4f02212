using Azure.Data.Tables;
using Intake.Core;

namespace Intake.Functions.Storage;

/// <summary>The reconciler's index of submissions not yet on a list: one small partition, keyed by id.</summary>
public sealed class TablePendingSubmissions(TableServiceClient tables) : IPendingSubmissions
{
    private const string Partition = "pending";
    private readonly TableClient _table = tables.GetTableClient(StorageNames.PendingTable);

    /// <inheritdoc />
    public async Task MarkAsync(string id, DateTimeOffset since, CancellationToken cancellationToken) =>
        await _table.UpsertEntityAsync(new TableEntity(Partition, id) { ["Since"] = since }, TableUpdateMode.Replace, cancellationToken);

    /// <inheritdoc />
    public async Task ClearAsync(string id, CancellationToken cancellationToken) =>
        await _table.DeleteEntityAsync(Partition, id, cancellationToken: cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> OlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        await foreach (var entity in _table.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and Since lt {cutoff}"), select: ["RowKey"], cancellationToken: cancellationToken))
        {
            ids.Add(entity.RowKey);
        }
        return ids;
    }
}
