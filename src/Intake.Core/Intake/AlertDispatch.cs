using System.Globalization;

namespace Intake.Core;

/// <summary>One e-mail to send. It never holds clinical or contact details of a patient: ids, dates, words and a link.</summary>
/// <param name="To">The recipient's address.</param>
/// <param name="Subject">The subject line.</param>
/// <param name="Body">The plain-text body.</param>
/// <param name="MessageId">
/// The Message-Id, without angle brackets (<c>urgent-{id}-v{version}@mbcintake</c>): the same for a
/// redelivered alert, so that a rare duplicate is recognisable as one.
/// </param>
public sealed record AlertEmail(string To, string Subject, string Body, string MessageId);

/// <summary>Sends alert e-mails (SMTP in the app).</summary>
public interface IAlertSender
{
    /// <summary>Sends <paramref name="email"/>; throws when it could not be handed to the mail server.</summary>
    Task SendAsync(AlertEmail email, CancellationToken cancellationToken);
}

/// <summary>What the alerts need to know about the deployment.</summary>
/// <param name="TeamAddress">Where the study team's alerts go.</param>
/// <param name="FromAddress">The sender of every alert.</param>
/// <param name="PublicBaseUrl">The service's public address (<c>https://…</c>), for the links in the alerts.</param>
/// <param name="MaxPerHour">
/// Urgent e-mails one by one in an hour (UTC) at most; the urgent items after them are counted in
/// the hour's digest e-mail (<see cref="UrgentDigests"/>).
/// </param>
public sealed record AlertSettings(string TeamAddress, string FromAddress, Uri PublicBaseUrl, int MaxPerHour = AlertSettings.DefaultMaxPerHour)
{
    /// <summary>The default of <see cref="MaxPerHour"/>.</summary>
    public const int DefaultMaxPerHour = 10;
}

/// <summary>What the handling of one alert request did.</summary>
public enum AlertOutcome
{
    /// <summary>The e-mail went out and the record says so.</summary>
    Sent,
    /// <summary>The hour's budget of urgent e-mails was spent: the item is counted in the hour's digest, and the record says so.</summary>
    HeldForDigest,
    /// <summary>Nothing to send: the urgent alert already went out (or the item is no longer urgent), or this referrer update was already sent.</summary>
    AlreadyHandled,
    /// <summary>No submission has this id.</summary>
    NotFound,
    /// <summary>The referrer update cannot be sent: not a referral, or the referrer gave no e-mail address.</summary>
    NoRecipient,
    /// <summary>
    /// The referrer update was not sent: the referrer's address is not confirmed on the submission
    /// (<see cref="ReferrerConfirmation"/>); the history says so and the request is not tried again.
    /// </summary>
    NotConfirmed,
}

/// <summary>
/// Sends the e-mail one alert request asks for, then records it on the submission, so that a
/// second delivery of the same request sends nothing. The e-mails carry no clinical or contact
/// details: the team's alert is a link to the item; a referrer is told the referral's id, the
/// date it was received and where it stands, never the patient's name. Urgent e-mails are bound
/// to <see cref="AlertSettings.MaxPerHour"/> an hour (<see cref="IAlertBudget"/>); the items over it
/// are announced together by the hour's digest (<see cref="UrgentDigests"/>).
/// </summary>
public sealed class AlertDispatch(ISubmissionStore store, SubmissionChanges changes, IAlertSender sender, AlertSettings settings, IAlertBudget budget, SiteCalendar calendar)
{
    /// <summary>The domain of every Message-Id the alerts carry.</summary>
    public const string MessageIdDomain = "mbcintake";

    /// <summary>The subject of the team's urgent alert.</summary>
    public const string UrgentSubject = "MbcIntake: an urgent item is on the worklist";

    /// <summary>The history entry once the urgent alert went out.</summary>
    public const string UrgentSentEvent = "Urgent alert e-mailed to the study team";

    /// <summary>The start of the history entry of an urgent item held for its hour's digest.</summary>
    public const string UrgentHeldEvent = "Urgent alert held for the hourly digest";

    /// <summary>The start of the history entry of a held item once its hour's digest went out.</summary>
    public const string DigestAnnouncedEvent = "Announced to the study team in the digest e-mail";

    /// <summary>
    /// One urgent alert of a submission at a time in this process. A pre-check message handled twice
    /// (a redelivery, a reconciler's copy, a client's retry) asks for the alert again while the first
    /// request may still be on its way; handled side by side, both would find the flag set and send.
    /// One after the other, the second finds it cleared. (Across instances a rare duplicate remains,
    /// with the same Message-Id.)
    /// </summary>
    private readonly SemaphoreSlim[] _urgentGates = [.. Enumerable.Range(0, 32).Select(_ => new SemaphoreSlim(1, 1))];

    /// <summary>Handles one request from the alerts queue.</summary>
    /// <exception cref="ArgumentException">The request is not one this service writes (no valid id; a referrer update without its request id or status).</exception>
    public Task<AlertOutcome> HandleAsync(AlertRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var id = SubmissionReader.NormaliseId(request.SubmissionId)
            ?? throw new ArgumentException("The alert request does not hold a submission id.", nameof(request));
        return request.Kind switch
        {
            AlertKind.UrgentItem => UrgentAsync(id, cancellationToken),
            AlertKind.ReferrerUpdate => ReferrerUpdateAsync(id,
                SubmissionReader.NormaliseId(request.RequestId) ?? throw new ArgumentException("A referrer update needs its request id (a UUID).", nameof(request)),
                request.Status is { } status && Enum.IsDefined(status) ? status : throw new ArgumentException("A referrer update needs the status to tell.", nameof(request)),
                cancellationToken),
            _ => throw new ArgumentException($"Unknown alert kind {(int)request.Kind}.", nameof(request)),
        };
    }

    /// <summary>The team's e-mail for an urgent item: a link to it, nothing more.</summary>
    public AlertEmail UrgentEmail(Submission submission) => new(
        settings.TeamAddress,
        UrgentSubject,
        string.Join('\n',
            "An item on the study team's worklist is now Urgent. Please look at it today:",
            "",
            $"  {TeamPageLink(submission.Id)}",
            "",
            "Through the API, with the staff key:",
            "",
            $"  {ApiLink(submission.Id)}",
            "",
            "This message carries no clinical or contact details on purpose: they are on the team page only.",
            ""),
        $"urgent-{submission.Id}-v{submission.Version}@{MessageIdDomain}");

    /// <summary>
    /// The digest of an hour whose budget was spent: how many more items became Urgent, and a link to
    /// the worklist. No id, no clinical or contact detail. Its Message-Id names the hour
    /// (<c>digest-{yyyyMMddHH}@mbcintake</c>), so a digest sent again is recognisably the same.
    /// </summary>
    public AlertEmail DigestEmail(AlertWindow window)
    {
        ArgumentNullException.ThrowIfNull(window);
        var local = TimeZoneInfo.ConvertTime(window.Start, calendar.TimeZone);
        var localEnd = TimeZoneInfo.ConvertTime(window.End, calendar.TimeZone);
        var items = window.Held == 1 ? "1 more item" : $"{window.Held.ToString(CultureInfo.InvariantCulture)} more items";
        return new AlertEmail(
            settings.TeamAddress,
            $"MbcIntake: {items} became urgent on the worklist",
            string.Join('\n',
                $"{items} became Urgent on the study team's worklist in the hour from {Hour(window.Start)} to {window.End.ToString("HH:mm", CultureInfo.InvariantCulture)} UTC",
                $"({local.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} to {localEnd.ToString("HH:mm", CultureInfo.InvariantCulture)} site time, {calendar.TimeZone.Id}).",
                $"They were not e-mailed one by one: at most {settings.MaxPerHour.ToString(CultureInfo.InvariantCulture)} urgent e-mails go out in an hour.",
                "Please look at the worklist today:",
                "",
                $"  {Base}/team",
                "",
                "This message carries no clinical or contact details on purpose: they are on the team page only.",
                ""),
            $"digest-{window.Start.ToUniversalTime().ToString("yyyyMMddHH", CultureInfo.InvariantCulture)}@{MessageIdDomain}");
    }

    /// <summary>The history entry of a held item once the digest of its hour went out.</summary>
    public static string DigestAnnouncement(AlertWindow window, string messageId)
    {
        ArgumentNullException.ThrowIfNull(window);
        return $"{DigestAnnouncedEvent} of the urgent items of the hour from {Hour(window.Start)} UTC ({window.Held.ToString(CultureInfo.InvariantCulture)} items, Message-Id {messageId})";
    }

    private static string Hour(DateTimeOffset start) => start.ToUniversalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>The e-mail that tells a referrer where their referral stands: its id, the date it was received, the status.</summary>
    public AlertEmail ReferrerEmail(Submission submission, string to, string requestId, ReferralStatus status) => new(
        to,
        $"MbcIntake: update on your referral {submission.Id}",
        string.Join('\n',
            "This is an update on a referral you sent to the study team of NCT03737695 at Mayo Clinic.",
            "",
            $"  Referral: {submission.Id}",
            $"  Received: {submission.ReceivedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}",
            $"  Status:   {Words(status)}",
            "",
            "For the patient's privacy this message carries no patient details. Please quote the referral id when you contact the study team.",
            ""),
        $"referrer-{requestId}@{MessageIdDomain}");

    /// <summary>The status as a referrer reads it.</summary>
    public static string Words(ReferralStatus status) => status switch
    {
        ReferralStatus.Received => "received",
        ReferralStatus.UnderReview => "under review by the study team",
        ReferralStatus.Contacted => "the study team has contacted the patient",
        ReferralStatus.Enrolled => "the patient is enrolled in the study",
        ReferralStatus.NotEnrolled => "the patient is not enrolled in the study",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    /// <summary>The item on the team page: <c>{PublicBaseUrl}/team#submission/{id}</c>.</summary>
    public string TeamPageLink(string id) => $"{Base}/team#submission/{id}";

    /// <summary>The item on the staff API: <c>{PublicBaseUrl}/api/submissions/{id}</c>.</summary>
    public string ApiLink(string id) => $"{Base}/api/submissions/{id}";

    private string Base => settings.PublicBaseUrl.AbsoluteUri.TrimEnd('/');

    private async Task<AlertOutcome> UrgentAsync(string id, CancellationToken cancellationToken)
    {
        var gate = _urgentGates[(uint)StringComparer.Ordinal.GetHashCode(id) % (uint)_urgentGates.Length];
        await gate.WaitAsync(cancellationToken);
        try
        {
            return await UrgentOnceAsync(id, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<AlertOutcome> UrgentOnceAsync(string id, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(id, cancellationToken) is not { } submission)
        {
            return AlertOutcome.NotFound;
        }
        if (!submission.UrgentAlertPending)
        {
            // Already sent by an earlier delivery, or no longer urgent.
            return AlertOutcome.AlreadyHandled;
        }
        // Decided once per alert: a redelivery (after a crash before the flag was cleared) gets the same answer.
        var slot = await budget.TakeAsync(id, submission.Version, AlertWindow.StartOf(calendar.Now), settings.MaxPerHour, cancellationToken);
        if (slot.Delivery == AlertDelivery.Digest)
        {
            // Counted in the hour's digest, which the digest pass sends once the hour is over.
            await changes.ApplyAsync(id, (s, _) => Task.FromResult(s.UrgentAlertPending
                ? new Change(s with { UrgentAlertPending = false },
                    $"{UrgentHeldEvent} of the hour from {Hour(slot.Window)} UTC: over {settings.MaxPerHour.ToString(CultureInfo.InvariantCulture)} urgent e-mails in that hour",
                    PrecheckRouting.SystemActor)
                : null), cancellationToken);
            return AlertOutcome.HeldForDigest;
        }
        await sender.SendAsync(UrgentEmail(submission), cancellationToken);
        await changes.ApplyAsync(id, (s, _) => Task.FromResult(s.UrgentAlertPending
            ? new Change(s with { UrgentAlertPending = false }, UrgentSentEvent, PrecheckRouting.SystemActor)
            : null), cancellationToken);
        return AlertOutcome.Sent;
    }

    private async Task<AlertOutcome> ReferrerUpdateAsync(string id, string requestId, ReferralStatus status, CancellationToken cancellationToken)
    {
        if (await store.GetFileAsync(id, cancellationToken) is not { } file)
        {
            return AlertOutcome.NotFound;
        }
        if (file.Submission.ReferrerUpdatesSent.Contains(requestId, StringComparer.Ordinal))
        {
            return AlertOutcome.AlreadyHandled;
        }
        if (ReferrerUpdates.AddressOf(file) is not { } to)
        {
            return AlertOutcome.NoRecipient;
        }
        if (!ReferrerUpdates.IsConfirmed(file))
        {
            // Checked again at send time: a request queued before confirmations existed, or a record
            // changed since, must not tell an unconfirmed address whether the person enrolled.
            await changes.ApplyAsync(id, (s, _) => Task.FromResult(s.ReferrerUpdatesSent.Contains(requestId, StringComparer.Ordinal)
                ? null
                : new Change(s with { ReferrerUpdatesSent = [.. s.ReferrerUpdatesSent, requestId] },
                    $"Referrer update not sent: the referrer's e-mail address is not confirmed (request {requestId})", PrecheckRouting.SystemActor)), cancellationToken);
            return AlertOutcome.NotConfirmed;
        }
        await sender.SendAsync(ReferrerEmail(file.Submission, to, requestId, status), cancellationToken);
        await changes.ApplyAsync(id, (s, _) => Task.FromResult(s.ReferrerUpdatesSent.Contains(requestId, StringComparer.Ordinal)
            ? null
            : new Change(s with { ReferrerUpdatesSent = [.. s.ReferrerUpdatesSent, requestId] },
                $"Referrer told: {Words(status)} (request {requestId})", PrecheckRouting.SystemActor)), cancellationToken);
        return AlertOutcome.Sent;
    }
}

/// <summary>A referrer update the team asked for.</summary>
/// <param name="Outcome">Done (queued), not found, or not applicable (with <paramref name="Detail"/>).</param>
/// <param name="RequestId">The request's id, once queued: the history names it when it is sent.</param>
/// <param name="Detail">Why it does not apply, for the caller.</param>
public sealed record ReferrerUpdateResult(ActionOutcome Outcome, string? RequestId, string? Detail = null);

/// <summary>A confirmation of the referrer's e-mail address.</summary>
/// <param name="Outcome">Done (recorded now or before), not found, or not applicable (with <paramref name="Detail"/>).</param>
/// <param name="Submission">The record afterwards, when done.</param>
/// <param name="Detail">Why it does not apply, for the caller.</param>
/// <param name="OtherAddress">True when the address given is not the referral's: the caller's input is wrong (400), not the submission's state.</param>
public sealed record ReferrerConfirmationResult(ActionOutcome Outcome, Submission? Submission, string? Detail = null, bool OtherAddress = false);

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
