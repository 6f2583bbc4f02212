using Azure;
using Azure.Storage.Queues;
using Intake.Core;

namespace Intake.Functions.Storage;

/// <summary>The poison queues of <see cref="StorageNames.Queues"/>, counted on Azure Storage Queues.</summary>
public sealed class QueuePoisonQueues(QueueServiceClient queues) : IPoisonQueues
{
    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<string, int>> CountsAsync(CancellationToken cancellationToken)
    {
        var counts = new OrderedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var poison in StorageNames.Queues.Where(q => q.EndsWith(StorageNames.PoisonSuffix, StringComparison.Ordinal)))
        {
            counts[poison[..^StorageNames.PoisonSuffix.Length]] = await CountAsync(queues.GetQueueClient(poison), cancellationToken);
        }
        return counts;
    }

    private static async Task<int> CountAsync(QueueClient queue, CancellationToken cancellationToken)
    {
        try
        {
            var count = (await queue.GetPropertiesAsync(cancellationToken)).Value.ApproximateMessagesCountLong;
            return (int)Math.Min(count, int.MaxValue);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // The Functions host creates a poison queue with its first message.
            return 0;
        }
    }
}
