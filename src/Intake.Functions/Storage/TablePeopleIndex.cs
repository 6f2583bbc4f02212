using Azure.Data.Tables;
using Intake.Core;

namespace Intake.Functions.Storage;

/// <summary>People by date of birth: one partition per date (keyed by its digest), one entity per submission, digests only.</summary>
public sealed class TablePeopleIndex(TableServiceClient tables) : IPeopleIndex
{
    private readonly TableClient _table = tables.GetTableClient(StorageNames.PeopleTable);

    /// <inheritdoc />
    public async Task<IReadOnlyList<PersonEntry>> BornOnAsync(DateOnly dateOfBirth, CancellationToken cancellationToken)
    {
        var entries = new List<PersonEntry>();
        await foreach (var e in _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Partition(dateOfBirth)}"), cancellationToken: cancellationToken))
        {
            entries.Add(new PersonEntry(e.RowKey, e.GetString("PersonId"),
                new PersonKeys(dateOfBirth, e.GetString("Email"), e.GetString("Phone"), e.GetString("Name")), e.GetDateTimeOffset("ReceivedAt")!.Value));
        }
        return entries;
    }

    /// <inheritdoc />
    public async Task PutAsync(PersonEntry entry, CancellationToken cancellationToken)
    {
        var born = entry.Keys.DateOfBirth ?? throw new ArgumentException("Only a person with a date of birth is indexed.", nameof(entry));
        await _table.UpsertEntityAsync(new TableEntity(Partition(born), entry.SubmissionId)
        {
            ["PersonId"] = entry.PersonId,
            ["Email"] = entry.Keys.Email,
            ["Phone"] = entry.Keys.Phone,
            ["Name"] = entry.Keys.Name,
            ["ReceivedAt"] = entry.ReceivedAt,
        }, TableUpdateMode.Replace, cancellationToken);
    }

    /// <inheritdoc />
    public async Task RemoveAsync(DateOnly dateOfBirth, string submissionId, CancellationToken cancellationToken) =>
        await _table.DeleteEntityAsync(Partition(dateOfBirth), submissionId, cancellationToken: cancellationToken);

    private static string Partition(DateOnly born) => PersonKeys.BirthDigest(born);
}
