using System.Text.Json;

namespace Intake.Core.Workflows.Rechecking;

/// <summary>
/// Pre-checks open worklist items again with today's date: a biopsy entering the urgent window
/// becomes Urgent, one whose date has passed no longer counts, a person who turned 18 meets I7.
/// Only the items whose pre-check can change on the day are read (each line keeps that date,
/// <see cref="WorklistItem.RecheckOn"/>), a page at a time, <see cref="MaxConcurrency"/> at once,
/// each on its own: one that fails is counted and left for the next pass. Only real changes are
/// recorded. Safe to run as often as wanted.
/// </summary>
public sealed class Reevaluation(ITeamLists lists, SubmissionChanges changes, PrecheckEngine engine, SiteCalendar calendar, IPassOutcomes outcomes)
{
    /// <summary>Lines read per page.</summary>
    public const int PageSize = 100;

    /// <summary>Items handled at once (setting <c>Intake:ReevaluationConcurrency</c>).</summary>
    public int MaxConcurrency { get; init; } = 1;

    /// <summary>
    /// Runs one pass with the site's date today. The first pass ever recorded reads every open item
    /// (lines listed before their re-check date was kept have none); later passes only the due ones.
    /// </summary>
    public async Task<ReevaluationReport> RunAsync(CancellationToken cancellationToken)
    {
        var today = calendar.Today;
        var everyOpenItem = !(await outcomes.ReadAsync(cancellationToken)).Any(o => o.Pass == PassOutcome.Reevaluate);
        var changed = 0;
        var tally = await ItemPass.ForEachAsync(lists.OpenWorklistAsync(everyOpenItem ? null : today, PageSize, cancellationToken), MaxConcurrency,
            async (id, token) =>
            {
                var differs = false;
                var result = await changes.ApplyAsync(id, (s, now) => Task.FromResult(Decide(s, now, today, out differs)), token);
                if (result.Changed && differs)
                {
                    Interlocked.Increment(ref changed);
                }
                else if (!result.Changed && result.Submission is { UrgentAlertPending: true } waiting)
                {
                    // An urgent alert whose queue send was lost is asked for again.
                    await changes.SettleAsync(waiting, before: null, token);
                }
            }, cancellationToken);
        await outcomes.RecordAsync(PassOutcome.Of(PassOutcome.Reevaluate, calendar.Now, tally), cancellationToken);
        return new ReevaluationReport(tally.Items, changed) { Failures = tally.Failures };
    }

    private Change? Decide(Submission s, DateTimeOffset now, DateOnly today, out bool differs)
    {
        differs = false;
        if (s.Status != SubmissionStatus.Routed || !TeamActions.Open.Contains(s.TeamStatus))
        {
            return null;
        }
        var precheck = engine.Evaluate(s.Answers, today);
        differs = PrecheckDiff.Differs(s.Precheck, precheck);
        if (differs)
        {
            return new Change(s with { Precheck = precheck, EvaluatedAt = now, Status = s.StatusFor(precheck) },
                $"Re-evaluated on {today:yyyy-MM-dd}: {PrecheckDiff.Describe(s.Precheck, precheck)}", Actors.System);
        }
        // Due but unchanged (a pre-check kept before its re-check date was, or one whose change came and
        // went between two passes): its next date is recorded, so that the line is not read again before it.
        return s.Precheck?.RecheckOn is not { } due || due <= today
            ? new Change(s with { Precheck = precheck, EvaluatedAt = now },
                $"Re-checked on {today:yyyy-MM-dd}: no change; next re-check {(precheck.RecheckOn == DateOnly.MaxValue ? "not needed" : $"on {precheck.RecheckOn:yyyy-MM-dd}")}", Actors.System)
            : null;
    }
}
