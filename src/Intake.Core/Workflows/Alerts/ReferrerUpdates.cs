using System.Globalization;

namespace Intake.Core.Workflows.Alerts;

/// <summary>
/// Closes the loop for referrers: when the team chooses, a referral's referrer is told where it
/// stands (received, under review, contacted, enrolled or not) by e-mail, through the alerts queue.
/// </summary>
public sealed class ReferrerUpdates(ISubmissionStore store, SubmissionChanges changes, IAlertQueue alerts)
{
    /// <summary>
    /// Records the team's request in the history, then queues it; the alert function sends it once
    /// and records that it did. Not found for an unknown id; not applicable for a self-screening or
    /// a referrer without an e-mail address.
    /// </summary>
    public async Task<ReferrerUpdateResult> RequestAsync(string id, ReferralStatus status, string by, CancellationToken cancellationToken)
    {
        if (!Enum.IsDefined(status))
        {
            throw new ArgumentOutOfRangeException(nameof(status), status, null);
        }
        if (await store.GetFileAsync(id, cancellationToken) is not { } file)
        {
            return new ReferrerUpdateResult(ActionOutcome.NotFound, null);
        }
        if (file.Submission.Kind != SubmissionKind.Referral)
        {
            return new ReferrerUpdateResult(ActionOutcome.NotApplicable, null, "Only a referral has a referrer to tell; this submission is a self-screening.");
        }
        if (AddressOf(file) is null)
        {
            return new ReferrerUpdateResult(ActionOutcome.NotApplicable, null, "The referrer gave no e-mail address, so an update cannot be e-mailed; reach them by phone.");
        }
        if (!IsConfirmed(file))
        {
            return new ReferrerUpdateResult(ActionOutcome.NotApplicable, null, NotConfirmedDetail.Replace("{id}", id, StringComparison.Ordinal));
        }
        var requestId = Guid.NewGuid().ToString("D");
        var recorded = await changes.ApplyAsync(id, (s, _) => Task.FromResult<Change?>(
            new Change(s, $"Referrer update requested: {AlertDispatch.Words(status)} (request {requestId})", by)), cancellationToken);
        if (recorded.Submission is null)
        {
            return new ReferrerUpdateResult(ActionOutcome.NotFound, null);
        }
        await alerts.EnqueueAsync(new AlertRequest(id, AlertKind.ReferrerUpdate, requestId, status), cancellationToken);
        return new ReferrerUpdateResult(ActionOutcome.Done, requestId);
    }

    /// <summary>What to do when a referrer update is asked for before the address is confirmed.</summary>
    public const string NotConfirmedDetail =
        "The referrer's e-mail address is not confirmed on this submission, and a self-declared address must not learn where the referral stands. "
        + "Check that the address belongs to the referring clinician (the practice's directory, a phone call), confirm it with "
        + "POST /api/submissions/{id}/referrer-confirmation { \"email\": \"…\" }, then ask for the update again.";

    /// <summary>
    /// Records a coordinator's confirmation (<paramref name="by"/>) that the referral's referrer
    /// e-mail address, which <paramref name="email"/> must repeat (case and surrounding spaces
    /// aside), is the referrer's own. Recorded in the history with who confirmed it; the same call
    /// again changes nothing. Not found for an unknown id; not applicable for a self-screening, a
    /// referrer without an address, or one marked not genuine; another address is refused.
    /// </summary>
    public async Task<ReferrerConfirmationResult> ConfirmAsync(string id, string email, string by, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(email);
        if (await store.GetFileAsync(id, cancellationToken) is not { } file)
        {
            return new ReferrerConfirmationResult(ActionOutcome.NotFound, null);
        }
        if (file.Submission.Kind != SubmissionKind.Referral)
        {
            return new ReferrerConfirmationResult(ActionOutcome.NotApplicable, null, "Only a referral has a referrer; this submission is a self-screening.");
        }
        if (AddressOf(file) is not { } address)
        {
            return new ReferrerConfirmationResult(ActionOutcome.NotApplicable, null, "The referrer gave no e-mail address, so there is none to confirm; reach them by phone.");
        }
        if (file.Submission.Status == SubmissionStatus.NotGenuine)
        {
            return new ReferrerConfirmationResult(ActionOutcome.NotApplicable, null, "The submission is marked not genuine: reopen it first.");
        }
        var confirmation = new ReferrerConfirmation(default, by, address);
        if (!confirmation.Covers(email))
        {
            return new ReferrerConfirmationResult(ActionOutcome.NotApplicable, null,
                "must be the referrer's e-mail address as the referral gives it (case aside); updates go to no other address, so reach a referrer whose address is wrong by phone.",
                OtherAddress: true);
        }
        // The audit log (issue 13) records this change with the others: it is one history entry, by the staff identity.
        var recorded = await changes.ApplyAsync(id, (s, now) => Task.FromResult(s.ReferrerConfirmed?.Covers(address) == true
            ? null
            : new Change(s with { ReferrerConfirmed = confirmation with { At = now } }, ConfirmedEvent, by)), cancellationToken);
        return recorded.Submission is null
            ? new ReferrerConfirmationResult(ActionOutcome.NotFound, null)
            : new ReferrerConfirmationResult(ActionOutcome.Done, recorded.Submission);
    }

    /// <summary>The history's words for a confirmation (the entry's <c>by</c> says who).</summary>
    public const string ConfirmedEvent = "Referrer's e-mail address confirmed for referrer updates";

    /// <summary>Whether the referral's referrer e-mail address is confirmed on it (<see cref="Submission.ReferrerConfirmed"/>).</summary>
    public static bool IsConfirmed(SubmissionFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        return AddressOf(file) is { } address && file.Submission.ReferrerConfirmed?.Covers(address) == true;
    }

    /// <summary>The referrer's e-mail address, when the submission is a referral that has one.</summary>
    public static string? AddressOf(SubmissionFile file) =>
        file.Submission.Kind == SubmissionKind.Referral && file.Referrer?.Email is { } email && !string.IsNullOrWhiteSpace(email) ? email.Trim() : null;
}
