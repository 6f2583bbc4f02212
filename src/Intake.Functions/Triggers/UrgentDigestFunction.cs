using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace Intake.Functions.Triggers;

/// <summary>
/// Every five minutes, sends the digest e-mail of each hour that is over and held urgent items
/// over <c>Intake:Alerts:MaxPerHour</c>, and records it in their histories (<see cref="UrgentDigests"/>).
/// Each hour on its own; what a pass could not finish is taken again by the next. Logs counts and
/// hours only; the pass's outcome (hours with a digest taken up, hours not finished) is kept for
/// <c>GET /api/stats</c>.
/// </summary>
public sealed class UrgentDigestFunction(UrgentDigests digests, IPassOutcomes passes, SiteCalendar calendar, ILogger<UrgentDigestFunction> logger)
{
    /// <summary>Runs one pass.</summary>
    [Function(nameof(SendUrgentDigests))]
    public async Task SendUrgentDigests([TimerTrigger("0 */5 * * * *")] TimerInfo timer, CancellationToken cancellationToken)
    {
        var report = await digests.RunAsync(cancellationToken);
        foreach (var failure in report.Failures)
        {
            logger.LogWarning("Urgent digest of the hour from {Window:yyyy-MM-dd HH:mm} UTC not finished ({Error}); the next pass tries again", failure.Window, failure.Error);
        }
        if (report.DigestsSent > 0 || report.ItemsAnnounced > 0)
        {
            logger.LogInformation("Urgent digests: {Digests} sent, {Items} held items announced", report.DigestsSent, report.ItemsAnnounced);
        }
        var failedHours = report.Failures.Select(f => f.Window).Distinct().Count();
        await passes.RecordAsync(new PassOutcome(PassOutcome.SendUrgentDigests, calendar.Now, report.DigestsSent + failedHours, failedHours), cancellationToken);
    }
}
