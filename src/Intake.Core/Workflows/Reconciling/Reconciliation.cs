namespace Intake.Core.Workflows.Reconciling;

/// <summary>
/// Finds submissions whose hand-off was lost (the process died between storing and queueing,
/// or between pre-checking and listing) and finishes them, each on its own: one that fails is
/// counted and left for the next pass. Safe to run at any time.
/// </summary>
public sealed class Reconciliation(IPendingSubmissions pending, IInterruptedMoves moves, ISubmissionStore store, IPrecheckQueue queue, SubmissionChanges changes, SiteCalendar calendar, IPassOutcomes outcomes)
{
    /// <summary>How long a submission may wait for its pre-check before it counts as lost.</summary>
    public TimeSpan Grace { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Runs one pass.</summary>
    public async Task<ReconciliationReport> RunAsync(CancellationToken cancellationToken)
    {
        var now = calendar.Now;
        int requeued = 0, relisted = 0, abandoned = 0;
        var tally = await ItemPass.ForEachAsync(await pending.OlderThanAsync(now - Grace, cancellationToken), async (id, token) =>
        {
            var submission = await store.GetAsync(id, token);
            if (submission is null)
            {
                await pending.ClearAsync(id, token);
                abandoned++;
            }
            else if (submission.Status == SubmissionStatus.Received)
            {
                // Marked again from now, so a long queue is not flooded with copies at every pass.
                await pending.MarkAsync(id, now, token);
                await queue.EnqueueAsync(id, token);
                requeued++;
            }
            else
            {
                await changes.SettleAsync(submission, before: null, token);
                relisted++;
            }
        }, cancellationToken);
        // Moves of a line cut off before the line it left was deleted: the line where the record says first
        // (settled anew), then the one left behind goes, so the item is never on no list and ends on one.
        var moved = await ItemPass.ForEachAsync(await moves.BegunBeforeAsync(now - Grace, cancellationToken), async (id, token) =>
        {
            var submission = await store.GetAsync(id, token);
            if (submission is { List: not null })
            {
                await changes.SettleAsync(submission, before: null, token);
            }
            await moves.FinishAsync(id, submission is { List: not null } ? WorklistItem.For(submission) : null, token);
        }, cancellationToken);
        tally = new PassTally(tally.Items + moved.Items, [.. tally.Failures, .. moved.Failures]);
        await outcomes.RecordAsync(PassOutcome.Of(PassOutcome.Reconcile, calendar.Now, tally), cancellationToken);
        return new ReconciliationReport(requeued, relisted, abandoned) { Failures = tally.Failures, MovesFinished = moved.Items - moved.Failures.Count };
    }
}
