using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace Intake.Functions.Triggers;

/// <summary>
/// Re-evaluates the open worklist items whose pre-check can change on the site's date: hourly at five past, so that the
/// first run after midnight in the site's time zone (whatever its offset from UTC, which the
/// timer runs in) moves a biopsy into the urgent window that day. Runs that change nothing
/// record nothing.
/// </summary>
public sealed class ReevaluationFunction(Reevaluation reevaluation, ILogger<ReevaluationFunction> logger)
{
    /// <summary>Runs one pass.</summary>
    [Function(nameof(Reevaluate))]
    public async Task Reevaluate([TimerTrigger("0 5 * * * *")] TimerInfo timer, CancellationToken cancellationToken)
    {
        var report = await reevaluation.RunAsync(cancellationToken);
        foreach (var failure in report.Failures)
        {
            // The id and the exception's type only: a message may quote stored data.
            logger.LogError("Re-evaluating {Id} failed ({ErrorType}); the next pass tries again", failure.SubmissionId, failure.ErrorType);
        }
        logger.LogInformation("Re-evaluated {Evaluated} open worklist items: {Changed} changed, {Failed} failed", report.Evaluated, report.Changed, report.Failures.Count);
    }
}
