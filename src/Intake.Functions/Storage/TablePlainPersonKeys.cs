using Azure;
using Azure.Data.Tables;

namespace Intake.Functions.Storage;

/// <summary>
/// The people index entries the lists' partition held before the people table (<c>b-{plain birth
/// digest}-{id}</c> from before person keys, <c>k-{keyed birth digest}-{id}</c> with their find rows
/// after) and the records written before person keys: their move into the people table
/// (<see cref="TablePeopleIndex"/>) and the records' rewriting as keyed digests (docs/storage.md,
/// "The people table").
/// </summary>
public sealed class TablePlainPersonKeys(TableServiceClient tables, PersonDigests digests) : IPlainPersonKeys
{
    private readonly TableClient _lists = tables.GetTableClient(StorageNames.TeamListsTable);
    private readonly SubmissionTables _submissions = SubmissionTables.Of(tables);
    private readonly TablePeopleIndex _people = new(tables, digests);

    /// <inheritdoc />
    public async IAsyncEnumerable<IReadOnlyList<string>> SubmissionsAsync(int pageSize, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var page = new List<string>(pageSize);
        await foreach (var row in _lists.QueryAsync<TableEntity>(ListsPartition.PlainPeopleRange, select: ["SubmissionId"], cancellationToken: cancellationToken))
        {
            if (row.GetString("SubmissionId") is { } id && seen.Add(id))
            {
                page.Add(id);
                if (page.Count == pageSize)
                {
                    yield return page;
                    page = new List<string>(pageSize);
                }
            }
        }
        // Entries and find rows of the lists' partition, to move into the people table.
        foreach (var range in new[] { ListsPartition.PeopleRange, ListsPartition.FindRange })
        {
            await foreach (var row in _lists.QueryAsync<TableEntity>(range, select: ["SubmissionId"], cancellationToken: cancellationToken))
            {
                if (row.GetString("SubmissionId") is { } id && seen.Add(id))
                {
                    page.Add(id);
                    if (page.Count == pageSize)
                    {
                        yield return page;
                        page = new List<string>(pageSize);
                    }
                }
            }
        }
        var records = SubmissionEntities.AnyLayoutOf(SubmissionRowKind.Record);
        await foreach (var row in _submissions.QueryAllAsync(records, ["PartitionKey", SubmissionEntities.PersonKeyedProperty], cancellationToken: cancellationToken))
        {
            if (!SubmissionEntities.HasKeyedPersonKeys(row) && seen.Add(row.PartitionKey))
            {
                page.Add(row.PartitionKey);
                if (page.Count == pageSize)
                {
                    yield return page;
                    page = new List<string>(pageSize);
                }
            }
        }
        if (page.Count > 0)
        {
            yield return page;
        }
    }

    /// <inheritdoc />
    public async Task<bool> MigrateAsync(string submissionId, CancellationToken cancellationToken)
    {
        var plainRows = new List<TableEntity>();
        var filter = ListsPartition.PlainPeopleRange + " and " + TableClient.CreateQueryFilter($"SubmissionId eq {submissionId}");
        await foreach (var row in _lists.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            plainRows.Add(row);
        }

        var submissions = await _submissions.ForAsync(submissionId, cancellationToken);
        var record = await SubmissionEntities.ReadAsync(submissions, submissionId, SubmissionRowKind.Record, cancellationToken);
        var contact = await SubmissionEntities.ReadAsync(submissions, submissionId, SubmissionRowKind.Contact, cancellationToken) is { } contactRow
            ? SubmissionEntities.ToContact(contactRow)
            : null;

        var changed = false;
        if (record is not null && contact is not null)
        {
            var submission = SubmissionEntities.ToSubmission(record);
            var keys = PersonKeys.Of(submission.Answers, contact, digests);
            if (keys.DateOfBirth is not null && plainRows.Count > 0)
            {
                // The people table's entry first: should the pass stop here, the plain one is still there to be found and migrated.
                var personId = plainRows[0].GetString("PersonId") ?? submission.PersonId ?? submission.Id;
                await _people.PutAsync(new PersonEntry(submission.Id, personId, keys, submission.ReceivedAt), cancellationToken);
                changed = true;
            }
            if (keys.DateOfBirth is { } born && await MoveKeyedAsync(born, submissionId, cancellationToken))
            {
                changed = true;
            }
            if (!SubmissionEntities.HasKeyedPersonKeys(record))
            {
                // Only while the record is as read: a change at the same moment wins, and the next pass looks again.
                var keyed = SubmissionEntities.Record(submission with { PersonKeys = keys });
                keyed.RowKey = record.RowKey; // Where it was read: a record not yet under its new row key is moved by MigrateRowKeys.
                await submissions.UpdateEntityAsync(keyed, record.ETag, TableUpdateMode.Replace, cancellationToken);
                changed = true;
            }
        }
        else if (record is not null)
        {
            throw new InvalidDataException($"Submission {submissionId} has a record but no contact entity.");
        }

        foreach (var row in plainRows)
        {
            await ListsPartition.DeleteByBodyAsync(_lists, row.RowKey, cancellationToken);
            changed = true;
        }
        return changed;
    }

    // A keyed entry of the lists' partition goes to the people table, then it and its find rows go (with
    // any find row left by a pass cut off before): a pass cut off between the two writes the same entry again next time.
    private async Task<bool> MoveKeyedAsync(DateOnly born, string submissionId, CancellationToken cancellationToken)
    {
        var key = ListsPartition.PersonKey(born, submissionId, digests);
        var entry = await _lists.GetEntityIfExistsAsync<TableEntity>(ListsPartition.Key, key, cancellationToken: cancellationToken);
        var changed = false;
        if (entry.HasValue)
        {
            await _people.PutAsync(ListsPartition.ToPerson(entry.Value!, born), cancellationToken);
            await TableTeamLists.RemoveOldEntryAsync(_lists, key, ListsPartition.PlainPersonKey(born, submissionId), cancellationToken);
            changed = true;
        }
        var strays = ListsPartition.FindRange + " and " + TableClient.CreateQueryFilter($"SubmissionId eq {submissionId}");
        await foreach (var row in _lists.QueryAsync<TableEntity>(strays, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            await _lists.DeleteEntityAsync(ListsPartition.Key, row.RowKey, ETag.All, cancellationToken);
            changed = true;
        }
        return changed;
    }
}
