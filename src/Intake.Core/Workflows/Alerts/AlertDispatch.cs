using System.Globalization;

namespace Intake.Core.Workflows.Alerts;

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
        var id = SubmissionId.Normalise(request.SubmissionId)
            ?? throw new ArgumentException("The alert request does not hold a submission id.", nameof(request));
        return request.Kind switch
        {
            AlertKind.UrgentItem => UrgentAsync(id, cancellationToken),
            AlertKind.ReferrerUpdate => ReferrerUpdateAsync(id,
                SubmissionId.Normalise(request.RequestId) ?? throw new ArgumentException("A referrer update needs its request id (a UUID).", nameof(request)),
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
                    Actors.System)
                : null), cancellationToken);
            return AlertOutcome.HeldForDigest;
        }
        await sender.SendAsync(UrgentEmail(submission), cancellationToken);
        await changes.ApplyAsync(id, (s, _) => Task.FromResult(s.UrgentAlertPending
            ? new Change(s with { UrgentAlertPending = false }, UrgentSentEvent, Actors.System)
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
                    $"Referrer update not sent: the referrer's e-mail address is not confirmed (request {requestId})", Actors.System)), cancellationToken);
            return AlertOutcome.NotConfirmed;
        }
        await sender.SendAsync(ReferrerEmail(file.Submission, to, requestId, status), cancellationToken);
        await changes.ApplyAsync(id, (s, _) => Task.FromResult(s.ReferrerUpdatesSent.Contains(requestId, StringComparer.Ordinal)
            ? null
            : new Change(s with { ReferrerUpdatesSent = [.. s.ReferrerUpdatesSent, requestId] },
                $"Referrer told: {Words(status)} (request {requestId})", Actors.System)), cancellationToken);
        return AlertOutcome.Sent;
    }
}
