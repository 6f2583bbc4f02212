using Intake.Core;
using Intake.Functions.Storage;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace Intake.Functions.Functions;

/// <summary>
/// Pre-checks each queued submission and routes it to the worklist or the screened-out list.
/// A message that keeps failing goes to <c>precheck-poison</c> after the host's <c>maxDequeueCount</c>.
/// </summary>
public sealed class PrecheckFunction(PrecheckRouting routing, ILogger<PrecheckFunction> logger)
{
    /// <summary>Handles one message; safe to run twice for the same submission.</summary>
    [Function(nameof(PrecheckSubmission))]
    public async Task PrecheckSubmission([QueueTrigger(StorageNames.PrecheckQueue)] PrecheckRequest request, CancellationToken cancellationToken)
    {
        var id = SubmissionReader.NormaliseId(request.SubmissionId)
            ?? throw new ArgumentException("The pre-check message does not hold a submission id.", nameof(request));
        var outcome = await routing.HandleAsync(id, cancellationToken);
        logger.LogInformation("Pre-check of {Id}: {Outcome}", id, outcome);
    }
}
