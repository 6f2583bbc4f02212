using Intake.Functions.Telemetry;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace Intake.Functions.Triggers;

/// <summary>
/// Every minute, finds submissions whose hand-off was lost (stored but never pre-checked, or
/// pre-checked but not listed) and finishes them, and the moves of a line between the lists' shelves
/// that were cut off.
/// </summary>
public sealed class ReconcilerFunction(Reconciliation reconciliation, IntakeMetrics metrics, ILogger<ReconcilerFunction> logger)
{
    /// <summary>Runs one reconciliation pass.</summary>
    [Function(nameof(Reconcile))]
    public async Task Reconcile([TimerTrigger("0 */1 * * * *")] TimerInfo timer, CancellationToken cancellationToken)
    {
        var report = await reconciliation.RunAsync(cancellationToken);
        // Zero too: the alert on a pass that queued anything again reads this counter.
        metrics.Requeued(report.Requeued);
        foreach (var failure in report.Failures)
        {
            // The id and the exception's type only: a message may quote stored data.
            logger.LogError("Reconciling {Id} failed ({ErrorType}); the next pass tries again", failure.SubmissionId, failure.ErrorType);
        }
        if (report.Requeued + report.Relisted + report.Abandoned + report.MovesFinished > 0)
        {
            logger.LogWarning("Reconciled: {Requeued} queued again, {Relisted} listed again, {Abandoned} never stored, {MovesFinished} moves between shelves finished",
                report.Requeued, report.Relisted, report.Abandoned, report.MovesFinished);
        }
    }
}
