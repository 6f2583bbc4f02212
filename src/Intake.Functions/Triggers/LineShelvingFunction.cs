using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace Intake.Functions.Triggers;

/// <summary>
/// Daily at 04:30 UTC, until none is left, moves the lines kept before the lists' shelves onto them
/// (<see cref="LineShelving"/>), line by line. Once all are moved a pass finds nothing to do. Logs counts
/// and the ids it could not move, never patient data; the pass's outcome is kept for <c>GET /api/stats</c>.
/// </summary>
public sealed class LineShelvingFunction(LineShelving shelving, ILogger<LineShelvingFunction> logger)
{
    /// <summary>Runs one pass.</summary>
    [Function(nameof(ShelveLines))]
    public async Task ShelveLines([TimerTrigger("0 30 4 * * *")] TimerInfo timer, CancellationToken cancellationToken)
    {
        var tally = await shelving.RunAsync(cancellationToken);
        foreach (var failure in tally.Failures)
        {
            logger.LogWarning("The line of submission {Id} could not be moved onto its shelf ({ErrorType}); the next pass tries again", failure.SubmissionId, failure.ErrorType);
        }
        logger.LogInformation("Line shelving: {Items} lines read, {Failures} failed", tally.Items, tally.Failures.Count);
    }
}
