namespace Intake.Core;

/// <summary>The outcome of storing a new submission.</summary>
public enum AddResult
{
    /// <summary>Stored now.</summary>
    Added,
    /// <summary>A submission with this id was already stored.</summary>
    AlreadyExists,
}

/// <summary>Submissions, their contact details and their append-only history.</summary>
public interface ISubmissionStore
{
    /// <summary>
    /// Stores a new submission with its contact details, referrer and first history entry, all or
    /// nothing. Nothing is overwritten when the id exists.
    /// </summary>
    Task<AddResult> AddAsync(Submission submission, Contact contact, Referrer? referrer, HistoryEntry received, CancellationToken cancellationToken);

    /// <summary>The clinical record, or <c>null</c> for an unknown id.</summary>
    Task<Submission?> GetAsync(string id, CancellationToken cancellationToken);

    /// <summary>Everything staff may read about a submission, or <c>null</c> for an unknown id.</summary>
    Task<SubmissionFile?> GetFileAsync(string id, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the record with <paramref name="updated"/> (whose <see cref="Submission.Version"/> is one
    /// more than the stored one) and appends <paramref name="entry"/>, all or nothing. Returns false,
    /// changing nothing, when someone else changed the record first.
    /// </summary>
    Task<bool> TryUpdateAsync(Submission updated, HistoryEntry entry, CancellationToken cancellationToken);
}

/// <summary>The study team's two lists: the worklist and the screened-out list.</summary>
public interface ITeamLists
{
    /// <summary>
    /// Puts an item on its list, in place of the line <paramref name="replacing"/> (the same
    /// submission's line before a change, which may be on the other list). The same call twice
    /// changes nothing.
    /// </summary>
    Task PutAsync(WorklistItem item, WorklistItem? replacing, CancellationToken cancellationToken);

    /// <summary>
    /// Puts a submission's first line on its list and, in the same write, clears its pending mark
    /// (<see cref="IPendingSubmissions"/>) and records its <paramref name="person"/> in the people
    /// index (<see cref="IPeopleIndex"/>) when it has a date of birth. The same call twice changes nothing.
    /// </summary>
    Task PutFirstAsync(WorklistItem item, PersonEntry? person, CancellationToken cancellationToken);

    /// <summary>A list in its order (<see cref="WorklistOrder"/>), filtered, whole: for the timer passes, not the team's reads.</summary>
    Task<IReadOnlyList<WorklistItem>> ListAsync(TeamList list, WorklistFilter filter, CancellationToken cancellationToken);

    /// <summary>
    /// The lines of <paramref name="list"/> received at or after <paramref name="from"/> and before
    /// <paramref name="until"/>, in no particular order: what the funnel of a date range reads, an amount
    /// bounded by the range rather than by everything ever received.
    /// </summary>
    Task<IReadOnlyList<WorklistItem>> ReceivedBetweenAsync(TeamList list, DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken);

    /// <summary>
    /// One page of a list in its order, filtered: at most <paramref name="limit"/> lines after the
    /// place <paramref name="cursor"/> marks (from the start without one), read with one bounded query,
    /// with the contact details of their people. <c>null</c> when <paramref name="cursor"/> is not one
    /// this service made for the same list and filter.
    /// </summary>
    Task<WorklistPage?> PageAsync(TeamList list, WorklistFilter filter, int limit, string? cursor, CancellationToken cancellationToken);

    /// <summary>
    /// The ids of the worklist's open lines (<see cref="TeamActions.Open"/>), a page of at most
    /// <paramref name="pageSize"/> at a time: with <paramref name="dueOn"/>, only those whose pre-check could
    /// change by that date (<see cref="WorklistItem.RecheckOn"/>) or whose urgent alert is pending; without, all.
    /// </summary>
    IAsyncEnumerable<IReadOnlyList<string>> OpenWorklistAsync(DateOnly? dueOn, int pageSize, CancellationToken cancellationToken);
}

/// <summary>
/// Submissions stored but not yet routed. A mark is set before a submission is stored and cleared
/// once it is on a list, so that one whose queue message was lost is found and queued again.
/// </summary>
public interface IPendingSubmissions
{
    /// <summary>Marks a submission as pending since <paramref name="since"/>.</summary>
    Task MarkAsync(string id, DateTimeOffset since, CancellationToken cancellationToken);

    /// <summary>Clears the mark; nothing happens when there is none.</summary>
    Task ClearAsync(string id, CancellationToken cancellationToken);

    /// <summary>The ids marked pending since before <paramref name="cutoff"/>.</summary>
    Task<IReadOnlyList<string>> OlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken);
}

/// <summary>The queue of submissions waiting for their pre-check. Messages carry the id only.</summary>
public interface IPrecheckQueue
{
    /// <summary>Asks for the submission's pre-check.</summary>
    Task EnqueueAsync(string submissionId, CancellationToken cancellationToken);
}

/// <summary>Removes a submission for good (one marked not genuine, once its review time is over).</summary>
public interface ISubmissionRemoval
{
    /// <summary>
    /// Deletes the clinical record of <paramref name="expected"/> only while it is still at that
    /// version; false, deleting nothing, when it changed meanwhile (e.g. it was reopened). True
    /// when it is already gone.
    /// </summary>
    Task<bool> TryRemoveRecordAsync(Submission expected, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes everything else of the submission of <paramref name="line"/>: its contact, referrer
    /// and history, its people index entries, its pending mark and, last, the line itself; leaves a
    /// tombstone with no patient data (id, kind, when received, when removed). Safe to repeat.
    /// </summary>
    /// <param name="line">The submission's line in the not-genuine index.</param>
    /// <param name="dateOfBirth">The date of birth its people index entry is under, when the record still told it; otherwise its entries are looked for by id.</param>
    /// <param name="removedAt">When.</param>
    /// <param name="cancellationToken">Cancels the removal (it can be taken up again).</param>
    Task RemoveRestAsync(WorklistItem line, DateOnly? dateOfBirth, DateTimeOffset removedAt, CancellationToken cancellationToken);
}

/// <summary>The last outcome of each timer pass (<see cref="PassOutcome"/>).</summary>
public interface IPassOutcomes
{
    /// <summary>Keeps <paramref name="outcome"/> as its pass's last, in place of the one before.</summary>
    Task RecordAsync(PassOutcome outcome, CancellationToken cancellationToken);

    /// <summary>The last outcome of every pass that has run, in <see cref="PassOutcome.Passes"/> order.</summary>
    Task<IReadOnlyList<PassOutcome>> ReadAsync(CancellationToken cancellationToken);
}
