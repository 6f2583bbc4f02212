using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace Intake.Functions.Triggers;

/// <summary>
/// Daily at 04:15 UTC, until it is done, adds the lines listed before the funnel index to it
/// (<see cref="FunnelIndexing"/>), line by line. Once a pass has added them all without a failure,
/// <c>GET /api/stats</c> reads the index, and a pass finds nothing to do. Logs counts and the ids it
/// could not index, never patient data; the pass's outcome is kept for <c>GET /api/stats</c>.
/// </summary>
public sealed class FunnelIndexingFunction(FunnelIndexing indexing, ILogger<FunnelIndexingFunction> logger)
{
    /// <summary>Runs one pass.</summary>
    [Function(nameof(IndexFunnel))]
    public async Task IndexFunnel([TimerTrigger("0 15 4 * * *")] TimerInfo timer, CancellationToken cancellationToken)
    {
        var tally = await indexing.RunAsync(cancellationToken);
        foreach (var failure in tally.Failures)
        {
            logger.LogWarning("The line of submission {Id} could not be added to the funnel index ({ErrorType}); the next pass tries again", failure.SubmissionId, failure.ErrorType);
        }
        logger.LogInformation("Funnel indexing: {Items} lines read, {Failures} failed", tally.Items, tally.Failures.Count);
    }
}
