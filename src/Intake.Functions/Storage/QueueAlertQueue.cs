using System.Text.Json;
using System.Text.Json.Serialization;
using Azure.Storage.Queues;

namespace Intake.Functions.Storage;

/// <summary>The alerts queue on Azure Storage Queues. Messages carry ids and words only.</summary>
public sealed class QueueAlertQueue(QueueServiceClient queues) : IAlertQueue
{
    /// <summary>How alert messages are written: camelCase, enumerations as their names.</summary>
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private readonly QueueClient _queue = queues.GetQueueClient(StorageNames.AlertsQueue);

    /// <inheritdoc />
    public async Task EnqueueAsync(AlertRequest alert, CancellationToken cancellationToken) =>
        await _queue.SendMessageAsync(JsonSerializer.Serialize(alert, Json), cancellationToken);
}
