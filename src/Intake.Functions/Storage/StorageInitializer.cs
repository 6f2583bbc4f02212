using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.Extensions.Hosting;

namespace Intake.Functions.Storage;

/// <summary>Creates the app's tables and queues at start when they are missing (in Azure the Bicep already has).</summary>
public sealed class StorageInitializer(TableServiceClient tables, QueueServiceClient queues) : IHostedService
{
    /// <summary>Creates everything in <see cref="StorageNames"/>.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var table in StorageNames.Tables)
        {
            await tables.CreateTableIfNotExistsAsync(table, cancellationToken);
        }
        foreach (var queue in StorageNames.Queues)
        {
            await queues.GetQueueClient(queue).CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        }
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
