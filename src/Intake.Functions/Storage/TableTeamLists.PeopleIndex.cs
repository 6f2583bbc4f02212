using Azure;
using Azure.Data.Tables;

namespace Intake.Functions.Storage;

// The people index of the lists' partition: people by date of birth, <c>k-{keyed birth digest}-{submission id}</c>
// rows, so a date's people are one range query and a first listing records its person in the same
// transaction (PutFirstAsync). Keyed digests only (PersonDigests). Until PersonKeysMigration has
// rewritten them, the entries written before person keys (<c>b-{plain birth digest}-…</c>) are read
// too: their plain digests cannot be compared, so each one's keys are digested again from its
// submission's contact entity.
public sealed partial class TableTeamLists
{

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
            if (await SubmissionEntities.ReadAsync(_submissions, plain.SubmissionId, SubmissionRowKind.Contact, cancellationToken) is { } contact)
            {
                entries.Add(plain with { Keys = PersonKeys.Of(dateOfBirth, SubmissionEntities.ToContact(contact), digests) });
            }
        }
        return entries;
    }

    /// <inheritdoc />
    public async Task PutAsync(PersonEntry entry, CancellationToken cancellationToken) =>
        await _table.SubmitTransactionAsync(
            ListsPartition.PersonRows(entry, digests).Select(row => new TableTransactionAction(TableTransactionActionType.UpsertReplace, row)), cancellationToken);

    /// <inheritdoc />
    public async Task RemoveAsync(DateOnly dateOfBirth, string submissionId, CancellationToken cancellationToken)
    {
        var key = ListsPartition.PersonKey(dateOfBirth, submissionId, digests);
        var entry = await _table.GetEntityIfExistsAsync<TableEntity>(ListsPartition.Key, key, cancellationToken: cancellationToken);
        if (entry.HasValue)
        {
            // Its find rows first: should this stop half-way, the entry is still there to find them by.
            foreach (var row in ListsPartition.FindRowsOf(entry.Value!))
            {
                await _table.DeleteEntityAsync(ListsPartition.Key, row.RowKey, ETag.All, cancellationToken);
            }
        }
        await _table.DeleteEntityAsync(ListsPartition.Key, key, ETag.All, cancellationToken);
        await ListsPartition.DeleteByBodyAsync(_table, ListsPartition.PlainPersonKey(dateOfBirth, submissionId), cancellationToken);
    }
}
