namespace Intake.Core.Workflows.Reconciling;

/// <summary>
/// The one-off move of the lines kept before the lists' shelves onto them (<see cref="IUnshelvedLines"/>),
/// run daily as a timer pass until none is left: for each such line the submission's record is settled anew
/// (<see cref="SubmissionChanges.SettleAsync"/>), which puts its line on its shelf as the record says now,
/// and only then is the old line deleted, so that a submission is never on no list. A line whose record is
/// gone or on no list is only deleted. Each line on its own: one that fails is counted and left for the next
/// pass. Once all are moved a pass reads one empty page and changes nothing.
/// </summary>
public sealed class LineShelving(IUnshelvedLines lines, ISubmissionStore store, SubmissionChanges changes, IPassOutcomes passes, SiteCalendar calendar)
{
    /// <summary>Lines read per page.</summary>
    public const int PageSize = 100;

    /// <summary>Lines moved at once (each is a handful of requests, mostly point reads and writes of known keys).</summary>
    public const int MovedAtOnce = 4;

    /// <summary>Runs one pass and records its outcome (<see cref="PassOutcome.ShelveLines"/>).</summary>
    public async Task<PassTally> RunAsync(CancellationToken cancellationToken)
    {
        var tally = await ItemPass.ForEachAsync(lines.PagesAsync(PageSize, cancellationToken), line => line.SubmissionId, MovedAtOnce, async (line, token) =>
        {
            if (await store.GetAsync(line.SubmissionId, token) is { List: not null } record)
            {
                await changes.SettleAsync(record, before: null, token);
            }
            await lines.DropAsync(line, token);
        }, cancellationToken);
        await passes.RecordAsync(PassOutcome.Of(PassOutcome.ShelveLines, calendar.Now, tally), cancellationToken);
        return tally;
    }
}
