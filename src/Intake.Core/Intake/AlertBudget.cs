namespace Intake.Core;

/// <summary>How an urgent alert reaches the study team.</summary>
public enum AlertDelivery
{
    /// <summary>In its own e-mail: the hour's budget had a slot for it.</summary>
    Single,
    /// <summary>Counted in the digest e-mail of its hour: the hour's budget was spent.</summary>
    Digest,
}

/// <summary>Where one hour's urgent alerts stand.</summary>
public enum AlertWindowState
{
    /// <summary>Alerts are still counted in it.</summary>
    Open,
    /// <summary>The hour is over and closed: its count of held alerts is final, its digest not yet sent.</summary>
    Closed,
    /// <summary>The digest went out; the held items' histories may not all say so yet.</summary>
    DigestSent,
    /// <summary>Nothing left to do.</summary>
    Done,
}

/// <summary>The decision for one urgent alert.</summary>
/// <param name="Delivery">On its own, or in the digest.</param>
/// <param name="Window">The start of the hour (UTC) whose budget it was counted in.</param>
public sealed record AlertSlot(AlertDelivery Delivery, DateTimeOffset Window);

/// <summary>One hour of the urgent-alert budget.</summary>
/// <param name="Start">The start of the hour, UTC.</param>
/// <param name="Singles">Urgent alerts e-mailed on their own in it.</param>
/// <param name="Held">Urgent alerts held for its digest.</param>
/// <param name="State">Where it stands.</param>
public sealed record AlertWindow(DateTimeOffset Start, int Singles, int Held, AlertWindowState State)
{
    /// <summary>The end of the hour (excluded).</summary>
    public DateTimeOffset End => Start.AddHours(1);

    /// <summary>The hour that holds <paramref name="instant"/>: its start, UTC.</summary>
    public static DateTimeOffset StartOf(DateTimeOffset instant)
    {
        var utc = instant.ToUniversalTime();
        return new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, TimeSpan.Zero);
    }
}

/// <summary>An urgent alert held for its hour's digest.</summary>
/// <param name="Window">The start of its hour.</param>
/// <param name="SubmissionId">The submission.</param>
/// <param name="Version">The record's version the alert was for.</param>
public sealed record HeldAlert(DateTimeOffset Window, string SubmissionId, int Version);

/// <summary>
/// The hourly budget of the study team's urgent e-mails, in storage, shared by every instance.
/// Each urgent alert (a submission at a version) is decided once: e-mailed on its own while its
/// hour has slots, else held for the hour's digest. Spending a slot is an optimistic-concurrency
/// write, so two instances cannot both spend the last one.
/// </summary>
public interface IAlertBudget
{
    /// <summary>
    /// The decision for the urgent alert of <paramref name="submissionId"/> at <paramref name="version"/>:
    /// the one already taken (a redelivery gets the same answer), else a new one counted in the
    /// hour starting at <paramref name="window"/>: <see cref="AlertDelivery.Single"/> while fewer than
    /// <paramref name="maxPerHour"/> went out on their own, <see cref="AlertDelivery.Digest"/> after. An
    /// hour already closed holds nothing more: the alert then goes out on its own.
    /// </summary>
    Task<AlertSlot> TakeAsync(string submissionId, int version, DateTimeOffset window, int maxPerHour, CancellationToken cancellationToken);

    /// <summary>Every hour not yet <see cref="AlertWindowState.Done"/>, oldest first.</summary>
    Task<IReadOnlyList<AlertWindow>> UnfinishedAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Closes the hour (safe to repeat): from then on nothing more is counted in it, so its count of
    /// held alerts is final. Returns it as it stands.
    /// </summary>
    Task<AlertWindow> CloseAsync(DateTimeOffset window, CancellationToken cancellationToken);

    /// <summary>Records that the hour's digest went out.</summary>
    Task MarkDigestSentAsync(DateTimeOffset window, CancellationToken cancellationToken);

    /// <summary>The hour's held alerts whose items do not yet record the digest.</summary>
    Task<IReadOnlyList<HeldAlert>> UnannouncedAsync(DateTimeOffset window, CancellationToken cancellationToken);

    /// <summary>Records that the held alert's item records the digest.</summary>
    Task MarkAnnouncedAsync(HeldAlert alert, CancellationToken cancellationToken);

    /// <summary>Records that nothing is left to do for the hour.</summary>
    Task MarkDoneAsync(DateTimeOffset window, CancellationToken cancellationToken);
}
