namespace Intake.Core.Stores;

/// <summary>
/// The funnel's index of the lines by receipt date (<see cref="ITeamLists.FunnelLinesAsync"/>): every
/// line written since it exists is in it; the lines of before it are added by a pass
/// (<see cref="Workflows.Reporting.FunnelIndexing"/>), and until that pass has found them all the
/// funnel is read from the lines themselves.
/// </summary>
public interface IFunnelIndex
{
    /// <summary>Whether every line is in the index (a pass has indexed all the lines of before it).</summary>
    Task<bool> IsCompleteAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Adds every line that is not in the index yet, each on its own (one already there is left as it is:
    /// it was written by a change since), then takes out the rows an earlier layout of the index left; a
    /// line that cannot be added, or a row that cannot be taken out, is a failure of the tally.
    /// </summary>
    Task<PassTally> IndexListedAsync(CancellationToken cancellationToken);

    /// <summary>Records that every line is in the index: the funnel is read from it from then on.</summary>
    Task MarkCompleteAsync(CancellationToken cancellationToken);
}
