namespace Intake.Core.Workflows.Alerts;

/// <summary>
/// Sends the digest of each hour that is over and held urgent items (<see cref="IAlertBudget"/>):
/// it closes the hour (its count is final from then on), sends the digest, records that it went
/// out, then records in each held item's history that it was announced. Each hour and each item on
/// its own; a step cut off by a crash or a failure is taken again on the next pass, so a digest is
/// sent at least once (a repeat carries the same Message-Id) and no held item goes unannounced.
/// </summary>
public sealed class UrgentDigests(IAlertBudget budget, AlertDispatch dispatch, IAlertSender sender, ISubmissionStore store, SubmissionChanges changes, SiteCalendar calendar)
{
    /// <summary>Runs one pass over every hour that is over and not yet done.</summary>
    public async Task<DigestReport> RunAsync(CancellationToken cancellationToken)
    {
        var now = calendar.Now;
        int digests = 0, announced = 0;
        var failures = new List<DigestFailure>();
        foreach (var window in await budget.UnfinishedAsync(cancellationToken))
        {
            if (window.End > now)
            {
                continue;
            }
            try
            {
                var (sent, items) = await HandleAsync(window, failures, cancellationToken);
                digests += sent ? 1 : 0;
                announced += items;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                failures.Add(new DigestFailure(window.Start, e.GetType().Name));
            }
        }
        return new DigestReport(digests, announced, failures);
    }

    private async Task<(bool Sent, int Announced)> HandleAsync(AlertWindow window, List<DigestFailure> failures, CancellationToken cancellationToken)
    {
        var sent = false;
        if (window.State == AlertWindowState.Open)
        {
            window = await budget.CloseAsync(window.Start, cancellationToken);
        }
        var email = dispatch.DigestEmail(window);
        if (window.State == AlertWindowState.Closed)
        {
            if (window.Held > 0)
            {
                // Sent before it is recorded: a crash in between sends it again, with the same Message-Id.
                await sender.SendAsync(email, cancellationToken);
                sent = true;
            }
            await budget.MarkDigestSentAsync(window.Start, cancellationToken);
            window = window with { State = AlertWindowState.DigestSent };
        }
        if (window.State != AlertWindowState.DigestSent)
        {
            return (sent, 0);
        }
        var announced = 0;
        var finished = true;
        var entry = AlertDispatch.DigestAnnouncement(window, email.MessageId);
        foreach (var held in await budget.UnannouncedAsync(window.Start, cancellationToken))
        {
            try
            {
                await AnnounceAsync(held, entry, cancellationToken);
                await budget.MarkAnnouncedAsync(held, cancellationToken);
                announced++;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                finished = false;
                failures.Add(new DigestFailure(window.Start, e.GetType().Name));
            }
        }
        if (finished)
        {
            await budget.MarkDoneAsync(window.Start, cancellationToken);
        }
        return (sent, announced);
    }

    /// <summary>Records the digest in the item's history once (an item removed since then has nothing to record).</summary>
    private async Task AnnounceAsync(HeldAlert held, string entry, CancellationToken cancellationToken)
    {
        if (await store.GetFileAsync(held.SubmissionId, cancellationToken) is not { } file
            || file.History.Any(h => h.Event == entry))
        {
            return;
        }
        await changes.ApplyAsync(held.SubmissionId, (s, _) => Task.FromResult<Change?>(new Change(s, entry, Actors.System)), cancellationToken);
    }
}
