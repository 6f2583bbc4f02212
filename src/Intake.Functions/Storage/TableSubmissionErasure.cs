using System.Globalization;
using Azure;
using Azure.Data.Tables;

namespace Intake.Functions.Storage;

/// <summary>
/// Erases submissions from both tables (docs/storage.md, "Erasure"): the tombstone first (from the
/// record) and the person's entry in the people table, then the contact, referrer and history, then the
/// record, then its line on its shelf (where the record said it is, and where a move cut off left one),
/// every row of the lists partition that names the submission (its lines, people index entries as they
/// were kept there before the people table) and its pending mark. What
/// stays: the <c>tombstone</c> row in its partition and an <c>x-{id}</c> line with the tombstone's
/// fields for the funnel. Intents of erasures under way are <c>e-{key}</c> rows of the lists partition.
/// </summary>
public sealed class TableSubmissionErasure(TableServiceClient tables, PersonDigests digests) : ISubmissionErasure
{
    private readonly SubmissionTables _submissions = SubmissionTables.Of(tables);
    private readonly TableClient _lists = tables.GetTableClient(StorageNames.TeamListsTable);
    private readonly TablePeopleIndex _people = new(tables, digests);
    private readonly TableFunnelIndex _funnel = new(tables);

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> SubmissionsOfAsync(string personId, CancellationToken cancellationToken)
    {
        var ids = new SortedSet<string>(StringComparer.Ordinal);
        // Lines and people index entries of the person.
        var inLists = TableClient.CreateQueryFilter($"PartitionKey eq {ListsPartition.Key} and PersonId eq {personId}");
        await foreach (var row in _lists.QueryAsync<TableEntity>(inLists, select: ["RowKey", "Id", "SubmissionId"], cancellationToken: cancellationToken))
        {
            if (!ListsPartition.IsErasureRow(row.RowKey) && (row.GetString("Id") ?? row.GetString("SubmissionId")) is { } id)
            {
                ids.Add(id);
            }
        }
        // Records linked to the person (one not yet listed has no line), and the person's first submission.
        var records = SubmissionEntities.AnyLayoutOf(SubmissionRowKind.Record) + " and " + TableClient.CreateQueryFilter($"(PersonId eq {personId} or PartitionKey eq {personId})");
        await foreach (var row in _submissions.QueryAllAsync(records, ["PartitionKey"], cancellationToken: cancellationToken))
        {
            ids.Add(row.PartitionKey);
        }
        return [.. ids];
    }

    /// <inheritdoc />
    public Task MarkIntentAsync(ErasureIntent intent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(intent);
        return _lists.UpsertEntityAsync(new TableEntity(ListsPartition.Key, ListsPartition.ErasureKey(intent.Key))
        {
            ["Key"] = intent.Key,
            ["SubmissionIds"] = string.Join(',', intent.SubmissionIds),
            ["At"] = intent.Mark.At,
            ["By"] = intent.Mark.By,
            ["Reason"] = intent.Mark.Reason,
        }, TableUpdateMode.Replace, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<ErasureIntent?> IntentAsync(string key, CancellationToken cancellationToken)
    {
        var response = await _lists.GetEntityIfExistsAsync<TableEntity>(ListsPartition.Key, ListsPartition.ErasureKey(key), cancellationToken: cancellationToken);
        return response.HasValue ? ToIntent(response.Value!) : null;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ErasureIntent>> OpenIntentsAsync(CancellationToken cancellationToken)
    {
        var intents = new List<ErasureIntent>();
        await foreach (var row in _lists.QueryAsync<TableEntity>(ListsPartition.ErasureRange, cancellationToken: cancellationToken))
        {
            intents.Add(ToIntent(row));
        }
        return intents;
    }

    /// <inheritdoc />
    public Task ClearIntentAsync(string key, CancellationToken cancellationToken) =>
        TableSubmissionRemoval.DeleteAsync(_lists, ListsPartition.Key, ListsPartition.ErasureKey(key), cancellationToken);

    /// <inheritdoc />
    public async Task<bool> EraseAsync(string id, ErasureMark mark, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mark);
        var submissions = await _submissions.ForAsync(id, cancellationToken);
        var record = await SubmissionEntities.ReadAsync(submissions, id, SubmissionRowKind.Record, cancellationToken);
        DateOnly? born = null;
        string? lineKey = null;
        if (record is not null)
        {
            var submission = SubmissionEntities.ToSubmission(record);
            lineKey = submission.List is not null ? TableTeamLists.LineKey(WorklistItem.For(submission)) : null;
            var tombstone = ErasedSubmission.Of(submission, mark);
            // The tombstone before anything goes: an erasure cut off after this still knows what it was.
            await submissions.UpsertEntityAsync(Tombstone(tombstone), TableUpdateMode.Replace, cancellationToken);
            if (tombstone.Result is { } result)
            {
                var erased = ErasedLine(tombstone, result, submission.PersonId ?? id);
                await _lists.UpsertEntityAsync(ErasedEntity(erased), TableUpdateMode.Replace, cancellationToken);
                // The funnel counts it on the first of its month from now on, and its exact receipt date goes.
                await _funnel.PutErasedAsync(erased, submission.ReceivedAt, cancellationToken);
            }
            // The person's entry while the record still says under which date of birth it is.
            born = submission.PersonKeys?.DateOfBirth;
            if (born is { } date)
            {
                await _people.RemoveAsync(date, id, cancellationToken);
            }
        }
        await TableSubmissionRemoval.DeletePartitionAsync(submissions, id, [SubmissionRowKind.Tombstone, SubmissionRowKind.Record], cancellationToken);
        await TableSubmissionRemoval.DeleteAsync(submissions, id, SubmissionEntities.RecordKey(id), cancellationToken);
        await TableSubmissionRemoval.DeleteAsync(submissions, id, SubmissionEntities.OldKeyOf(SubmissionRowKind.Record), cancellationToken);
        // Lines and index entries after the record: a change racing the erase cannot list it again once the record is gone.
        var deleted = 0;
        var named = TableClient.CreateQueryFilter($"PartitionKey eq {ListsPartition.Key} and (Id eq {id} or SubmissionId eq {id})");
        await foreach (var row in _lists.QueryAsync<TableEntity>(named, select: ["RowKey", "ReceivedAt"], cancellationToken: cancellationToken))
        {
            if (!ListsPartition.IsErasureRow(row.RowKey))
            {
                if (row.GetDateTimeOffset("ReceivedAt") is { } receivedAt)
                {
                    // A line put back by a change racing an erase before: its funnel row too (never the erased one).
                    await _funnel.RemoveListedAsync(id, receivedAt, cancellationToken);
                }
                // By body: a people index key of the format before person keys holds a plain birth digest, never to be in an address.
                await ListsPartition.DeleteByBodyAsync(_lists, row.RowKey, cancellationToken);
                deleted++;
            }
        }
        // The line on its shelf, where the record said it is, and the line a move of it cut off left behind.
        if (lineKey is not null && await DeleteShelvedLineAsync(lineKey, cancellationToken))
        {
            deleted++;
        }
        var move = await _lists.GetEntityIfExistsAsync<TableEntity>(ListsPartition.Key, ListsPartition.MoveKey(id), cancellationToken: cancellationToken);
        if (move.HasValue && move.Value!.GetString("Leaving") is { } leaving)
        {
            await DeleteShelvedLineAsync(leaving, cancellationToken);
            await TableSubmissionRemoval.DeleteAsync(_lists, ListsPartition.Key, ListsPartition.MoveKey(id), cancellationToken);
        }
        await TableSubmissionRemoval.DeleteAsync(_lists, ListsPartition.Key, ListsPartition.PendingKey(id), cancellationToken);
        if (born is { } again)
        {
            // Once more after the record: a correction racing the erase may have recorded the person again.
            await _people.RemoveAsync(again, id, cancellationToken);
        }
        return record is not null || deleted > 0;
    }

    // Deletes a worklist or screened-out line from its shelf; true when it was there.
    private async Task<bool> DeleteShelvedLineAsync(string rowKey, CancellationToken cancellationToken)
    {
        var table = ListShelves.TableOf(rowKey);
        // Not a shelved line: the query of the lists' partition above has taken it.
        return table != StorageNames.TeamListsTable
            && await TableSubmissionRemoval.DeleteAsync(tables.GetTableClient(table), ListsPartition.Key, rowKey, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<ErasedSubmission?> ErasedAsync(string id, CancellationToken cancellationToken)
    {
        var e = await SubmissionEntities.ReadAsync(await _submissions.ForAsync(id, cancellationToken), id, SubmissionRowKind.Tombstone, cancellationToken);
        if (e?.GetDateTimeOffset("ErasedAt") is not { } erasedAt)
        {
            return null;
        }
        return new ErasedSubmission(id, Enum.Parse<SubmissionKind>(e.GetString("Kind")), e.GetString("ReceivedMonth") ?? "",
            e.GetString("Result") is { } result ? Enum.Parse<PrecheckResult>(result) : null,
            e.GetString("NotMet") is { Length: > 0 } notMet ? notMet.Split(',') : [],
            erasedAt, e.GetString("ErasedBy") ?? "", e.GetString("Reason") ?? "");
    }

    private static TableEntity Tombstone(ErasedSubmission t) => new(t.Id, SubmissionEntities.TombstoneKey(t.Id))
    {
        ["Kind"] = t.Kind.ToString(),
        ["ReceivedMonth"] = t.ReceivedMonth,
        ["Result"] = t.Result?.ToString(),
        ["NotMet"] = string.Join(',', t.NotMet),
        ["ErasedAt"] = t.ErasedAt,
        ["ErasedBy"] = t.ErasedBy,
        ["Reason"] = t.Reason,
    };

    // The funnel's line: the tombstone's fields, counted on the first day of the receipt month (noon UTC
    // falls on that day in every time zone the site can be in), under the person's id so a person counts once.
    private static WorklistItem ErasedLine(ErasedSubmission t, PrecheckResult result, string personId)
    {
        var month = DateOnly.ParseExact(t.ReceivedMonth + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture);
        return new WorklistItem
        {
            Id = t.Id,
            List = TeamList.Erased,
            Kind = t.Kind,
            Result = result,
            ReceivedAt = new DateTimeOffset(month.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero),
            Summary = "",
            NotMetReasons = [.. t.NotMet.Select(c => c + ":")],
            PersonId = personId,
        };
    }

    private static TableEntity ErasedEntity(WorklistItem erased)
    {
        var line = TableTeamLists.ToEntity(erased);
        line.RowKey = ListsPartition.ErasedKey(erased.Id);
        return line;
    }

    private static ErasureIntent ToIntent(TableEntity e) => new(e.GetString("Key"),
        e.GetString("SubmissionIds") is { Length: > 0 } ids ? ids.Split(',') : [],
        new ErasureMark(e.GetDateTimeOffset("At")!.Value, e.GetString("By") ?? "", e.GetString("Reason") ?? ""));
}
