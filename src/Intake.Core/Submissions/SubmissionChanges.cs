namespace Intake.Core.Submissions;

/// <summary>
/// Every change of a stored submission goes through here: read, decide, write the record with
/// its history entry (retried when someone else changed it first, never overwritten), then make
/// the list line, the pending mark and the urgent alert follow the record.
/// </summary>
public sealed class SubmissionChanges(ISubmissionStore store, ITeamLists lists, IAlertQueue alerts, SiteCalendar calendar)
{
    /// <summary>How often a change is tried against concurrent changes before it gives up.</summary>
    public const int MaxAttempts = 50;

    /// <summary>
    /// Applies <paramref name="decide"/> to the current record of <paramref name="id"/>: it returns
    /// the change, or <c>null</c> when there is nothing to do.
    /// </summary>
    /// <exception cref="ConcurrentChangeException">The record kept changing under it.</exception>
    public async Task<ChangeResult> ApplyAsync(string id, Func<Submission, DateTimeOffset, Task<Change?>> decide, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            if (await store.GetAsync(id, cancellationToken) is not { } before)
            {
                return new ChangeResult(null, Changed: false);
            }
            var now = calendar.Now;
            if (await decide(before, now) is not { } change)
            {
                return new ChangeResult(before, Changed: false);
            }
            var updated = change.Updated with
            {
                Version = before.Version + 1,
                // Pending from the moment it becomes urgent until a change clears it (the alert went out).
                UrgentAlertPending = IsUrgent(change.Updated) && (!IsUrgent(before) || change.Updated.UrgentAlertPending),
            };
            if (await store.TryUpdateAsync(updated, new HistoryEntry(now, change.Event, change.By), cancellationToken))
            {
                await SettleAsync(updated, before, cancellationToken);
                return new ChangeResult(updated, Changed: true);
            }
            // Someone else changed it first: read it again and decide anew.
            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, 5 * attempt)), cancellationToken);
        }
        throw new ConcurrentChangeException(id, MaxAttempts);
    }

    /// <summary>
    /// Makes the list line, the pending mark and the urgent alert follow <paramref name="current"/>;
    /// <paramref name="before"/> is the record before the change, or <c>null</c> to settle again
    /// (after a redelivery or a lost hand-off). Safe to repeat.
    /// </summary>
    public async Task SettleAsync(Submission current, Submission? before, CancellationToken cancellationToken)
    {
        if (current.List is not null)
        {
            if (before is { List: not null })
            {
                await lists.PutAsync(WorklistItem.For(current), WorklistItem.For(before), cancellationToken);
                // A change to a listed item may race another change to it. The first listing cannot: before it
                // nobody sees the item on a list, so it skips the extra read (the pre-check's hot path).
                await CatchUpLineAsync(current, cancellationToken);
            }
            else
            {
                // The first listing (or settling anew): the person indexed, the line, then the pending mark cleared.
                await lists.PutFirstAsync(WorklistItem.For(current), PersonEntry.Of(current), cancellationToken);
                if (before is null)
                {
                    // Settling anew (the reconciler, the re-evaluation) puts the line of a record read a while ago:
                    // a change written since may have settled its own line first, which this one would now stand
                    // beside (the other list) or in place of (a stale team status). Caught up like any change.
                    await CatchUpLineAsync(current, cancellationToken);
                }
            }
        }
        // Asked for by the change that made it urgent, and again by every settling anew (a send may have been lost);
        // a later change that keeps it urgent asks for nothing more.
        if (current.UrgentAlertPending && (before is null || !IsUrgent(before)))
        {
            await alerts.EnqueueAsync(new AlertRequest(current.Id, AlertKind.UrgentItem), cancellationToken);
        }
    }

    /// <summary>
    /// A newer change may have been written, and its line settled, while this one's line was on its
    /// way: the line just written would then stand for an older record (or stand beside the newer
    /// line). Reads the record again and, while it is newer than the line written, puts its line in
    /// place of that one, so the line always ends as the newest record says.
    /// </summary>
    private async Task CatchUpLineAsync(Submission written, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            if (await store.GetAsync(written.Id, cancellationToken) is not { List: not null } latest || latest.Version <= written.Version)
            {
                return;
            }
            await lists.PutAsync(WorklistItem.For(latest), WorklistItem.For(written), cancellationToken);
            written = latest;
        }
    }

    /// <summary>True for an item on the worklist with priority Urgent.</summary>
    public static bool IsUrgent(Submission submission) =>
        submission.List == TeamList.Worklist && submission.Precheck?.Priority == Priority.Urgent;
}
