using System.Text.Json;
using Azure.Storage.Queues;
using Intake.Core;

namespace Intake.Functions.Storage;

/// <summary>The message on the pre-check queue: the submission's id and nothing else.</summary>
/// <param name="SubmissionId">The submission to pre-check.</param>
public sealed record PrecheckRequest(string SubmissionId);

/// <summary>The pre-check queue on Azure Storage Queues.</summary>
public sealed class QueuePrecheckQueue(QueueServiceClient queues) : IPrecheckQueue
{
    private readonly QueueClient _queue = queues.GetQueueClient(StorageNames.PrecheckQueue);

    /// <inheritdoc />
    public async Task EnqueueAsync(string submissionId, CancellationToken cancellationToken) =>
        await _queue.SendMessageAsync(JsonSerializer.Serialize(new PrecheckRequest(submissionId), JsonSerializerOptions.Web), cancellationToken);
}
