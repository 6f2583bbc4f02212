using System.Text.Json;
using System.Text.Json.Serialization;
using Azure.Storage.Queues;
using Intake.Functions.Telemetry;

namespace Intake.Functions.Storage;

/// <summary>
/// The message on the pre-check queue: the submission's id, and the W3C trace context of the
/// request that queued it (ids only, never patient data). Messages queued before they carried a
/// trace context read the same, without one.
/// </summary>
/// <param name="SubmissionId">The submission to pre-check.</param>
/// <param name="Traceparent">The sender's W3C <c>traceparent</c>, so that the pre-check continues its trace; none when untraced.</param>
public sealed record PrecheckRequest(string SubmissionId, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Traceparent = null)
{
    /// <summary>Reads a message's body; throws <see cref="ArgumentException"/> for one that is not a pre-check request, so that it ends in the poison queue.</summary>
    public static PrecheckRequest Read(BinaryData body)
    {
        try
        {
            return body.ToObjectFromJson<PrecheckRequest>(JsonSerializerOptions.Web)
                ?? throw new ArgumentException("The pre-check message is empty.", nameof(body));
        }
        catch (JsonException e)
        {
            // The position only: never the message's text.
            throw new ArgumentException($"The pre-check message is not a pre-check request (JSON at {e.Path}, line {e.LineNumber}).", nameof(body));
        }
    }
}

/// <summary>The pre-check queue on Azure Storage Queues.</summary>
public sealed class QueuePrecheckQueue(QueueServiceClient queues) : IPrecheckQueue
{
    private readonly QueueClient _queue = queues.GetQueueClient(StorageNames.PrecheckQueue);

    /// <inheritdoc />
    public async Task EnqueueAsync(string submissionId, CancellationToken cancellationToken)
    {
        var (span, traceparent) = IntakeTelemetry.StartSend(StorageNames.PrecheckQueue, submissionId);
        using (span)
        {
            try
            {
                await _queue.SendMessageAsync(JsonSerializer.Serialize(new PrecheckRequest(submissionId, traceparent), JsonSerializerOptions.Web), cancellationToken);
            }
            catch (Exception e)
            {
                IntakeTelemetry.Failed(span, e);
                throw;
            }
        }
    }
}
