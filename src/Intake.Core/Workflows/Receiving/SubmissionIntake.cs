namespace Intake.Core.Workflows.Receiving;

/// <summary>
/// Takes in a valid submission: durably stored before anything is answered, then queued for
/// its pre-check. Idempotent on the client's id: the same body again stores nothing twice.
/// </summary>
public sealed class SubmissionIntake(ISubmissionStore store, IPendingSubmissions pending, IPrecheckQueue queue, SiteCalendar calendar, PersonDigests digests)
{
    /// <summary>Stores and queues <paramref name="draft"/>.</summary>
    public async Task<IntakeResult> AcceptAsync(SubmissionDraft draft, CancellationToken cancellationToken)
    {
        var id = draft.Id ?? Guid.NewGuid().ToString("D");
        var now = calendar.Now;
        var submission = new Submission
        {
            Id = id,
            Kind = draft.Kind,
            ReceivedAt = now,
            ReceivedOn = calendar.DateAt(now),
            Answers = draft.Answers,
            Fingerprint = draft.Fingerprint,
            PersonKeys = PersonKeys.Of(draft.Answers, draft.Contact, digests),
            Version = 1,
        };
        var received = new HistoryEntry(now, draft.Kind == SubmissionKind.Referral ? "Referral received" : "Self-screening received", Actors.Public);

        // The pending mark comes first: should the process die after storing, the reconciler still finds the submission.
        await pending.MarkAsync(id, now, cancellationToken);
        if (await store.AddAsync(submission, draft.Contact, draft.Referrer, received, cancellationToken) == AddResult.AlreadyExists)
        {
            var existing = await store.GetAsync(id, cancellationToken)
                ?? throw new InvalidOperationException($"Submission {id} was reported as existing but cannot be read.");
            if (existing.Fingerprint != submission.Fingerprint)
            {
                return new IntakeResult(id, Accepted: false);
            }
            // The same post again. It is handed off again even when already pre-checked: the pending mark
            // just set must go, and only settling the submission may clear it (clearing it here could
            // strand one whose line is not written yet). The pre-check of a pre-checked submission only
            // settles it: its line, the mark, its person entry, in one idempotent write.
        }
        try
        {
            await queue.EnqueueAsync(id, cancellationToken);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // Stored is what the 202 promises; the pending mark makes the reconciler queue it within minutes.
            // The mark is set again, from now: a slow write may have outlasted the reconciler's grace, and
            // the reconciler, finding a mark without a record, will have cleared it as never stored.
            await MarkAgainAsync(id, cancellationToken);
            return new IntakeResult(id, Accepted: true, Queued: false);
        }
        return new IntakeResult(id, Accepted: true);
    }

    private async Task MarkAgainAsync(string id, CancellationToken cancellationToken)
    {
        try
        {
            await pending.MarkAsync(id, calendar.Now, cancellationToken);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // Storage is failing as a whole: the first mark stays unless the reconciler saw no record, which a
            // write still running when it looked cannot outlast (the storage clients' per-call deadline is
            // well below the grace).
        }
    }
}
