using System.Globalization;
using Azure;
using Azure.Data.Tables;

namespace Intake.Functions.Storage;

/// <summary>
/// The used challenges in the <c>challenges</c> table: one insert-only row per accepted solution,
/// in the partition of the hour its challenge expires (<c>yyyyMMddHH</c>, so expired ones are a
/// range of partitions) and keyed by the challenge itself (64 lowercase hex characters: no
/// character Azure forbids in a key). A second insert of the same challenge, from any instance,
/// fails with 409: the solution was used.
/// </summary>
public sealed class TableUsedChallenges(TableServiceClient tables) : IUsedChallenges
{
    private readonly TableClient _table = tables.GetTableClient(StorageNames.ChallengesTable);

    /// <inheritdoc />
    public async Task<bool> TryUseAsync(string challenge, DateTimeOffset expires, CancellationToken cancellationToken)
    {
        try
        {
            await _table.AddEntityAsync(new TableEntity(PartitionOf(expires), challenge) { ["Expires"] = expires }, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> ExpiredBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        // Whole hours before the cutoff's hour hold only challenges that expired before it.
        var records = new List<string>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey lt {PartitionOf(cutoff)}");
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            records.Add($"{row.PartitionKey}/{row.RowKey}");
        }
        return records;
    }

    /// <inheritdoc />
    public async Task RemoveAsync(string record, CancellationToken cancellationToken)
    {
        var slash = record.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            throw new ArgumentException("Not a record of ExpiredBeforeAsync.", nameof(record));
        }
        // A row already gone (another instance's pass) is not an error: the SDK ignores 404 here.
        await _table.DeleteEntityAsync(record[..slash], record[(slash + 1)..], ETag.All, cancellationToken);
    }

    private static string PartitionOf(DateTimeOffset when) => when.UtcDateTime.ToString("yyyyMMddHH", CultureInfo.InvariantCulture);
}
