using Azure.Data.Tables;

namespace Intake.Functions.Storage;

/// <summary>
/// The last outcome of each timer pass: one row per pass (<c>passes</c>, the pass's name) in the
/// <see cref="StorageNames.TimerPassesTable"/> table, replaced at the end of every pass. Counts only.
/// </summary>
public sealed class TablePassOutcomes(TableServiceClient tables) : IPassOutcomes
{
    private const string Partition = "passes";
    private readonly TableClient _table = tables.GetTableClient(StorageNames.TimerPassesTable);

    /// <inheritdoc />
    public async Task RecordAsync(PassOutcome outcome, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        await _table.UpsertEntityAsync(new TableEntity(Partition, outcome.Pass)
        {
            ["At"] = outcome.At,
            ["Items"] = outcome.Items,
            ["Failures"] = outcome.Failures,
        }, TableUpdateMode.Replace, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<PassOutcome>> ReadAsync(CancellationToken cancellationToken)
    {
        var outcomes = new List<PassOutcome>();
        await foreach (var e in _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Partition}"), cancellationToken: cancellationToken))
        {
            outcomes.Add(new PassOutcome(e.RowKey, e.GetDateTimeOffset("At")!.Value, e.GetInt32("Items") ?? 0, e.GetInt32("Failures") ?? 0));
        }
        return [.. outcomes.OrderBy(o => PassOrder(o.Pass)).ThenBy(o => o.Pass, StringComparer.Ordinal)];
    }

    private static int PassOrder(string pass)
    {
        for (var i = 0; i < PassOutcome.Passes.Count; i++)
        {
            if (PassOutcome.Passes[i] == pass)
            {
                return i;
            }
        }
        return int.MaxValue;
    }
}
