using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace Intake.Functions.Triggers;

/// <summary>
/// Every hour, at minute 17, removes the records of used proof-of-work challenges that expired
/// (<see cref="UsedChallengeCleanup"/>), each on its own; one that fails is tried again next hour.
/// Logs counts only; the pass's outcome is kept for <c>GET /api/stats</c>.
/// </summary>
public sealed class ExpiredChallengeRemovalFunction(UsedChallengeCleanup cleanup, IPassOutcomes passes, SiteCalendar calendar, ILogger<ExpiredChallengeRemovalFunction> logger)
{
    /// <summary>Runs one pass.</summary>
    [Function(nameof(RemoveExpiredChallenges))]
    public async Task RemoveExpiredChallenges([TimerTrigger("0 17 * * * *")] TimerInfo timer, CancellationToken cancellationToken)
    {
        var (removed, failed) = await cleanup.RunAsync(cancellationToken);
        if (failed > 0)
        {
            logger.LogWarning("Used challenges: {Removed} expired removed, {Failed} could not be removed (tried again next hour)", removed, failed);
        }
        else if (removed > 0)
        {
            logger.LogInformation("Used challenges: {Removed} expired removed", removed);
        }
        await passes.RecordAsync(new PassOutcome(PassOutcome.RemoveExpiredChallenges, calendar.Now, removed + failed, failed), cancellationToken);
    }
}
