using Azure.Data.Tables;
using Azure.Storage.Queues;
using Intake.Functions.Storage;
using Intake.Testing;
using Microsoft.Extensions.Configuration;

namespace Intake.Functions.Tests;

/// <summary>
/// One real Azurite for the whole project, with the app's tables and queues created by the app's
/// own <see cref="StorageInitializer"/> and clients made exactly as the app makes them
/// (<see cref="StorageConnection"/>, so queue messages are Base64 as in production).
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private Azurite? _azurite;
    private TableServiceClient? _tables;
    private QueueServiceClient? _queues;

    /// <summary>Azurite's connection string.</summary>
    public string ConnectionString => _azurite?.ConnectionString ?? throw new InvalidOperationException("Azurite is not started.");

    /// <summary>The app's table service client on Azurite.</summary>
    public TableServiceClient Tables => _tables ?? throw new InvalidOperationException("Azurite is not started.");

    /// <summary>The table that holds submission <paramref name="id"/>'s partition (this store is new: its submissions are spread, <see cref="SubmissionTables"/>).</summary>
    public TableClient SubmissionsOf(string id) => Tables.GetTableClient(SubmissionTables.NameFor(id));

    /// <summary>The app's queue service client on Azurite (Base64 messages).</summary>
    public QueueServiceClient Queues => _queues ?? throw new InvalidOperationException("Azurite is not started.");

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        _azurite = await Azurite.StartAsync();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [StorageConnection.SettingName] = _azurite.ConnectionString })
            .Build();
        var connection = StorageConnection.From(configuration);
        _tables = connection.CreateTableServiceClient(new TableClientOptions());
        _queues = connection.CreateQueueServiceClient(new QueueClientOptions());
        await new StorageInitializer(_tables, _queues).StartAsync(CancellationToken.None);
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }
}

/// <summary>Every test class that needs storage joins this collection: Azurite starts once, and these classes run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Azurite";
}
