using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Intake.Core;

namespace Intake.Functions.Storage;

/// <summary>
/// The worklist, the screened-out list (and the index of submissions marked not genuine) in one partition of one table (<see cref="ListsPartition"/>),
/// keyed in list order (<see cref="WorklistOrder"/>), so a list is one ordered range query, a move
/// between the lists is one transaction, and so is a first listing with its pending mark and person entry.
/// </summary>
public sealed class TableTeamLists(TableServiceClient tables, PersonDigests digests) : ITeamLists
{
    private const string Partition = ListsPartition.Key;
    private readonly TableClient _table = tables.GetTableClient(StorageNames.TeamListsTable);

    /// <inheritdoc />
    public async Task PutFirstAsync(WorklistItem item, PersonEntry? person, CancellationToken cancellationToken)
    {
        List<TableTransactionAction> actions =
        [
            new(TableTransactionActionType.UpsertReplace, ToEntity(item)),
            new(TableTransactionActionType.Delete, new TableEntity(Partition, ListsPartition.PendingKey(item.Id)), ETag.All),
        ];
        if (person is not null)
        {
            actions.Add(new(TableTransactionActionType.UpsertReplace, ListsPartition.Person(person, digests)));
        }
        try
        {
            await _table.SubmitTransactionAsync(actions, cancellationToken);
        }
        catch (TableTransactionFailedException e) when (e.Status == 404 && e.FailedTransactionActionIndex == 1)
        {
            // The mark is already cleared (an earlier delivery listed it): the rest again, without it.
            actions.RemoveAt(1);
            await _table.SubmitTransactionAsync(actions, cancellationToken);
        }
    }

    /// <inheritdoc />
    public async Task PutAsync(WorklistItem item, WorklistItem? replacing, CancellationToken cancellationToken)
    {
        var entity = ToEntity(item);
        if (replacing is null || RowKey(replacing) == entity.RowKey)
        {
            await _table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
            return;
        }
        try
        {
            await _table.SubmitTransactionAsync(
            [
                new(TableTransactionActionType.Delete, new TableEntity(Partition, RowKey(replacing)), ETag.All),
                new(TableTransactionActionType.UpsertReplace, entity),
            ], cancellationToken);
        }
        catch (TableTransactionFailedException e) when (e.Status == 404)
        {
            // The old line is already gone (an earlier delivery moved it): just make sure of the new one.
            await _table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<WorklistItem>> ListAsync(TeamList list, WorklistFilter filter, CancellationToken cancellationToken)
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
        var items = new List<WorklistItem>();
        await foreach (var entity in _table.QueryAsync<TableEntity>(query, cancellationToken: cancellationToken))
        {
            items.Add(ToItem(entity));
        }
        return items;
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
        await foreach (var page in _table.QueryAsync<TableEntity>(query, pageSize, ["Id"], cancellationToken).AsPages())
        {
            if (page.Values.Count > 0)
            {
                yield return [.. page.Values.Select(e => e.GetString("Id"))];
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

    private static WorklistItem ToItem(TableEntity e) => new()
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
