using Azure.Data.Tables;
using Azure.Storage.Queues;
using Intake.Functions.Storage;
using Intake.Testing;
using Microsoft.Extensions.Configuration;

namespace Intake.Functions.Tests;

/// <summary>
/// Where submissions are kept (<see cref="SubmissionTables"/>): a new store spreads them over sixteen tables
/// by a hash of the id, each partition whole in one table; a store of before, whose one <c>submissions</c>
/// table exists, keeps every submission there. Each test has its own Azurite: the shared one is a new store,
/// and a store of before must not be made there.
/// </summary>
public sealed class SubmissionTablesTests : IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;

    private Azurite? _azurite;

    public async Task InitializeAsync() => _azurite = await Azurite.StartAsync();

    public async Task DisposeAsync()
    {
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }

    private TableServiceClient Tables(TableClientOptions? options = null) =>
        Connection().CreateTableServiceClient(options ?? new TableClientOptions());

    private StorageConnection Connection() =>
        StorageConnection.From(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [StorageConnection.SettingName] = _azurite!.ConnectionString }).Build());

    private Task StartAppAsync() =>
        new StorageInitializer(Tables(), Connection().CreateQueueServiceClient(new QueueClientOptions())).StartAsync(None);

    // Fixed ids, so that which tables they fall in is the same in every run.
    private static string[] Ids(int count) =>
        [.. Enumerable.Range(1, count).Select(i => new Guid(i, 0x7e57, 0x4a11, [0x80, 0, 0, 0, 0, 0, 0, 1]).ToString())];

    private static async Task StoreAsync(TableSubmissionStore store, string id, DateTimeOffset at)
    {
        var submission = TestData.Submission(id, at, SubmissionKind.Referral);
        Assert.Equal(AddResult.Added, await store.AddAsync(submission, TestData.Contact, TestData.Referrer, new HistoryEntry(at, "Referral received", "referrer"), None));
        Assert.True(await store.TryUpdateAsync(submission with { Version = 2, Status = SubmissionStatus.Routed }, new HistoryEntry(at, "Pre-checked", "system"), None));
    }

    private static async Task<Dictionary<string, List<string>>> PartitionsAsync(TableClient table)
    {
        var partitions = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        await foreach (var row in table.QueryAsync<TableEntity>(select: ["PartitionKey", "RowKey"], cancellationToken: None))
        {
            (partitions.TryGetValue(row.PartitionKey, out var rows) ? rows : partitions[row.PartitionKey] = []).Add(row.RowKey);
        }
        return partitions;
    }

    private async Task<bool> TableExistsAsync(string name)
    {
        await foreach (var _ in Tables().QueryAsync(TableServiceClient.CreateQueryFilter($"TableName eq {name}"), cancellationToken: None))
        {
            return true;
        }
        return false;
    }

    [Fact]
    public void The_sixteen_tables_are_valid_distinct_table_names_and_an_id_falls_in_the_same_one_in_every_version()
    {
        Assert.Equal(16, StorageNames.SubmissionTableNames.Distinct(StringComparer.Ordinal).Count());
        Assert.All(StorageNames.SubmissionTableNames, name => Assert.Matches("^[A-Za-z][A-Za-z0-9]{2,62}$", name));
        Assert.Equal(["submissions0", "submissionsf"], [StorageNames.SubmissionTableNames[0], StorageNames.SubmissionTableNames[15]]);
        // A change of the hash would hide every submission a store holds: these are fixed for good.
        Assert.Equal("submissions0", SubmissionTables.NameFor("3f1c2a4e-8b7d-4c1a-9e2f-5a6b7c8d9e0f"));
        Assert.Equal("submissionse", SubmissionTables.NameFor("c5d4e3f2-a1b0-4c9d-8e7f-6a5b4c3d2e1f"));
        Assert.Equal("submissions6", SubmissionTables.NameFor("7a0d9c1b-2e3f-4a5b-8c6d-0e1f2a3b4c5d"));
    }

    [Fact]
    public async Task A_new_store_keeps_each_submission_whole_in_the_table_its_id_falls_in_and_uses_every_table()
    {
        await StartAppAsync();
        var store = new TableSubmissionStore(Tables());
        var ids = Ids(120);
        var at = new DateTimeOffset(2026, 12, 3, 15, 0, 0, TimeSpan.Zero);
        foreach (var id in ids)
        {
            await StoreAsync(store, id, at);
        }

        Assert.False(await TableExistsAsync(StorageNames.SubmissionsTable));
        var where = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in StorageNames.SubmissionTableNames)
        {
            foreach (var (id, rows) in await PartitionsAsync(Tables().GetTableClient(name)))
            {
                Assert.True(where.TryAdd(id, name), $"{id} has rows in two tables");
                Assert.Equal(5, rows.Count); // record, contact, referrer and two history rows: the whole partition
            }
        }
        Assert.Equal(ids.Order(StringComparer.Ordinal), where.Keys.Order(StringComparer.Ordinal));
        Assert.All(ids, id => Assert.Equal(SubmissionTables.NameFor(id), where[id]));
        Assert.Equal(16, where.Values.Distinct(StringComparer.Ordinal).Count());

        // Another instance (another process) reads each where it was written.
        var reader = new TableSubmissionStore(Tables());
        foreach (var id in ids.Take(20))
        {
            var file = await reader.GetFileAsync(id, None);
            Assert.NotNull(file);
            Assert.Equal((SubmissionStatus.Routed, 2, 2), (file.Submission.Status, file.Submission.Version, file.History.Count));
            Assert.Equal(TestData.Referrer, file.Referrer);
        }
    }

    [Fact]
    public async Task A_store_of_before_keeps_every_submission_in_its_one_table_and_reads_what_it_held()
    {
        // As the versions before made it: the one table, with a submission in it.
        await Tables().CreateTableIfNotExistsAsync(StorageNames.SubmissionsTable);
        var at = new DateTimeOffset(2026, 11, 3, 15, 0, 0, TimeSpan.Zero);
        var before = Ids(1)[0];
        var one = Tables().GetTableClient(StorageNames.SubmissionsTable);
        var record = SubmissionEntities.Record(TestData.Submission(before, at) with { Status = SubmissionStatus.Routed });
        await one.SubmitTransactionAsync(
        [
            new(TableTransactionActionType.Add, record),
            new(TableTransactionActionType.Add, SubmissionEntities.ContactEntity(before, TestData.Contact)),
            new(TableTransactionActionType.Add, SubmissionEntities.History(before, 1, new HistoryEntry(at, "Screening received", "public"))),
        ], None);
        await StartAppAsync();

        var store = new TableSubmissionStore(Tables());
        Assert.Equal(SubmissionStatus.Routed, (await store.GetAsync(before, None))?.Status);
        Assert.Equal(TestData.Contact, await store.GetContactAsync(before, None));
        var later = Ids(30)[1..];
        foreach (var id in later)
        {
            await StoreAsync(store, id, at.AddDays(1));
        }

        var held = await PartitionsAsync(one);
        Assert.Equal([before, .. later], held.Keys.Order(StringComparer.Ordinal));
        foreach (var name in StorageNames.SubmissionTableNames)
        {
            Assert.Empty(await PartitionsAsync(Tables().GetTableClient(name)));
        }
        Assert.Single(await SubmissionTables.Of(Tables()).AllAsync(None));
        Assert.Equal(2, (await new TableSubmissionStore(Tables()).GetFileAsync(later[0], None))!.History.Count);
    }

    [Fact]
    public async Task The_layout_is_looked_up_once_for_every_class_on_a_client_and_a_look_that_fails_is_looked_up_again()
    {
        await StartAppAsync();
        var counter = new RequestCounter();
        var client = Tables(counter.Options());
        var tables = SubmissionTables.Of(client);

        foreach (var id in Ids(10))
        {
            Assert.Equal(SubmissionTables.NameFor(id), (await tables.ForAsync(id, None)).Name);
        }
        Assert.Equal(16, (await tables.AllAsync(None)).Count);
        // Every storage class on the same client shares the look.
        Assert.Null(await new TableSubmissionStore(client).GetAsync(Ids(1)[0], None));
        Assert.Null(await new TablePeopleIndex(client, TestData.PersonDigests).ListedAsync(Ids(1)[0], None));
        Assert.Single(counter.Addresses, address => address.Contains("/Tables", StringComparison.Ordinal));

        // Storage that does not answer: the look fails as any storage call does, and the next one looks again.
        var tries = new RequestCounter();
        var options = tries.Options();
        options.Retry.MaxRetries = 0;
        var unreachable = new TableServiceClient(new Uri("http://127.0.0.1:9/devstoreaccount1"), new TableSharedKeyCredential("devstoreaccount1", Convert.ToBase64String(new byte[64])), options);
        var failing = SubmissionTables.Of(unreachable);
        await Assert.ThrowsAnyAsync<Azure.RequestFailedException>(async () => await failing.ForAsync(Ids(1)[0], None));
        await Assert.ThrowsAnyAsync<Azure.RequestFailedException>(async () => await failing.ForAsync(Ids(1)[0], None));
        Assert.Equal(2, tries.Count);
    }
}
