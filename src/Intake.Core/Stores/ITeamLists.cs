namespace Intake.Core.Stores;

/// <summary>
/// The study team's two lists (the worklist and the screened-out list) and what is written with
/// them as one unit: the pending marks of submissions not yet on a list (<see cref="IPendingSubmissions"/>)
/// and the people index with its search (<see cref="IPeopleIndex"/>, <see cref="IPeopleSearch"/>). They
/// are one unit because a submission's first listing (<see cref="PutFirstAsync"/>) writes all three
/// (its person, then its line, then the clearing of its mark), and a move of a line between shelves is
/// marked with them (<see cref="IInterruptedMoves"/>); a part that needs only one facet depends on that
/// facet, and every facet is served by the one store of the unit.
/// </summary>
public interface ITeamLists : IPendingSubmissions, IPeopleIndex, IPeopleSearch, IInterruptedMoves, IUnshelvedLines
{
    /// <summary>
    /// Puts an item on its list, in place of the line <paramref name="replacing"/> (the same
    /// submission's line before a change, which may be on the other list). The same call twice
    /// changes nothing.
    /// </summary>
    Task PutAsync(WorklistItem item, WorklistItem? replacing, CancellationToken cancellationToken);

    /// <summary>
    /// Records a submission's <paramref name="person"/> in the people index (<see cref="IPeopleIndex"/>)
    /// when it has a date of birth, then puts its first line on its list, then clears its pending mark
    /// (<see cref="IPendingSubmissions"/>). The same call twice changes nothing.
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
    /// The lines of every list (the worklist, the screened-out list, the not genuine and the erased) received
    /// at or after <paramref name="from"/> and before <paramref name="until"/>, in no particular order, with
    /// what the funnel counts (<see cref="Workflows.Reporting.Funnel.Of"/>; not the summary, the follow-ups or
    /// the working fields): read from an index keyed by receipt date, an amount bounded by the range whatever
    /// the lists hold.
    /// </summary>
    Task<IReadOnlyList<WorklistItem>> FunnelLinesAsync(DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken);

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
