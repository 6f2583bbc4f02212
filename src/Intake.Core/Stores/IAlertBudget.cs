namespace Intake.Core.Stores;

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
