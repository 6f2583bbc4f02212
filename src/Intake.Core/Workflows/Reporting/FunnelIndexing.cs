namespace Intake.Core.Workflows.Reporting;

/// <summary>
/// The one-off indexing of the lines listed before the funnel index (<see cref="IFunnelIndex"/>), run
/// daily as a timer pass until it is done: a pass adds every line not yet indexed, each on its own, and
/// only a pass without a failure marks the index complete, so that <c>GET /api/stats</c> reads the index
/// from then on (and the lines until then). Once complete a pass reads nothing and changes nothing.
/// </summary>
public sealed class FunnelIndexing(IFunnelIndex index, IPassOutcomes passes, SiteCalendar calendar)
{
    /// <summary>Runs one pass and records its outcome (<see cref="PassOutcome.IndexFunnel"/>).</summary>
    public async Task<PassTally> RunAsync(CancellationToken cancellationToken)
    {
        var tally = new PassTally(0, []);
        if (!await index.IsCompleteAsync(cancellationToken))
        {
            tally = await index.IndexListedAsync(cancellationToken);
            if (tally.Failures.Count == 0)
            {
                await index.MarkCompleteAsync(cancellationToken);
            }
        }
        await passes.RecordAsync(PassOutcome.Of(PassOutcome.IndexFunnel, calendar.Now, tally), cancellationToken);
        return tally;
    }
}
