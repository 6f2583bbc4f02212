namespace Intake.Core.Erasure;

/// <summary>
/// The retention pass (api-2.md, "A person's data has an end"): erases, with the reason
/// <see cref="PersonErasure.RetentionReason"/> and by <see cref="Actors.System"/>, every submission screened out,
/// or closed as <c>Declined</c>, <c>NotEligible</c> or <c>Unreachable</c>, whose last change is older
/// than <see cref="ClosedDays"/>, and that was never <c>Enrolled</c> (nor is any submission of the same
/// person). First it finishes erasures cut off before. Each item on its own (<see cref="ItemPass"/>);
/// each erasure has its own audit entry, written before it erases (a failed erasure is tried and
/// audited again on the next pass: an entry too many, never an erasure unaudited).
/// </summary>
public sealed class Retention(ITeamLists lists, ISubmissionStore store, PersonErasure erasure, IAuditLog audit, IPassOutcomes outcomes, SiteCalendar calendar)
{
    /// <summary>The audit entry's action.</summary>
    public const string Action = "EraseByRetention";

    /// <summary>The team statuses that close a submission for retention.</summary>
    public static IReadOnlySet<TeamStatus> Closed { get; } = new HashSet<TeamStatus> { TeamStatus.Declined, TeamStatus.NotEligible, TeamStatus.Unreachable };

    /// <summary>Days a closed or screened-out submission is kept after its last change; 0 turns retention off.</summary>
    public int ClosedDays { get; init; } = 365;

    /// <summary>Runs one pass and records its outcome (<see cref="PassOutcome.EraseByRetention"/>); nothing when <see cref="ClosedDays"/> is 0.</summary>
    public async Task<PassTally> RunAsync(CancellationToken cancellationToken)
    {
        if (ClosedDays <= 0)
        {
            return new PassTally(0, []);
        }
        var now = calendar.Now;
        var cutoff = now - TimeSpan.FromDays(ClosedDays);
        var mark = new ErasureMark(now, Actors.System, PersonErasure.RetentionReason);

        var unfinished = await ItemPass.ForEachAsync(await erasure.OpenAsync(cancellationToken),
            (key, token) => erasure.FinishAsync(key, token), cancellationToken);

        var worklist = await lists.ListAsync(TeamList.Worklist, new WorklistFilter(), cancellationToken);
        var screenedOut = await lists.ListAsync(TeamList.ScreenedOut, new WorklistFilter(), cancellationToken);
        var enrolled = worklist.Where(l => l.TeamStatus == TeamStatus.Enrolled).Select(l => l.PersonId).ToHashSet(StringComparer.Ordinal);
        var candidates = screenedOut.Concat(worklist.Where(l => Closed.Contains(l.TeamStatus)))
            .Where(l => !enrolled.Contains(l.PersonId))
            .Select(l => l.Id).Distinct(StringComparer.Ordinal).ToArray();

        var tally = await ItemPass.ForEachAsync(candidates, async (id, token) =>
        {
            // The record decides, not the line: the line may be behind a change made since.
            if (await store.GetFileAsync(id, token) is not { } file || !IsDue(file, cutoff))
            {
                return;
            }
            await audit.AppendAsync(new AuditEntry(now, Actors.System, Actors.System, Action, id, 1, 200), token);
            await erasure.EraseSubmissionAsync(id, mark, token);
        }, cancellationToken);

        var total = new PassTally(unfinished.Items + tally.Items, [.. unfinished.Failures, .. tally.Failures]);
        await outcomes.RecordAsync(PassOutcome.Of(PassOutcome.EraseByRetention, calendar.Now, total), cancellationToken);
        return total;
    }

    /// <summary>Screened out or closed, unchanged since before <paramref name="cutoff"/>, and never enrolled.</summary>
    public static bool IsDue(SubmissionFile file, DateTimeOffset cutoff)
    {
        ArgumentNullException.ThrowIfNull(file);
        var s = file.Submission;
        var closed = s.Status == SubmissionStatus.ScreenedOut || (s.Status == SubmissionStatus.Routed && Closed.Contains(s.TeamStatus));
        var lastChange = file.History.Count == 0 ? s.ReceivedAt : file.History.Max(h => h.At);
        var everEnrolled = s.TeamStatus == TeamStatus.Enrolled
            || file.History.Any(h => h.Event.Contains("→ " + nameof(TeamStatus.Enrolled), StringComparison.Ordinal));
        return closed && !everEnrolled && lastChange < cutoff;
    }
}
