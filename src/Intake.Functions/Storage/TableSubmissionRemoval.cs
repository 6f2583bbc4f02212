using Azure;
using Azure.Data.Tables;

namespace Intake.Functions.Storage;

/// <summary>
/// Removes a submission from both tables (docs/storage.md, "Removal"): the record under its ETag,
/// (its people table entry just before), then its contact, referrer and history, its people index
/// entries as the lists' partition held them before, its pending mark, its funnel row and its line, leaving a tombstone row without patient data in its partition.
/// </summary>
public sealed class TableSubmissionRemoval(TableServiceClient tables, PersonDigests digests) : ISubmissionRemoval
{
    private readonly SubmissionTables _submissions = SubmissionTables.Of(tables);
    private readonly TableClient _lists = tables.GetTableClient(StorageNames.TeamListsTable);
    private readonly TablePeopleIndex _people = new(tables, digests);
    private readonly TableFunnelIndex _funnel = new(tables);

    /// <inheritdoc />
    public async Task<bool> TryRemoveRecordAsync(Submission expected, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(expected);
        var submissions = await _submissions.ForAsync(expected.Id, cancellationToken);
        var record = await SubmissionEntities.ReadAsync(submissions, expected.Id, SubmissionRowKind.Record, cancellationToken);
        if (record is null)
        {
            return true;
        }
        if ((record.GetInt32("Version") ?? 1) != expected.Version)
        {
            return false;
        }
        // The person's entry before the record, which alone says under which date of birth it is: a pass cut
        // off after the record has gone could no longer find it (the people table is read by key only).
        if (expected.PersonKeys?.DateOfBirth is { } born)
        {
            await _people.RemoveAsync(born, expected.Id, cancellationToken);
        }
        try
        {
            await submissions.DeleteEntityAsync(expected.Id, record.RowKey, record.ETag, cancellationToken);
            // A partition not yet migrated may still hold the record under its old key, behind the one read.
            await DeleteAsync(submissions, expected.Id, SubmissionEntities.OldKeyOf(SubmissionRowKind.Record), cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            // Changed meanwhile: it stays, and so does its person.
            if (await SubmissionEntities.ReadAsync(submissions, expected.Id, SubmissionRowKind.Record, cancellationToken) is { } current
                && PersonEntry.Of(SubmissionEntities.ToSubmission(current)) is { } entry)
            {
                await _people.PutAsync(entry, cancellationToken);
            }
            return false;
        }
    }

    /// <inheritdoc />
    public async Task RemoveRestAsync(WorklistItem line, DateOnly? dateOfBirth, DateTimeOffset removedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(line);
        var id = line.Id;
        var submissions = await _submissions.ForAsync(id, cancellationToken);
        // The tombstone: that a submission with this id was here and was removed, and nothing about the person.
        await submissions.UpsertEntityAsync(new TableEntity(id, SubmissionEntities.TombstoneKey(id))
        {
            ["Kind"] = line.Kind.ToString(),
            ["ReceivedAt"] = line.ReceivedAt,
            ["RemovedAt"] = removedAt,
            ["Why"] = nameof(SubmissionStatus.NotGenuine),
        }, TableUpdateMode.Replace, cancellationToken);
        await DeletePartitionAsync(submissions, id, [SubmissionRowKind.Tombstone, SubmissionRowKind.Record], cancellationToken);

        if (dateOfBirth is { } born)
        {
            // Taken out by TryRemoveRecordAsync already, unless the record went between the pass's read and that call.
            await _people.RemoveAsync(born, id, cancellationToken);
            // As the lists' partition held it before the people table.
            await TableTeamLists.RemoveOldEntryAsync(_lists, ListsPartition.PersonKey(born, id, digests), ListsPartition.PlainPersonKey(born, id), cancellationToken);
        }
        else
        {
            var people = new List<string>();
            // The record is gone (a pass cut off after deleting it, which had taken its people table entry first):
            // find its entries of the lists' partition as they were before the people table by id, in both formats.
            foreach (var range in new[] { ListsPartition.FindRange, ListsPartition.PeopleRange, ListsPartition.PlainPeopleRange })
            {
                var filter = range + " and " + TableClient.CreateQueryFilter($"SubmissionId eq {id}");
                await foreach (var row in _lists.QueryAsync<TableEntity>(filter, select: ["RowKey"], cancellationToken: cancellationToken))
                {
                    people.Add(row.RowKey);
                }
            }
            foreach (var key in people)
            {
                await ListsPartition.DeleteByBodyAsync(_lists, key, cancellationToken);
            }
        }
        // Its funnel row (a not-genuine submission counts only while it is kept), then the line.
        await _funnel.RemoveAsync(id, line.ReceivedAt, cancellationToken);
        await DeleteAsync(_lists, ListsPartition.Key, ListsPartition.PendingKey(id), cancellationToken);
        // The line last: while it is there, the next pass finishes what this one could not.
        await DeleteAsync(tables.GetTableClient(ListShelves.TableOf(TableTeamLists.LineKey(line))), ListsPartition.Key, TableTeamLists.LineKey(line), cancellationToken);
    }

    /// <summary>Deletes every row of submission <paramref name="id"/>'s partition but those of the kinds in <paramref name="keep"/> (its contact, referrer, history), in either layout.</summary>
    internal static async Task DeletePartitionAsync(TableClient submissions, string id, IReadOnlyCollection<SubmissionRowKind> keep, CancellationToken cancellationToken)
    {
        await foreach (var row in submissions.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {id}"), select: ["RowKey"], cancellationToken: cancellationToken))
        {
            if (SubmissionEntities.KindOf(row.RowKey) is not { } kind || !keep.Contains(kind))
            {
                await DeleteAsync(submissions, id, row.RowKey, cancellationToken);
            }
        }
    }

    /// <summary>
    /// Deletes one row; nothing happens when it is already gone (the SDK answers a delete of a missing
    /// entity with its 404 rather than an exception). True when the row was there.
    /// </summary>
    internal static async Task<bool> DeleteAsync(TableClient table, string partition, string row, CancellationToken cancellationToken)
    {
        using var response = await table.DeleteEntityAsync(partition, row, ETag.All, cancellationToken);
        return response.Status != 404;
    }
}
