using Azure.Data.Tables;
using Intake.Functions.Storage;
using Intake.Testing;
using Microsoft.Extensions.Configuration;

namespace Intake.Functions.Tests;

/// <summary>
/// Storing a new submission asks whether the same id was stored in the layout before row keys ended
/// with the id only while such rows may remain: on a store without them (a new store, or one migrated)
/// it is one request, the transaction; on a store that still has them, the old record is read first.
/// Its own Azurite, a store of before with its one submissions table (the layout that can hold such rows):
/// the shared one is a new store, with other tests' old-layout fixtures.
/// </summary>
public sealed class OldLayoutLookTests : IAsyncLifetime
{
    private Azurite? _azurite;
    private TableServiceClient? _plain;

    public async Task InitializeAsync()
    {
        _azurite = await Azurite.StartAsync();
        _plain = Tables(new TableClientOptions());
        await _plain.CreateTableIfNotExistsAsync(StorageNames.SubmissionsTable);
    }

    public async Task DisposeAsync()
    {
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }

    private TableServiceClient Tables(TableClientOptions options) =>
        StorageConnection.From(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [StorageConnection.SettingName] = _azurite!.ConnectionString }).Build())
            .CreateTableServiceClient(options);

    private static Task<AddResult> AddAsync(TableSubmissionStore store, string id) =>
        store.AddAsync(TestData.Submission(id, DateTimeOffset.UtcNow), TestData.Contact, null, new HistoryEntry(DateTimeOffset.UtcNow, "Screening received", "public"), CancellationToken.None);

    [Fact]
    public async Task On_a_store_without_the_old_layout_a_new_submission_is_one_request_after_the_first_look()
    {
        var counter = new RequestCounter();
        var store = new TableSubmissionStore(Tables(counter.Options()));

        Assert.Equal(AddResult.Added, await AddAsync(store, Guid.NewGuid().ToString()));
        Assert.Equal(3, counter.Count); // the store's layout (its one submissions table is there), the look (one query page, empty) and the transaction
        Assert.Equal(AddResult.Added, await AddAsync(store, Guid.NewGuid().ToString()));
        Assert.Equal(4, counter.Count); // the transaction alone
    }

    [Fact]
    public async Task On_a_store_with_the_old_layout_a_post_again_of_an_old_id_is_a_repeat()
    {
        var old = Guid.NewGuid().ToString();
        await _plain!.GetTableClient(StorageNames.SubmissionsTable).AddEntityAsync(new TableEntity(old, "record") { ["Status"] = "Routed" });
        var counter = new RequestCounter();
        var store = new TableSubmissionStore(Tables(counter.Options()));

        Assert.Equal(AddResult.AlreadyExists, await AddAsync(store, old));
        Assert.Equal(3, counter.Count); // the store's layout, the look, which found it, and the read of the old record
        Assert.Equal(AddResult.Added, await AddAsync(store, Guid.NewGuid().ToString()));
        Assert.Equal(5, counter.Count); // while old rows remain: the read of the old record, and the transaction
    }
}
