using Azure;
using Azure.Data.Tables;

namespace Intake.Functions.Storage;

/// <summary>Submissions in Azure Table Storage, one partition each (docs/storage.md).</summary>
public sealed class TableSubmissionStore(TableServiceClient tables) : ISubmissionStore
{
    private readonly SubmissionTables _tables = SubmissionTables.Of(tables);

    // Whether a submission written before row keys ended with the id may still be stored (until MigrateRowKeys has moved it).
    private readonly OldLayoutLook _oldLayout = new(token => AnyOldLayoutRowAsync(SubmissionTables.Of(tables), token));

    /// <inheritdoc />
    public async Task<AddResult> AddAsync(Submission submission, Contact contact, Referrer? referrer, HistoryEntry received, CancellationToken cancellationToken)
    {
        List<TableTransactionAction> batch =
        [
            new(TableTransactionActionType.Add, SubmissionEntities.Record(submission)),
            new(TableTransactionActionType.Add, SubmissionEntities.ContactEntity(submission.Id, contact)),
            new(TableTransactionActionType.Add, SubmissionEntities.History(submission.Id, submission.Version, received)),
        ];
        if (referrer is not null)
        {
            batch.Add(new(TableTransactionActionType.Add, SubmissionEntities.ReferrerEntity(submission.Id, referrer)));
        }
        var table = await _tables.ForAsync(submission.Id, cancellationToken);
        // A post of an id stored before row keys ended with the id, until MigrateRowKeys has moved it: its
        // new keys are free, so only its old record tells it is there (once moved, the Add below collides).
        // Asked only while the table may still hold the old layout: not on a new store, not once migrated.
        if (await _oldLayout.MayRemainAsync(cancellationToken)
            && (await table.GetEntityIfExistsAsync<TableEntity>(submission.Id, SubmissionEntities.OldKeyOf(SubmissionRowKind.Record), select: ["RowKey"], cancellationToken: cancellationToken)).HasValue)
        {
            return AddResult.AlreadyExists;
        }
        try
        {
            await table.SubmitTransactionAsync(batch, cancellationToken);
            return AddResult.Added;
        }
        catch (TableTransactionFailedException e) when (e.Status == 409)
        {
            return AddResult.AlreadyExists;
        }
    }

    private static async Task<bool> AnyOldLayoutRowAsync(SubmissionTables tables, CancellationToken cancellationToken)
    {
        var filter = string.Join(" or ", SubmissionEntities.OldSingleKeys.Select(key => TableClient.CreateQueryFilter($"RowKey eq {key}")));
        // Pages of one row: the first found answers, and an empty table costs one page.
        return await tables.QueryAllAsync(filter, ["PartitionKey"], maxPerPage: 1, cancellationToken).AnyAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<Submission?> GetAsync(string id, CancellationToken cancellationToken)
    {
        var record = await SubmissionEntities.ReadAsync(await _tables.ForAsync(id, cancellationToken), id, SubmissionRowKind.Record, cancellationToken);
        return record is null ? null : SubmissionEntities.ToSubmission(record);
    }

    /// <inheritdoc />
    public async Task<Contact?> GetContactAsync(string id, CancellationToken cancellationToken)
    {
        var contact = await SubmissionEntities.ReadAsync(await _tables.ForAsync(id, cancellationToken), id, SubmissionRowKind.Contact, cancellationToken);
        return contact is null ? null : SubmissionEntities.ToContact(contact);
    }

    /// <inheritdoc />
    public async Task<SubmissionFile?> GetFileAsync(string id, CancellationToken cancellationToken)
    {
        Submission? submission = null;
        Contact? contact = null;
        Referrer? referrer = null;
        var history = new List<HistoryEntry>();
        // One single-partition query; row keys come back in order, so history is oldest first (in either
        // layout: "history-000003" < "history-000004-{id}"). A partition not yet migrated may hold a row of
        // a kind under both keys (a change written after the upgrade): the new key, which comes later, wins.
        var table = await _tables.ForAsync(id, cancellationToken);
        await foreach (var entity in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {id}"), cancellationToken: cancellationToken))
        {
            var isNew = !SubmissionEntities.IsOldKey(entity.RowKey);
            switch (SubmissionEntities.KindOf(entity.RowKey))
            {
                case SubmissionRowKind.Record when isNew || submission is null: submission = SubmissionEntities.ToSubmission(entity); break;
                case SubmissionRowKind.Contact when isNew || contact is null: contact = SubmissionEntities.ToContact(entity); break;
                case SubmissionRowKind.Referrer when isNew || referrer is null: referrer = SubmissionEntities.ToReferrer(entity); break;
                case SubmissionRowKind.History: history.Add(SubmissionEntities.ToHistory(entity)); break;
            }
        }
        return submission is null || contact is null ? null : new SubmissionFile(submission, contact, referrer, history);
    }

    /// <inheritdoc />
    public async Task<bool> TryUpdateAsync(Submission updated, HistoryEntry entry, CancellationToken cancellationToken)
    {
        // Adding the history entry of the new version is the concurrency check: a second writer from the
        // same version collides on its row key (409) and the whole transaction, record included, is refused.
        TableTransactionAction[] batch =
        [
            new(TableTransactionActionType.Add, SubmissionEntities.History(updated.Id, updated.Version, entry)),
            new(TableTransactionActionType.UpsertReplace, SubmissionEntities.Record(updated)),
        ];
        try
        {
            await (await _tables.ForAsync(updated.Id, cancellationToken)).SubmitTransactionAsync(batch, cancellationToken);
            return true;
        }
        catch (TableTransactionFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }
}
