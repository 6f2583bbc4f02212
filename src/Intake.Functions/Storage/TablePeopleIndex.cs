using Azure.Data.Tables;
using Intake.Core;

namespace Intake.Functions.Storage;

/// <summary>
/// People by date of birth: <c>b-{birth digest}-{submission id}</c> rows in the lists' partition
/// (<see cref="ListsPartition"/>), so a date's people are one range query and a first listing
/// records its person in the same transaction. Digests only.
/// </summary>
public sealed class TablePeopleIndex(TableServiceClient tables) : IPeopleIndex
{
    private readonly TableClient _table = tables.GetTableClient(StorageNames.TeamListsTable);

    /// <inheritdoc />
    public async Task<IReadOnlyList<PersonEntry>> BornOnAsync(DateOnly dateOfBirth, CancellationToken cancellationToken)
    {
        var entries = new List<PersonEntry>();
        await foreach (var e in _table.QueryAsync<TableEntity>(ListsPartition.BornOnRange(dateOfBirth), cancellationToken: cancellationToken))
        {
            entries.Add(ListsPartition.ToPerson(e, dateOfBirth));
        }
        return entries;
    }

    /// <inheritdoc />
    public async Task PutAsync(PersonEntry entry, CancellationToken cancellationToken) =>
        await _table.UpsertEntityAsync(ListsPartition.Person(entry), TableUpdateMode.Replace, cancellationToken);

    /// <inheritdoc />
    public async Task RemoveAsync(DateOnly dateOfBirth, string submissionId, CancellationToken cancellationToken) =>
        await _table.DeleteEntityAsync(ListsPartition.Key, ListsPartition.PersonKey(dateOfBirth, submissionId), cancellationToken: cancellationToken);
}
