using System.Globalization;
using Azure;
using Azure.Data.Tables;

namespace Intake.Functions.Storage;

/// <summary>
/// The funnel index (docs/storage.md, "The funnel table"): one row per listed submission, keyed by its
/// receipt date (the partition, <c>yyyy-MM-dd</c> in UTC) and its id, holding only what the funnel counts
/// (<see cref="Funnel.Of"/>): list, channel, result, receipt time, person id, team status, reopened, first
/// contact and the NotMet criterion ids. No name, no contact detail, no answer. Written after every write
/// of the submission's line, so a 30-day <c>GET /api/stats</c> reads the rows of about 32 partitions,
/// whatever the lists hold. Stores of before it are indexed by a pass (<see cref="IndexListedAsync"/>)
/// that marks the index complete; until then the funnel is read from the lines, as before.
/// </summary>
public sealed class TableFunnelIndex(TableServiceClient tables) : IFunnelIndex
{
    private const string MarkerPartition = "~index";
    private const string MarkerRow = "complete";
    private const int LinesPerPage = 1000;
    private const int IndexedAtOnce = 4;
    private readonly TableClient _table = tables.GetTableClient(StorageNames.FunnelTable);
    private readonly TableClient _lists = tables.GetTableClient(StorageNames.TeamListsTable);
    private volatile bool _complete;

    /// <summary>Records <paramref name="line"/> as the funnel counts it (replacing what was there).</summary>
    public Task PutAsync(WorklistItem line, CancellationToken cancellationToken) =>
        _table.UpsertEntityAsync(ToEntity(line), TableUpdateMode.Replace, cancellationToken);

    /// <summary>Takes submission <paramref name="id"/>, received at <paramref name="receivedAt"/>, out of the index; nothing when it is not there.</summary>
    public Task RemoveAsync(string id, DateTimeOffset receivedAt, CancellationToken cancellationToken) =>
        TableSubmissionRemoval.DeleteAsync(_table, PartitionOf(receivedAt), id, cancellationToken);

    /// <summary>
    /// Takes the row of a listed submission <paramref name="id"/>, received at <paramref name="receivedAt"/>,
    /// out of the index, but not its erased row (a submission received on the first of a month has both
    /// under the same key): what an erasure does to a line a change put back after an earlier erase.
    /// </summary>
    public async Task RemoveListedAsync(string id, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(PartitionOf(receivedAt), id, ["List"], cancellationToken);
        if (row.HasValue && row.Value!.GetString("List") != nameof(TeamList.Erased))
        {
            try
            {
                await _table.DeleteEntityAsync(row.Value.PartitionKey, id, row.Value.ETag, cancellationToken);
            }
            catch (RequestFailedException e) when (e.Status is 404 or 412)
            {
                // Gone already, or just rewritten (the erased row written over it): either way not a listed row any more.
            }
        }
    }

    /// <summary>
    /// Erases the row of a submission received at <paramref name="receivedAt"/> and records
    /// <paramref name="erased"/> (its erased line: the tombstone's fields, counted on the first of its
    /// month) in its place: the exact receipt date goes with the submission.
    /// </summary>
    public async Task PutErasedAsync(WorklistItem erased, DateTimeOffset? receivedAt, CancellationToken cancellationToken)
    {
        if (receivedAt is { } at && PartitionOf(at) != PartitionOf(erased.ReceivedAt))
        {
            await RemoveAsync(erased.Id, at, cancellationToken);
        }
        await PutAsync(erased, cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>Cached once true.</remarks>
    public async Task<bool> IsCompleteAsync(CancellationToken cancellationToken)
    {
        if (!_complete)
        {
            _complete = (await _table.GetEntityIfExistsAsync<TableEntity>(MarkerPartition, MarkerRow, ["RowKey"], cancellationToken)).HasValue;
        }
        return _complete;
    }

    /// <inheritdoc />
    public async Task MarkCompleteAsync(CancellationToken cancellationToken)
    {
        await _table.UpsertEntityAsync(new TableEntity(MarkerPartition, MarkerRow), TableUpdateMode.Replace, cancellationToken);
        _complete = true;
    }

    /// <summary>
    /// The index's rows of submissions received at or after <paramref name="from"/> and before
    /// <paramref name="until"/>: one query of the receipt dates' partitions, reading only their rows.
    /// </summary>
    public async Task<IReadOnlyList<WorklistItem>> BetweenAsync(DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken)
    {
        var items = new List<WorklistItem>();
        if (until <= from)
        {
            return items;
        }
        // The last instant before until (later than from, so there is one).
        var filter = TableClient.CreateQueryFilter($"PartitionKey ge {PartitionOf(from)} and PartitionKey le {PartitionOf(until.AddTicks(-1))}");
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            var item = ToItem(row);
            if (item.ReceivedAt >= from && item.ReceivedAt < until)
            {
                items.Add(item);
            }
        }
        return items;
    }

    /// <inheritdoc />
    /// <remarks>The lines of every list (worklist, screened-out, not genuine, erased), a page of 1,000 at a time, four added at once.</remarks>
    public Task<PassTally> IndexListedAsync(CancellationToken cancellationToken) =>
        ItemPass.ForEachAsync(ListedPagesAsync(cancellationToken), row => row.GetString("Id") ?? row.RowKey, IndexedAtOnce, async (row, token) =>
        {
            try
            {
                await _table.AddEntityAsync(ToEntity(TableTeamLists.ToItem(row)), token);
            }
            catch (RequestFailedException e) when (e.Status == 409)
            {
                // Indexed already: a change since wrote its row, which is newer than this line as read.
            }
        }, cancellationToken);

    // The lines of every list, a page at a time.
    private async IAsyncEnumerable<IReadOnlyList<TableEntity>> ListedPagesAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var list in Enum.GetValues<TeamList>())
        {
            var range = ListsPartition.RowsStartingWith(TableTeamLists.Prefix(list));
            await foreach (var page in _lists.QueryAsync<TableEntity>(range, LinesPerPage, cancellationToken: cancellationToken).AsPages())
            {
                yield return page.Values;
            }
        }
    }

    // The receipt date in UTC: a site's date range is read with a day to spare at each end (FunnelReader).
    private static string PartitionOf(DateTimeOffset receivedAt) =>
        receivedAt.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static TableEntity ToEntity(WorklistItem line) => new(PartitionOf(line.ReceivedAt), line.Id)
    {
        ["List"] = line.List.ToString(),
        ["Kind"] = line.Kind.ToString(),
        ["Result"] = line.Result.ToString(),
        ["ReceivedAt"] = line.ReceivedAt,
        ["PersonId"] = line.PersonId,
        ["TeamStatus"] = line.TeamStatus.ToString(),
        ["Reopened"] = line.Reopened,
        ["FirstContactAt"] = line.FirstContactAt,
        // The criterion ids alone ("I8,E2"): what the funnel counts, not the reasons' text.
        ["NotMet"] = string.Join(',', line.NotMetReasons.Select(Funnel.CriterionIdOf).OfType<string>().Distinct(StringComparer.Ordinal)),
    };

    private static WorklistItem ToItem(TableEntity e) => new()
    {
        Id = e.RowKey,
        List = Enum.Parse<TeamList>(e.GetString("List")),
        Kind = Enum.Parse<SubmissionKind>(e.GetString("Kind")),
        Result = Enum.Parse<PrecheckResult>(e.GetString("Result")),
        ReceivedAt = e.GetDateTimeOffset("ReceivedAt")!.Value,
        PersonId = e.GetString("PersonId") ?? e.RowKey,
        TeamStatus = Enum.Parse<TeamStatus>(e.GetString("TeamStatus")),
        Reopened = e.GetBoolean("Reopened") ?? false,
        FirstContactAt = e.GetDateTimeOffset("FirstContactAt"),
        NotMetReasons = e.GetString("NotMet") is { Length: > 0 } notMet ? [.. notMet.Split(',').Select(id => id + ":")] : [],
        Summary = "",
    };
}
