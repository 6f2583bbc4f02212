using Azure;
using Azure.Data.Tables;

namespace Intake.Functions.Storage;

/// <summary>Submissions in Azure Table Storage, one partition each (docs/storage.md).</summary>
public sealed class TableSubmissionStore(TableServiceClient tables) : ISubmissionStore
{
    private readonly TableClient _table = tables.GetTableClient(StorageNames.SubmissionsTable);

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
        try
        {
            await _table.SubmitTransactionAsync(batch, cancellationToken);
            return AddResult.Added;
        }
        catch (TableTransactionFailedException e) when (e.Status == 409)
        {
            return AddResult.AlreadyExists;
        }
    }

    /// <inheritdoc />
    public async Task<Submission?> GetAsync(string id, CancellationToken cancellationToken)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(id, SubmissionEntities.RecordKey, cancellationToken: cancellationToken);
        return response.HasValue ? SubmissionEntities.ToSubmission(response.Value!) : null;
    }

    /// <inheritdoc />
    public async Task<Contact?> GetContactAsync(string id, CancellationToken cancellationToken)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(id, SubmissionEntities.ContactKey, cancellationToken: cancellationToken);
        return response.HasValue ? SubmissionEntities.ToContact(response.Value!) : null;
    }

    /// <inheritdoc />
    public async Task<SubmissionFile?> GetFileAsync(string id, CancellationToken cancellationToken)
    {
        Submission? submission = null;
        Contact? contact = null;
        Referrer? referrer = null;
        var history = new List<HistoryEntry>();
        // One single-partition query; row keys come back in order, so history is oldest first.
        await foreach (var entity in _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {id}"), cancellationToken: cancellationToken))
        {
            switch (entity.RowKey)
            {
                case SubmissionEntities.RecordKey: submission = SubmissionEntities.ToSubmission(entity); break;
                case SubmissionEntities.ContactKey: contact = SubmissionEntities.ToContact(entity); break;
                case SubmissionEntities.ReferrerKey: referrer = SubmissionEntities.ToReferrer(entity); break;
                case var key when key.StartsWith(SubmissionEntities.HistoryPrefix, StringComparison.Ordinal): history.Add(SubmissionEntities.ToHistory(entity)); break;
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
            await _table.SubmitTransactionAsync(batch, cancellationToken);
            return true;
        }
        catch (TableTransactionFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }
}
