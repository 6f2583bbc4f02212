namespace Intake.Core.Workflows.Reporting;

/// <summary>
/// Reads what the funnel needs (both lists, the submissions awaiting pre-check, the poison queues)
/// and computes it.
/// </summary>
public sealed class FunnelReader(ITeamLists lists, IPendingSubmissions pending, IPoisonQueues poison, IPassOutcomes passes, SiteCalendar calendar)
{
    /// <summary>The funnel of <paramref name="range"/>, with the poison counts as they stand now.</summary>
    public async Task<FunnelReport> ReadAsync(SiteDateRange range, CancellationToken cancellationToken)
    {
        // Only the lines received in the range (Funnel.Of counts nothing else), with a day to spare at
        // each end for the site's time zone: Funnel.Of keeps those whose site date is in the range.
        var from = new DateTimeOffset(range.From.AddDays(-1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var until = new DateTimeOffset(range.To.AddDays(2).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        // Every list's lines, the erased included (they keep the tombstone's fields: kind, month, result, NotMet ids).
        var lines = lists.FunnelLinesAsync(from, until, cancellationToken);
        // Every mark, whatever its age: a submission marked is one not yet on its list.
        var awaiting = pending.OlderThanAsync(DateTimeOffset.MaxValue, cancellationToken);
        var poisoned = poison.CountsAsync(cancellationToken);
        var timerPasses = passes.ReadAsync(cancellationToken);
        await Task.WhenAll(lines, awaiting, poisoned, timerPasses);
        return Funnel.Of(lines.Result, awaiting.Result.Count, range, calendar) with
        {
            PoisonMessages = poisoned.Result,
            TimerPasses = timerPasses.Result,
        };
    }
}
