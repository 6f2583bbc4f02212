using Azure;
using Azure.Data.Tables;

namespace Intake.Functions.Storage;

/// <summary>
/// The people index entries (<c>b-{plain birth digest}-{id}</c>) and the records written before
/// person keys, and their rewriting as keyed digests (docs/storage.md, "The people index").
/// </summary>
public sealed class TablePlainPersonKeys(TableServiceClient tables, PersonDigests digests) : IPlainPersonKeys
{
    private readonly TableClient _lists = tables.GetTableClient(StorageNames.TeamListsTable);
    private readonly TableClient _submissions = tables.GetTableClient(StorageNames.SubmissionsTable);

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
        // Entries written before the search: their find rows are added (docs/storage.md, "Finding a person").
        await foreach (var row in _lists.QueryAsync<TableEntity>(ListsPartition.PeopleRange, select: ["SubmissionId", ListsPartition.FindableProperty], cancellationToken: cancellationToken))
        {
            if (row.GetBoolean(ListsPartition.FindableProperty) is not true && row.GetString("SubmissionId") is { } id && seen.Add(id))
            {
                page.Add(id);
                if (page.Count == pageSize)
                {
                    yield return page;
                    page = new List<string>(pageSize);
                }
            }
        }
        var records = SubmissionEntities.AnyLayoutOf(SubmissionRowKind.Record);
        await foreach (var row in _submissions.QueryAsync<TableEntity>(records, select: ["PartitionKey", SubmissionEntities.PersonKeyedProperty], cancellationToken: cancellationToken))
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

        var record = await SubmissionEntities.ReadAsync(_submissions, submissionId, SubmissionRowKind.Record, cancellationToken);
        var contact = await SubmissionEntities.ReadAsync(_submissions, submissionId, SubmissionRowKind.Contact, cancellationToken) is { } contactRow
            ? SubmissionEntities.ToContact(contactRow)
            : null;

        var changed = false;
        if (record is not null && contact is not null)
        {
            var submission = SubmissionEntities.ToSubmission(record);
            var keys = PersonKeys.Of(submission.Answers, contact, digests);
            if (keys.DateOfBirth is not null && plainRows.Count > 0)
            {
                // The keyed entry first: should the pass stop here, the plain one is still there to be found and migrated.
                var personId = plainRows[0].GetString("PersonId") ?? submission.PersonId ?? submission.Id;
                await _lists.SubmitTransactionAsync(ListsPartition.PersonRows(new PersonEntry(submission.Id, personId, keys, submission.ReceivedAt), digests)
                    .Select(row => new TableTransactionAction(TableTransactionActionType.UpsertReplace, row)), cancellationToken);
                changed = true;
            }
            if (keys.DateOfBirth is { } born && await MakeFindableAsync(born, submissionId, cancellationToken))
            {
                changed = true;
            }
            if (!SubmissionEntities.HasKeyedPersonKeys(record))
            {
                // Only while the record is as read: a change at the same moment wins, and the next pass looks again.
                var keyed = SubmissionEntities.Record(submission with { PersonKeys = keys });
                keyed.RowKey = record.RowKey; // Where it was read: a record not yet under its new row key is moved by MigrateRowKeys.
                await _submissions.UpdateEntityAsync(keyed, record.ETag, TableUpdateMode.Replace, cancellationToken);
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

    // A keyed entry written before the search gets its find rows, then its mark; a pass cut off between
    // the two writes the same rows again next time.
    private async Task<bool> MakeFindableAsync(DateOnly born, string submissionId, CancellationToken cancellationToken)
    {
        var entry = await _lists.GetEntityIfExistsAsync<TableEntity>(ListsPartition.Key, ListsPartition.PersonKey(born, submissionId, digests), cancellationToken: cancellationToken);
        if (!entry.HasValue || entry.Value!.GetBoolean(ListsPartition.FindableProperty) is true)
        {
            return false;
        }
        await _lists.SubmitTransactionAsync(ListsPartition.FindRowsOf(entry.Value).Select(row => new TableTransactionAction(TableTransactionActionType.UpsertReplace, row)), cancellationToken);
        await _lists.UpdateEntityAsync(new TableEntity(ListsPartition.Key, entry.Value.RowKey) { [ListsPartition.FindableProperty] = true }, entry.Value.ETag, TableUpdateMode.Merge, cancellationToken);
        return true;
    }
}
