using System.Globalization;
using Azure;
using Azure.Data.Tables;

namespace Intake.Functions.Storage;

/// <summary>
/// The funnel index (docs/storage.md, "The funnel index, a table a month"): one row per listed submission, in a table of
/// its receipt month (<c>funnel{yyyyMM}</c>, UTC), keyed by its receipt date (the partition,
/// <c>yyyy-MM-dd</c>) and its id, holding only what the funnel counts (<see cref="Funnel.Of"/>): list,
/// channel, result, receipt time, person id, team status, reopened, first contact and the NotMet criterion
/// ids. No name, no contact detail, no answer. Written after every write of the submission's line, so a
/// 30-day <c>GET /api/stats</c> reads the rows of about 32 partitions in two month tables, whatever the
/// lists hold (and, on Azurite, which walks a whole table for a query, whatever the other months hold).
/// A month's table is made by its first write. Stores of before it are indexed by a pass
/// (<see cref="IndexListedAsync"/>) that marks the index complete; until then the funnel is read from the
/// lines, as before.
/// </summary>
public sealed class TableFunnelIndex(TableServiceClient tables) : IFunnelIndex
{
    private const string MarkerPartition = "~index";
    // The marker of this layout; "complete" marked the one before it (every row in the one table 'funnel').
    private const string MarkerRow = "months";
    private const string OneTableMarkerRow = "complete";
    private const int LinesPerPage = 1000;
    private const int IndexedAtOnce = 4;
    // The markers, and the rows of the one-table layout until the pass has deleted them.
    private readonly TableClient _funnel = tables.GetTableClient(StorageNames.FunnelTable);
    private readonly TableClient _lists = tables.GetTableClient(StorageNames.TeamListsTable);
    private volatile bool _complete;

    /// <summary>Records <paramref name="line"/> as the funnel counts it (replacing what was there).</summary>
    public Task PutAsync(WorklistItem line, CancellationToken cancellationToken) =>
        WriteAsync(line.ReceivedAt, table => table.UpsertEntityAsync(ToEntity(line), TableUpdateMode.Replace, cancellationToken), cancellationToken);

    /// <summary>Takes submission <paramref name="id"/>, received at <paramref name="receivedAt"/>, out of the index; nothing when it is not there.</summary>
    public async Task RemoveAsync(string id, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        await TableSubmissionRemoval.DeleteAsync(MonthTable(receivedAt), PartitionOf(receivedAt), id, cancellationToken);
        await RemoveOneTableRowAsync(id, receivedAt, cancellationToken);
    }

    /// <summary>
    /// Takes the row of a listed submission <paramref name="id"/>, received at <paramref name="receivedAt"/>,
    /// out of the index, but not its erased row (a submission received on the first of a month has both
    /// under the same key): what an erasure does to a line a change put back after an earlier erase.
    /// </summary>
    public async Task RemoveListedAsync(string id, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        await RemoveOneTableRowAsync(id, receivedAt, cancellationToken);
        var table = MonthTable(receivedAt);
        NullableResponse<TableEntity> row;
        try
        {
            row = await table.GetEntityIfExistsAsync<TableEntity>(PartitionOf(receivedAt), id, ["List"], cancellationToken);
        }
        catch (RequestFailedException e) when (TablesMadeOnFirstWrite.IsNoTable(e))
        {
            return;
        }
        if (row.HasValue && row.Value!.GetString("List") != nameof(TeamList.Erased))
        {
            try
            {
                await table.DeleteEntityAsync(row.Value.PartitionKey, id, row.Value.ETag, cancellationToken);
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
        if (receivedAt is { } at)
        {
            if (PartitionOf(at) != PartitionOf(erased.ReceivedAt))
            {
                await RemoveAsync(erased.Id, at, cancellationToken);
            }
            else
            {
                await RemoveOneTableRowAsync(erased.Id, at, cancellationToken);
            }
        }
        await PutAsync(erased, cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>Cached once true.</remarks>
    public async Task<bool> IsCompleteAsync(CancellationToken cancellationToken)
    {
        if (!_complete)
        {
            _complete = (await _funnel.GetEntityIfExistsAsync<TableEntity>(MarkerPartition, MarkerRow, ["RowKey"], cancellationToken)).HasValue;
        }
        return _complete;
    }

    /// <inheritdoc />
    public async Task MarkCompleteAsync(CancellationToken cancellationToken)
    {
        await _funnel.UpsertEntityAsync(new TableEntity(MarkerPartition, MarkerRow), TableUpdateMode.Replace, cancellationToken);
        await TableSubmissionRemoval.DeleteAsync(_funnel, MarkerPartition, OneTableMarkerRow, cancellationToken);
        _complete = true;
    }

    /// <summary>
    /// The index's rows of submissions received at or after <paramref name="from"/> and before
    /// <paramref name="until"/>: one query of the receipt dates' partitions in each month's table of the
    /// range (two for 30 days, at once), reading only their rows; a month with no table has none.
    /// </summary>
    public async Task<IReadOnlyList<WorklistItem>> BetweenAsync(DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken)
    {
        if (until <= from)
        {
            return [];
        }
        // The last instant before until (later than from, so there is one).
        var last = until.AddTicks(-1);
        var filter = TableClient.CreateQueryFilter($"PartitionKey ge {PartitionOf(from)} and PartitionKey le {PartitionOf(last)}");
        var months = new List<DateTimeOffset>();
        for (var month = FirstOfMonth(from); month <= last; month = month.AddMonths(1))
        {
            months.Add(month);
        }
        var rows = await Task.WhenAll(months.Select(month => RowsAsync(MonthTable(month), filter, cancellationToken)));
        return [.. rows.SelectMany(r => r).Where(item => item.ReceivedAt >= from && item.ReceivedAt < until)];
    }

    private static async Task<List<WorklistItem>> RowsAsync(TableClient table, string filter, CancellationToken cancellationToken)
    {
        var items = new List<WorklistItem>();
        try
        {
            await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
            {
                items.Add(ToItem(row));
            }
        }
        catch (RequestFailedException e) when (TablesMadeOnFirstWrite.IsNoTable(e))
        {
            // No submission was received in that month since the index exists.
        }
        return items;
    }

    /// <inheritdoc />
    /// <remarks>
    /// The lines of every list (worklist, screened-out, not genuine, erased), a page of 1,000 at a time, four
    /// added at once; then the rows of the one-table layout (every row in 'funnel', of before the month
    /// tables) are deleted, each on its own, so that none outlives its submission's erasure.
    /// </remarks>
    public async Task<PassTally> IndexListedAsync(CancellationToken cancellationToken)
    {
        var listed = await ItemPass.ForEachAsync(ListedPagesAsync(cancellationToken), row => row.GetString("Id") ?? row.RowKey, IndexedAtOnce, async (row, token) =>
        {
            var line = TableTeamLists.ToItem(row);
            try
            {
                await WriteAsync(line.ReceivedAt, table => table.AddEntityAsync(ToEntity(line), token), token);
            }
            catch (RequestFailedException e) when (e.Status == 409)
            {
                // Indexed already: a change since wrote its row, which is newer than this line as read.
            }
        }, cancellationToken);
        var oneTable = await ItemPass.ForEachAsync(OneTableRowPagesAsync(cancellationToken), row => row.RowKey, IndexedAtOnce,
            (row, token) => TableSubmissionRemoval.DeleteAsync(_funnel, row.PartitionKey, row.RowKey, token), cancellationToken);
        return new PassTally(listed.Items + oneTable.Items, [.. listed.Failures, .. oneTable.Failures]);
    }

    // The rows of the one-table layout: every row of 'funnel' but the markers (whose partition, '~index', sorts after every date).
    private async IAsyncEnumerable<IReadOnlyList<TableEntity>> OneTableRowPagesAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey lt {MarkerPartition}");
        await foreach (var page in _funnel.QueryAsync<TableEntity>(filter, LinesPerPage, ["PartitionKey", "RowKey"], cancellationToken).AsPages())
        {
            yield return page.Values;
        }
    }

    // A row of the one-table layout, which a store indexed before the month tables holds until the pass has run.
    private Task RemoveOneTableRowAsync(string id, DateTimeOffset receivedAt, CancellationToken cancellationToken) =>
        TableSubmissionRemoval.DeleteAsync(_funnel, PartitionOf(receivedAt), id, cancellationToken);

    // A write to the table of the receipt month, which the month's first write makes (its only extra request).
    private Task WriteAsync(DateTimeOffset receivedAt, Func<TableClient, Task> write, CancellationToken cancellationToken) =>
        TablesMadeOnFirstWrite.WriteAsync(MonthTable(receivedAt), write, cancellationToken);

    // The lines of every list, a page at a time.
    private async IAsyncEnumerable<IReadOnlyList<TableEntity>> ListedPagesAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var list in Enum.GetValues<TeamList>())
        {
            var range = ListsPartition.RowsStartingWith(TableTeamLists.Prefix(list));
            // The list's shelves (ListShelves), then the lists' partition (the lines kept there before them, and every
            // not-genuine and erased line).
            var shelves = ListShelves.IsShelved(list) ? await ListShelves.NamesAsync(tables, list, cancellationToken) : [];
            foreach (var table in shelves.Select(tables.GetTableClient).Append(_lists))
            {
                await foreach (var page in table.QueryAsync<TableEntity>(range, LinesPerPage, cancellationToken: cancellationToken).AsPages())
                {
                    yield return page.Values;
                }
            }
        }
    }

    /// <summary>The table of the month of <paramref name="receivedAt"/> in UTC: <c>funnel202612</c>.</summary>
    public static string MonthTableName(DateTimeOffset receivedAt) =>
        StorageNames.FunnelTable + receivedAt.UtcDateTime.ToString("yyyyMM", CultureInfo.InvariantCulture);

    private TableClient MonthTable(DateTimeOffset receivedAt) => tables.GetTableClient(MonthTableName(receivedAt));

    private static DateTimeOffset FirstOfMonth(DateTimeOffset at) => new(at.UtcDateTime.Year, at.UtcDateTime.Month, 1, 0, 0, 0, TimeSpan.Zero);

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
