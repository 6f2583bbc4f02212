using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Azure.Data.Tables;

namespace Intake.Functions.Storage;

/// <summary>
/// Which table holds a submission's partition. A new store spreads its submissions over
/// <see cref="StorageNames.SubmissionTableCount"/> tables by a hash of the id, so that no one table grows
/// with the whole registry: Azurite's table store costs a write in proportion to its table's rows
/// (docs/performance.md, "Azurite's costs"). Each submission's partition stays whole in its one table, so
/// its transactions are as before. A store made before the spread, whose one <c>submissions</c> table
/// exists, keeps every submission there: nothing moves, and Azure's table service has no such cost.
/// </summary>
/// <remarks>
/// The store's layout is looked up once per table service client (one query of the table list) and kept:
/// no version writes the one table any more, and a new store never makes it, so the answer cannot change
/// under a running app. Every storage class gets its instance from <see cref="Of"/>, so they share the look.
/// </remarks>
public sealed class SubmissionTables
{
    private static readonly ConditionalWeakTable<TableServiceClient, SubmissionTables> Shared = [];

    private readonly TableServiceClient _tables;
    private readonly Lock _lock = new();
    private Task<bool>? _oneTable;

    private SubmissionTables(TableServiceClient tables) => _tables = tables;

    /// <summary>The one instance for <paramref name="tables"/>: its look at the store's layout serves every class that uses the client.</summary>
    public static SubmissionTables Of(TableServiceClient tables) => Shared.GetValue(tables, client => new SubmissionTables(client));

    /// <summary>The table of the submission with this id.</summary>
    public async ValueTask<TableClient> ForAsync(string id, CancellationToken cancellationToken) =>
        _tables.GetTableClient(await OneTableAsync(cancellationToken) ? StorageNames.SubmissionsTable : NameFor(id));

    /// <summary>Every table of this store's submissions, for the passes that walk them all.</summary>
    public async ValueTask<IReadOnlyList<TableClient>> AllAsync(CancellationToken cancellationToken) =>
        await OneTableAsync(cancellationToken)
            ? [_tables.GetTableClient(StorageNames.SubmissionsTable)]
            : [.. StorageNames.SubmissionTableNames.Select(_tables.GetTableClient)];

    /// <summary>
    /// The rows that match <paramref name="filter"/> in every table of this store's submissions, table by
    /// table: for the passes that walk every submission (the filter is parameterised by the caller).
    /// </summary>
    public async IAsyncEnumerable<TableEntity> QueryAllAsync(string filter, IEnumerable<string> select, int? maxPerPage = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var table in await AllAsync(cancellationToken))
        {
            await foreach (var row in table.QueryAsync<TableEntity>(filter, maxPerPage, select, cancellationToken))
            {
                yield return row;
            }
        }
    }

    /// <summary>
    /// The table a new store keeps this submission in: the first four bits of the SHA-256 of its id pick one
    /// of <see cref="StorageNames.SubmissionTableNames"/>, the same in every process and version.
    /// </summary>
    public static string NameFor(string id)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(id), hash);
        return StorageNames.SubmissionTableNames[hash[0] >> 4];
    }

    // Whether this is a store of before (its one submissions table exists). One look serves every caller, so it
    // runs on no caller's token (the client's own network timeout bounds it) and each caller waits on its own.
    // A look that fails is forgotten, so the next caller looks again; the caller sees the failure as any storage failure.
    private Task<bool> OneTableAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_oneTable is null || _oneTable.IsFaulted || _oneTable.IsCanceled)
            {
                _oneTable = OneTableExistsAsync(CancellationToken.None);
            }
            return _oneTable.WaitAsync(cancellationToken);
        }
    }

    private async Task<bool> OneTableExistsAsync(CancellationToken cancellationToken)
    {
        var filter = TableServiceClient.CreateQueryFilter($"TableName eq {StorageNames.SubmissionsTable}");
        await foreach (var page in _tables.QueryAsync(filter, maxPerPage: 1, cancellationToken: cancellationToken).AsPages())
        {
            if (page.Values.Count > 0)
            {
                return true;
            }
        }
        return false;
    }
}
