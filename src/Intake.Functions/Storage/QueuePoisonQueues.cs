using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;

namespace Intake.Functions.Storage;

/// <summary>The poison queues of <see cref="StorageNames.Queues"/>, counted and replayed on Azure Storage Queues.</summary>
public sealed class QueuePoisonQueues(QueueServiceClient queues) : IPoisonQueues
{
    /// <summary>The most messages one replay moves; the team replays again for more.</summary>
    public const int MaxPerReplay = 1000;

    /// <summary>How long a message being moved stays hidden in the poison queue (it reappears there if the move fails).</summary>
    private static readonly TimeSpan MoveTimeout = TimeSpan.FromMinutes(1);

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

    /// <inheritdoc />
    public async Task<int?> ReplayAsync(string queue, CancellationToken cancellationToken)
    {
        // Only a queue with a poison queue of its own (so never a poison queue: there is no "-poison-poison").
        if (!StorageNames.Queues.Contains(queue + StorageNames.PoisonSuffix))
        {
            return null;
        }
        var poison = queues.GetQueueClient(queue + StorageNames.PoisonSuffix);
        var target = queues.GetQueueClient(queue);
        var moved = 0;
        while (moved < MaxPerReplay)
        {
            QueueMessage[] batch;
            try
            {
                batch = (await poison.ReceiveMessagesAsync(Math.Min(32, MaxPerReplay - moved), MoveTimeout, cancellationToken)).Value;
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                break;
            }
            if (batch.Length == 0)
            {
                break;
            }
            foreach (var message in batch)
            {
                await target.SendMessageAsync(message.Body, cancellationToken: cancellationToken);
                await poison.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
                moved++;
            }
        }
        return moved;
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
