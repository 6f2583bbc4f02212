using Azure;
using Azure.Data.Tables;

namespace Intake.Functions.Storage;

// The people index: in its own table (TablePeopleIndex, docs/storage.md, "The people table"), written by
// a submission's first listing just before its line. Until PersonKeysMigration has moved them, the
// entries this partition held before (<c>k-{keyed birth digest}-{id}</c> with their find rows, and the
// older <c>b-{plain birth digest}-{id}</c>, whose keys are digested again from the submission's contact)
// are read too, as long as one look (OldLayoutLook) says any may remain: a store that never held them,
// or one migrated, makes no query for them at all.
public sealed partial class TableTeamLists
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<PersonEntry>> BornOnAsync(DateOnly dateOfBirth, CancellationToken cancellationToken)
    {
        var entries = new List<PersonEntry>(await _people.BornOnAsync(dateOfBirth, cancellationToken));
        if (!await _oldPeople.MayRemainAsync(cancellationToken))
        {
            return entries;
        }
        await foreach (var e in _table.QueryAsync<TableEntity>(ListsPartition.BornOnRange(dateOfBirth, digests), cancellationToken: cancellationToken))
        {
            var keyed = ListsPartition.ToPerson(e, dateOfBirth);
            if (!entries.Any(k => k.SubmissionId == keyed.SubmissionId))
            {
                entries.Add(keyed);
            }
        }
        await foreach (var e in _table.QueryAsync<TableEntity>(ListsPartition.PlainBornOnRange(dateOfBirth), cancellationToken: cancellationToken))
        {
            var plain = ListsPartition.ToPerson(e, dateOfBirth);
            if (entries.Any(k => k.SubmissionId == plain.SubmissionId))
            {
                continue; // Migrated already; its plain row is about to go.
            }
            if (await SubmissionEntities.ReadAsync(await _submissions.ForAsync(plain.SubmissionId, cancellationToken), plain.SubmissionId, SubmissionRowKind.Contact, cancellationToken) is { } contact)
            {
                entries.Add(plain with { Keys = PersonKeys.Of(dateOfBirth, SubmissionEntities.ToContact(contact), digests) });
            }
        }
        return entries;
    }

    /// <inheritdoc />
    public Task PutAsync(PersonEntry entry, CancellationToken cancellationToken) => _people.PutAsync(entry, cancellationToken);

    /// <inheritdoc />
    public async Task RemoveAsync(DateOnly dateOfBirth, string submissionId, CancellationToken cancellationToken)
    {
        await _people.RemoveAsync(dateOfBirth, submissionId, cancellationToken);
        if (await _oldPeople.MayRemainAsync(cancellationToken))
        {
            await RemoveOldEntryAsync(_table, ListsPartition.PersonKey(dateOfBirth, submissionId, digests), ListsPartition.PlainPersonKey(dateOfBirth, submissionId), cancellationToken);
        }
    }

    /// <summary>Removes an entry of the lists' partition's people index as it was before the people table, with its find rows.</summary>
    internal static async Task RemoveOldEntryAsync(TableClient lists, string keyedKey, string plainKey, CancellationToken cancellationToken)
    {
        var entry = await lists.GetEntityIfExistsAsync<TableEntity>(ListsPartition.Key, keyedKey, cancellationToken: cancellationToken);
        if (entry.HasValue)
        {
            // Its find rows first: should this stop half-way, the entry is still there to find them by.
            foreach (var row in ListsPartition.FindRowsOf(entry.Value!))
            {
                await lists.DeleteEntityAsync(ListsPartition.Key, row.RowKey, ETag.All, cancellationToken);
            }
        }
        await lists.DeleteEntityAsync(ListsPartition.Key, keyedKey, ETag.All, cancellationToken);
        await ListsPartition.DeleteByBodyAsync(lists, plainKey, cancellationToken);
    }

    // Whether the lists' partition has any row of the people index as it was before the people table.
    private static async Task<bool> AnyOldPeopleRowAsync(TableClient lists, CancellationToken cancellationToken)
    {
        foreach (var range in new[] { ListsPartition.PeopleRange, ListsPartition.PlainPeopleRange, ListsPartition.FindRange })
        {
            await foreach (var page in lists.QueryAsync<TableEntity>(range, maxPerPage: 1, select: ["RowKey"], cancellationToken: cancellationToken).AsPages())
            {
                if (page.Values.Count > 0)
                {
                    return true;
                }
                break;
            }
        }
        return false;
    }
}
