namespace Intake.Core;

/// <summary>What one reconciliation pass did.</summary>
/// <param name="Requeued">Stored but never pre-checked: queued again.</param>
/// <param name="Relisted">Pre-checked but whose list entry may be missing: listed again.</param>
/// <param name="Abandoned">Marked but never stored (the post failed before its answer): mark cleared.</param>
public sealed record ReconciliationReport(int Requeued, int Relisted, int Abandoned)
{
    /// <summary>The marks that could not be handled (left for the next pass).</summary>
    public IReadOnlyList<ItemFailure> Failures { get; init; } = [];
}

/// <summary>
/// Finds submissions whose hand-off was lost (the process died between storing and queueing,
/// or between pre-checking and listing) and finishes them, each on its own: one that fails is
/// counted and left for the next pass. Safe to run at any time.
/// </summary>
public sealed class Reconciliation(IPendingSubmissions pending, ISubmissionStore store, IPrecheckQueue queue, SubmissionChanges changes, SiteCalendar calendar, IPassOutcomes outcomes)
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
        await outcomes.RecordAsync(PassOutcome.Of(PassOutcome.Reconcile, calendar.Now, tally), cancellationToken);
        return new ReconciliationReport(requeued, relisted, abandoned) { Failures = tally.Failures };
    }
}
