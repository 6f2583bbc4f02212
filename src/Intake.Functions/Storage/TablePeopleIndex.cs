using Azure;
using Azure.Data.Tables;
using Intake.Core;

namespace Intake.Functions.Storage;

/// <summary>
/// People by date of birth: <c>k-{keyed birth digest}-{submission id}</c> rows in the lists' partition
/// (<see cref="ListsPartition"/>), so a date's people are one range query and a first listing
/// records its person in the same transaction. Keyed digests only (<see cref="PersonDigests"/>).
/// Until <see cref="PersonKeysMigration"/> has rewritten them, the entries written before person
/// keys (<c>b-{plain birth digest}-…</c>) are read too: their plain digests cannot be compared, so
/// each one's keys are digested again from its submission's contact entity.
/// </summary>
public sealed class TablePeopleIndex(TableServiceClient tables, PersonDigests digests) : IPeopleIndex
{
    private readonly TableClient _table = tables.GetTableClient(StorageNames.TeamListsTable);
    private readonly TableClient _submissions = tables.GetTableClient(StorageNames.SubmissionsTable);

    /// <inheritdoc />
    public async Task<IReadOnlyList<PersonEntry>> BornOnAsync(DateOnly dateOfBirth, CancellationToken cancellationToken)
    {
        var entries = new List<PersonEntry>();
        await foreach (var e in _table.QueryAsync<TableEntity>(ListsPartition.BornOnRange(dateOfBirth, digests), cancellationToken: cancellationToken))
        {
            entries.Add(ListsPartition.ToPerson(e, dateOfBirth));
        }
        await foreach (var e in _table.QueryAsync<TableEntity>(ListsPartition.PlainBornOnRange(dateOfBirth), cancellationToken: cancellationToken))
        {
            var plain = ListsPartition.ToPerson(e, dateOfBirth);
            if (entries.Any(k => k.SubmissionId == plain.SubmissionId))
            {
                continue; // Migrated already; its plain row is about to go.
            }
            var contact = await _submissions.GetEntityIfExistsAsync<TableEntity>(plain.SubmissionId, SubmissionEntities.ContactKey, cancellationToken: cancellationToken);
            if (contact.HasValue)
            {
                entries.Add(plain with { Keys = PersonKeys.Of(dateOfBirth, SubmissionEntities.ToContact(contact.Value!), digests) });
            }
        }
        return entries;
    }

    /// <inheritdoc />
    public async Task PutAsync(PersonEntry entry, CancellationToken cancellationToken) =>
        await _table.UpsertEntityAsync(ListsPartition.Person(entry, digests), TableUpdateMode.Replace, cancellationToken);

    /// <inheritdoc />
    public async Task RemoveAsync(DateOnly dateOfBirth, string submissionId, CancellationToken cancellationToken)
    {
        await _table.DeleteEntityAsync(ListsPartition.Key, ListsPartition.PersonKey(dateOfBirth, submissionId, digests), ETag.All, cancellationToken);
        await ListsPartition.DeleteByBodyAsync(_table, ListsPartition.PlainPersonKey(dateOfBirth, submissionId), cancellationToken);
    }
}
