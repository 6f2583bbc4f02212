using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace Intake.Functions.Triggers;

/// <summary>
/// Daily at 04:00 UTC, erases the submissions kept past <c>Intake:Retention:ClosedDays</c>
/// (<see cref="Retention"/>), each on its own, after finishing any erasure cut off before. Logs counts
/// and the ids it could not erase, never patient data; the pass's outcome is kept for <c>GET /api/stats</c>.
/// </summary>
public sealed class RetentionFunction(Retention retention, ILogger<RetentionFunction> logger)
{
    /// <summary>Runs one pass.</summary>
    [Function(nameof(EraseByRetention))]
    public async Task EraseByRetention([TimerTrigger("0 0 4 * * *")] TimerInfo timer, CancellationToken cancellationToken)
    {
        var tally = await retention.RunAsync(cancellationToken);
        foreach (var failure in tally.Failures)
        {
            logger.LogWarning("Retention could not erase {Id} ({ErrorType}); the next pass tries again", failure.SubmissionId, failure.ErrorType);
        }
        logger.LogInformation("Retention: {Items} items taken up, {Failures} failed", tally.Items, tally.Failures.Count);
    }
}
