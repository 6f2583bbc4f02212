using System.Globalization;
using Azure;
using Azure.Data.Tables;

namespace Intake.Functions.Storage;

/// <summary>
/// The team's lists (docs/storage.md, "The lists' shelves"): the worklist and the screened-out lines, keyed
/// in list order (<see cref="WorklistOrder"/>), each on the shelf of its stretch of that order
/// (<see cref="ListShelves"/>, a table of its own), so that a page is one bounded range query of one small
/// table (two where a page ends a shelf); and in the one partition of the team lists' table
/// (<see cref="ListsPartition"/>) everything else written with them: the index of submissions marked not
/// genuine and the erased lines, the pending marks (this file's <c>.PendingMarks</c> part) and the marks of
/// moves between shelves (<c>.Shelves</c>). With them the people index, in its own table
/// (<see cref="TablePeopleIndex"/>; <c>.PeopleIndex</c>, <c>.PeopleSearch</c>): one class because a first
/// listing records the person, then writes the line, then clears the pending mark (<see cref="PutFirstAsync"/>).
/// </summary>
public sealed partial class TableTeamLists(TableServiceClient tables, PersonDigests digests, TimeProvider? clock = null) : ITeamLists
{
    private const string Partition = ListsPartition.Key;
    private const int ContactReadsAtOnce = 16;
    private const int MaxShelvesAtOnce = 8;
    private readonly TableClient _table = tables.GetTableClient(StorageNames.TeamListsTable);
    private readonly SubmissionTables _submissions = SubmissionTables.Of(tables);
    private readonly ListCursors _cursors = new(digests);
    private readonly TablePeopleIndex _people = new(tables, digests);
    private readonly TableFunnelIndex _funnel = new(tables);
    private readonly OldLayoutLook _oldPeople = new(token => AnyOldPeopleRowAsync(tables.GetTableClient(StorageNames.TeamListsTable), token));
    private readonly OldLayoutLook _unshelved = new(token => AnyUnshelvedLineAsync(tables.GetTableClient(StorageNames.TeamListsTable), token));
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    /// <inheritdoc />
    public async Task PutFirstAsync(WorklistItem item, PersonEntry? person, CancellationToken cancellationToken)
    {
        if (person is not null)
        {
            // The person first, in the people table (a transaction of its own): once the pending mark is
            // cleared below, nothing would come back to record a person this write left out.
            await _people.PutAsync(person, cancellationToken);
        }
        var line = ToEntity(item);
        if (ListShelves.TableOf(line.RowKey) == StorageNames.TeamListsTable)
        {
            // A line kept in the lists' partition (not a shelf): the line and the clearing of the mark in one transaction.
            List<TableTransactionAction> actions =
            [
                new(TableTransactionActionType.UpsertReplace, line),
                new(TableTransactionActionType.Delete, new TableEntity(Partition, ListsPartition.PendingKey(item.Id)), ETag.All),
            ];
            try
            {
                await _table.SubmitTransactionAsync(actions, cancellationToken);
            }
            catch (TableTransactionFailedException e) when (e.Status == 404 && e.FailedTransactionActionIndex == 1)
            {
                // The mark is already cleared (an earlier delivery listed it): the line again, without it.
                await _table.UpsertEntityAsync(line, TableUpdateMode.Replace, cancellationToken);
            }
        }
        else
        {
            // The line on its shelf, then the mark: a delivery cut off between them leaves the mark, and the
            // reconciler settles the item anew (the same line again, then the mark).
            await UpsertLineAsync(line, cancellationToken);
            await TableSubmissionRemoval.DeleteAsync(_table, Partition, ListsPartition.PendingKey(item.Id), cancellationToken);
        }
        // The funnel's row after the line: a delivery cut off before it is delivered again (the message stays).
        await _funnel.PutAsync(item, cancellationToken);
    }

    /// <inheritdoc />
    public async Task PutAsync(WorklistItem item, WorklistItem? replacing, CancellationToken cancellationToken)
    {
        var entity = ToEntity(item);
        if (replacing is null || RowKey(replacing) == entity.RowKey)
        {
            await UpsertLineAsync(entity, cancellationToken);
        }
        else if (ListShelves.TableOf(RowKey(replacing)) == ListShelves.TableOf(entity.RowKey))
        {
            // On the same shelf (or both in the lists' partition): the old line goes and the new one comes in one transaction.
            var table = tables.GetTableClient(ListShelves.TableOf(entity.RowKey));
            try
            {
                await table.SubmitTransactionAsync(
                [
                    new(TableTransactionActionType.Delete, new TableEntity(Partition, RowKey(replacing)), ETag.All),
                    new(TableTransactionActionType.UpsertReplace, entity),
                ], cancellationToken);
            }
            catch (TableTransactionFailedException e) when (e.Status == 404)
            {
                // The old line is already gone (an earlier delivery moved it): just make sure of the new one.
                await UpsertLineAsync(entity, cancellationToken);
            }
        }
        else
        {
            await MoveAsync(entity, RowKey(replacing), cancellationToken);
        }
        if (replacing is not null && RowKey(replacing) != entity.RowKey && await _unshelved.MayRemainAsync(cancellationToken))
        {
            // A store with lines from before the shelves: the line replaced may still be there.
            await TableSubmissionRemoval.DeleteAsync(_table, Partition, RowKey(replacing), cancellationToken);
        }
        await _funnel.PutAsync(item, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<WorklistItem>> ListAsync(TeamList list, WorklistFilter filter, CancellationToken cancellationToken)
    {
        var query = Query(list, filter);
        var lines = new Dictionary<string, TableEntity>(StringComparer.Ordinal);
        foreach (var table in await LineTablesAsync(list, cancellationToken))
        {
            await foreach (var entity in table.QueryAsync<TableEntity>(query, cancellationToken: cancellationToken))
            {
                // A line on its shelf wins over the same line still kept before the shelves (read last).
                lines.TryAdd(entity.RowKey, entity);
            }
        }
        return [.. lines.Values.OrderBy(e => e.RowKey, StringComparer.Ordinal).Select(ToItem)];
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<WorklistItem>> ReceivedBetweenAsync(TeamList list, DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken)
    {
        if (until <= from)
        {
            return [];
        }
        var prefix = Prefix(list);
        var query = list is TeamList.ScreenedOut or TeamList.NotGenuine
            // Keyed by inverted receipt ticks (WorklistOrder): the range is a range of row keys.
            ? TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and RowKey gt {prefix + Inverted(until) + "-~"} and RowKey lt {prefix + Inverted(from) + "-~"}")
            // Keyed by priority and biopsy (the worklist) or by id (erased): the list's range, by receipt.
            // The filter a second wider at each end (a store may compare times to the millisecond); the exact bounds below.
            : ListsPartition.RowsStartingWith(prefix) + " and " + TableClient.CreateQueryFilter($"ReceivedAt ge {Widened(from, -1)} and ReceivedAt lt {Widened(until, 1)}");
        var tablesToRead = await LineTablesAsync(list, cancellationToken);
        if (list == TeamList.ScreenedOut)
        {
            // Its shelves are receipt months: only those of the range.
            var first = ListShelves.ScreenedOutPrefix + from.UtcDateTime.ToString("yyyyMM", CultureInfo.InvariantCulture);
            var last = ListShelves.ScreenedOutPrefix + until.AddTicks(-1).UtcDateTime.ToString("yyyyMM", CultureInfo.InvariantCulture);
            tablesToRead = [.. tablesToRead.Where(t => t.Name == StorageNames.TeamListsTable
                || (string.CompareOrdinal(t.Name, first) >= 0 && string.CompareOrdinal(t.Name, last) <= 0))];
        }
        var items = new Dictionary<string, WorklistItem>(StringComparer.Ordinal);
        foreach (var table in tablesToRead)
        {
            await foreach (var entity in table.QueryAsync<TableEntity>(query, cancellationToken: cancellationToken))
            {
                var item = ToItem(entity);
                if (item.ReceivedAt >= from && item.ReceivedAt < until)
                {
                    items.TryAdd(entity.RowKey, item);
                }
            }
        }
        return [.. items.Values];
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<WorklistItem>> FunnelLinesAsync(DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken)
    {
        if (await _funnel.IsCompleteAsync(cancellationToken))
        {
            return await _funnel.BetweenAsync(from, until, cancellationToken);
        }
        // A store whose lines of before the funnel index are not all indexed yet (IndexFunnel): the lines themselves.
        var lists = await Task.WhenAll(Enum.GetValues<TeamList>().Select(list => ReceivedBetweenAsync(list, from, until, cancellationToken)));
        return [.. lists.SelectMany(l => l)];
    }

    // A second wider, within what a DateTimeOffset holds (an open end of a range is its minimum or maximum).
    private static DateTimeOffset Widened(DateTimeOffset instant, int seconds) =>
        seconds < 0 ? (instant.UtcTicks > DateTimeOffset.MinValue.UtcTicks - seconds * TimeSpan.TicksPerSecond ? instant.AddSeconds(seconds) : DateTimeOffset.MinValue)
                    : (instant.UtcTicks < DateTimeOffset.MaxValue.UtcTicks - seconds * TimeSpan.TicksPerSecond ? instant.AddSeconds(seconds) : DateTimeOffset.MaxValue);

    private static string Inverted(DateTimeOffset instant) =>
        (DateTimeOffset.MaxValue.UtcTicks - instant.UtcTicks).ToString("D19", CultureInfo.InvariantCulture);

    /// <inheritdoc />
    /// <remarks>
    /// The list's shelves in order from the cursor's, each read with the page's query after the cursor's line,
    /// until one more line than the page is found: one query of one shelf for most pages, a few where shelves
    /// end or a filter leaves few lines on each (read a window at a time, the window doubling up to 8). While lines from before the shelves remain (<see cref="LineShelving"/>),
    /// their page is read too and merged by key.
    /// </remarks>
    public async Task<WorklistPage?> PageAsync(TeamList list, WorklistFilter filter, int limit, string? cursor, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, WorklistPage.MaxLimit);
        var query = Query(list, filter);
        string? after = null;
        if (cursor is not null)
        {
            if (_cursors.Open(list, filter, cursor) is not { } opened || !opened.StartsWith(Prefix(list), StringComparison.Ordinal))
            {
                return null;
            }
            after = opened;
            // After the last line shown: a line that moved since is met at its new place, never twice at the same one.
            query += " and " + TableClient.CreateQueryFilter($"RowKey gt {after}");
        }
        // One more than the page, to know whether there is a next one.
        var lines = new SortedDictionary<string, TableEntity>(StringComparer.Ordinal);
        if (ListShelves.IsShelved(list))
        {
            var from = after is null ? null : ListShelves.TableOf(after);
            var order = ListShelves.WalkOrder(list);
            var shelves = (await ShelvesAsync(list, filter, cancellationToken)).Where(shelf => from is null || order.Compare(shelf, from) >= 0).ToList();
            // The first shelf alone, then windows of 2, 4, 8 shelves read at once: a page that one shelf fills (most)
            // reads one, and a filter that leaves few lines on each shelf does not wait for them one by one. Every
            // line of a later shelf comes after every line of an earlier one, so the page is the first lines read.
            for (int start = 0, window = 1; start < shelves.Count && lines.Count <= limit; start += window, window = Math.Min(window * 2, MaxShelvesAtOnce))
            {
                var wanted = limit + 1 - lines.Count;
                var read = await Task.WhenAll(shelves.Skip(start).Take(window).Select(shelf => ReadAsync(tables.GetTableClient(shelf), wanted)));
                foreach (var entity in read.SelectMany(r => r))
                {
                    lines.TryAdd(entity.RowKey, entity);
                }
            }
        }
        if (!ListShelves.IsShelved(list) || await _unshelved.MayRemainAsync(cancellationToken))
        {
            foreach (var entity in await ReadAsync(_table, limit + 1))
            {
                // A line on its shelf wins over the same line still kept before the shelves.
                lines.TryAdd(entity.RowKey, entity);
            }
        }
        string? next = null;
        var page = lines.Values.Take(limit + 1).ToList();
        if (page.Count > limit)
        {
            page.RemoveAt(limit);
            next = _cursors.Make(list, filter, page[^1].RowKey);
        }
        WorklistItem[] items = [.. page.Select(ToItem)];
        return new WorklistPage(items, await ContactsAsync(items, cancellationToken), next);

        async Task<List<TableEntity>> ReadAsync(TableClient table, int wanted)
        {
            var read = new List<TableEntity>(wanted);
            await foreach (var entity in table.QueryAsync<TableEntity>(query, maxPerPage: wanted, cancellationToken: cancellationToken))
            {
                read.Add(entity);
                if (read.Count >= wanted)
                {
                    break;
                }
            }
            return read;
        }
    }

    // The contact entities of a page's submissions, point reads a few at a time (api-2.md: the team sees
    // name, e-mail and phone on its lists). They stay in the submission's partition, where erasure deletes them.
    private async Task<IReadOnlyDictionary<string, Contact>> ContactsAsync(IReadOnlyList<WorklistItem> items, CancellationToken cancellationToken)
    {
        var contacts = new System.Collections.Concurrent.ConcurrentDictionary<string, Contact>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = ContactReadsAtOnce, CancellationToken = cancellationToken }, async (item, token) =>
        {
            if (await SubmissionEntities.ReadAsync(await _submissions.ForAsync(item.Id, token), item.Id, SubmissionRowKind.Contact, token) is { } contact)
            {
                contacts[item.Id] = SubmissionEntities.ToContact(contact);
            }
        });
        return contacts;
    }

    // A list's range with the filter's parameterised property filters.
    private static string Query(TeamList list, WorklistFilter filter)
    {
        var query = ListsPartition.RowsStartingWith(Prefix(list));
        if (filter.Priority is { } priority)
        {
            query += " and " + TableClient.CreateQueryFilter($"Priority eq {priority.ToString()}");
        }
        if (filter.TeamStatus is { } teamStatus)
        {
            query += " and " + TableClient.CreateQueryFilter($"TeamStatus eq {teamStatus.ToString()}");
        }
        query += WorkingFilters.Of(filter);
        return query;
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<IReadOnlyList<string>> OpenWorklistAsync(DateOnly? dueOn, int pageSize,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var open = string.Join(" or ", TeamActions.Open.Order().Select(s => TableClient.CreateQueryFilter($"TeamStatus eq {s.ToString()}")));
        var query = $"{ListsPartition.RowsStartingWith(Prefix(TeamList.Worklist))} and ({open})";
        if (dueOn is { } day)
        {
            // Parameterised: the date is a value, never text of the filter.
            query += " and " + TableClient.CreateQueryFilter($"(RecheckOn le {Date(day)} or UrgentAlertPending eq {true})");
        }
        // Every shelf of the worklist, and the lines from before the shelves while any remain (an id may come
        // twice while it is being moved; the re-evaluation of an item is safe to repeat).
        foreach (var table in await LineTablesAsync(TeamList.Worklist, cancellationToken))
        {
            await foreach (var page in table.QueryAsync<TableEntity>(query, pageSize, ["Id"], cancellationToken).AsPages())
            {
                if (page.Values.Count > 0)
                {
                    yield return [.. page.Values.Select(e => e.GetString("Id"))];
                }
            }
        }
    }

    /// <summary>The row key prefix of a list's lines.</summary>
    internal static string Prefix(TeamList list) => list switch
    {
        TeamList.Worklist => "w-",
        TeamList.ScreenedOut => "s-",
        TeamList.NotGenuine => "n-",
        TeamList.Erased => "x-",
        _ => throw new ArgumentOutOfRangeException(nameof(list), list, null),
    };

    /// <summary>The row key of an item's line.</summary>
    internal static string LineKey(WorklistItem item) => RowKey(item);

    private static string RowKey(WorklistItem item) => Prefix(item.List) + WorklistOrder.KeyOf(item);

    /// <summary>The entity of a line.</summary>
    internal static TableEntity ToEntity(WorklistItem item) => new(Partition, RowKey(item))
    {
        ["Id"] = item.Id,
        ["Kind"] = item.Kind.ToString(),
        ["Result"] = item.Result.ToString(),
        ["Priority"] = item.Priority?.ToString(),
        ["ReceivedAt"] = item.ReceivedAt,
        ["ScheduledBiopsyDate"] = item.ScheduledBiopsyDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["TeamStatus"] = item.TeamStatus.ToString(),
        ["Summary"] = item.Summary,
        ["NotMetReasons"] = string.Join('\n', item.NotMetReasons),
        ["FollowUps"] = string.Join('\n', item.FollowUps),
        ["PersonId"] = item.PersonId,
        ["Reopened"] = item.Reopened,
        ["FirstContactAt"] = item.FirstContactAt,
        ["RecheckOn"] = item.RecheckOn is { } recheck ? Date(recheck) : null,
        ["UrgentAlertPending"] = item.UrgentAlertPending,
        // Working the item (api-2.md): who follows it up, the last contact attempt without its note, the next contact date.
        [WorkingFilters.AssignedToProperty] = item.AssignedTo,
        [WorkingFilters.NextContactOnProperty] = item.NextContactOn is { } next ? Date(next) : null,
        ["LastContactChannel"] = item.LastContactAttempt?.Channel.ToString(),
        ["LastContactOutcome"] = item.LastContactAttempt?.Outcome.ToString(),
        ["LastContactAt"] = item.LastContactAttempt?.At,
        ["LastContactBy"] = item.LastContactAttempt?.By,
    };

    /// <summary>The item of a line.</summary>
    internal static WorklistItem ToItem(TableEntity e) => new()
    {
        Id = e.GetString("Id"),
        List = Enum.GetValues<TeamList>().First(l => e.RowKey.StartsWith(Prefix(l), StringComparison.Ordinal)),
        Kind = Enum.Parse<SubmissionKind>(e.GetString("Kind")),
        Result = Enum.Parse<PrecheckResult>(e.GetString("Result")),
        Priority = e.GetString("Priority") is { } p ? Enum.Parse<Priority>(p) : null,
        ReceivedAt = e.GetDateTimeOffset("ReceivedAt")!.Value,
        ScheduledBiopsyDate = e.GetString("ScheduledBiopsyDate") is { } d ? DateOnly.ParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture) : null,
        TeamStatus = Enum.Parse<TeamStatus>(e.GetString("TeamStatus")),
        Summary = e.GetString("Summary"),
        NotMetReasons = Lines(e.GetString("NotMetReasons")),
        FollowUps = Lines(e.GetString("FollowUps")),
        PersonId = e.GetString("PersonId") ?? e.GetString("Id"),
        Reopened = e.GetBoolean("Reopened") ?? false,
        FirstContactAt = e.GetDateTimeOffset("FirstContactAt"),
        RecheckOn = e.GetString("RecheckOn") is { } recheck ? DateOnly.ParseExact(recheck, "yyyy-MM-dd", CultureInfo.InvariantCulture) : null,
        UrgentAlertPending = e.GetBoolean("UrgentAlertPending") ?? false,
        AssignedTo = e.GetString(WorkingFilters.AssignedToProperty),
        NextContactOn = e.GetString(WorkingFilters.NextContactOnProperty) is { } next ? DateOnly.ParseExact(next, "yyyy-MM-dd", CultureInfo.InvariantCulture) : null,
        LastContactAttempt = SubmissionEntities.ToContactAttempt(e, withNote: false),
    };

    // Dates as yyyy-MM-dd, whose order as text is their order in time, so a filter can compare them.
    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string[] Lines(string? text) => text is { Length: > 0 } ? text.Split('\n') : [];
}
