using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace Intake.Functions.Triggers;

/// <summary>
/// Daily at 03:30 UTC, removes the submissions marked not genuine more than 30 days ago
/// (<see cref="NotGenuineRemoval"/>), each on its own. Logs counts and the ids it could not remove,
/// never patient data. The pass's outcome is kept for <c>GET /api/stats</c>.
/// </summary>
public sealed class NotGenuineRemovalFunction(NotGenuineRemoval removal, IPassOutcomes passes, SiteCalendar calendar, ILogger<NotGenuineRemovalFunction> logger)
{
    /// <summary>Runs one pass.</summary>
    [Function(nameof(RemoveNotGenuine))]
    public async Task RemoveNotGenuine([TimerTrigger("0 30 3 * * *")] TimerInfo timer, CancellationToken cancellationToken)
    {
        var report = await removal.RunAsync(cancellationToken);
        foreach (var id in report.Failed)
        {
            logger.LogWarning("Submission {Id} marked not genuine could not be removed; the next pass tries again", id);
        }
        logger.LogInformation("Removal of submissions marked not genuine: {Removed} removed, {Kept} kept for review, {Failed} failed",
            report.Removed, report.Kept, report.Failed.Count);
        await passes.RecordAsync(new PassOutcome(PassOutcome.RemoveNotGenuine, calendar.Now, report.Removed + report.Kept + report.Failed.Count, report.Failed.Count), cancellationToken);
    }
}
