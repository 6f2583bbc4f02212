using Azure.Storage.Queues.Models;
using Intake.Functions.Storage;
using Intake.Functions.Telemetry;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace Intake.Functions.Triggers;

/// <summary>
/// Pre-checks each queued submission and routes it to the worklist or the screened-out list.
/// A message that keeps failing goes to <c>precheck-poison</c> after the host's <c>maxDequeueCount</c>.
/// Its handling continues the trace of the request that queued it, and is measured (queue age, duration).
/// A message for a submission erased since it was queued finds its tombstone and does nothing.
/// </summary>
public sealed class PrecheckFunction(PrecheckRouting routing, ISubmissionErasure erasure, IntakeMetrics metrics, TimeProvider time, ILogger<PrecheckFunction> logger)
{
    /// <summary>Handles one message; safe to run twice for the same submission.</summary>
    [Function(nameof(PrecheckSubmission))]
    public async Task PrecheckSubmission([QueueTrigger(StorageNames.PrecheckQueue)] QueueMessage message, CancellationToken cancellationToken)
    {
        var request = PrecheckRequest.Read(message.Body);
        var id = SubmissionId.Normalise(request.SubmissionId)
            ?? throw new ArgumentException("The pre-check message does not hold a submission id.", nameof(message));
        metrics.Dequeued(StorageNames.PrecheckQueue, message.InsertedOn);
        using var span = IntakeTelemetry.StartProcess(StorageNames.PrecheckQueue, request.Traceparent, id);
        var started = time.GetTimestamp();
        RoutingOutcome outcome;
        try
        {
            outcome = await routing.HandleAsync(id, cancellationToken);
        }
        catch (Exception e)
        {
            if (e is KeyNotFoundException && await erasure.ErasedAsync(id, cancellationToken) is not null)
            {
                // Erased after it was queued: nothing of it is left to pre-check, and nothing is brought back.
                metrics.Prechecked(time.GetElapsedTime(started), "Erased");
                span?.SetTag(IntakeMetrics.OutcomeTag, "Erased");
                logger.LogInformation("Pre-check of {Id}: erased, nothing to do", id);
                return;
            }
            metrics.Prechecked(time.GetElapsedTime(started), "Failed");
            IntakeTelemetry.Failed(span, e);
            throw;
        }
        metrics.Prechecked(time.GetElapsedTime(started), outcome.ToString());
        span?.SetTag(IntakeMetrics.OutcomeTag, outcome.ToString());
        logger.LogInformation("Pre-check of {Id}: {Outcome}", id, outcome);
    }
}
