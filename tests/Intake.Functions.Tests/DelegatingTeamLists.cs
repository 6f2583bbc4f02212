namespace Intake.Functions.Tests;

/// <summary>
/// A team lists' store that hands every call to <paramref name="inner"/>: the base of the test
/// doubles that change one behaviour of the real store and keep the rest of the unit as it is.
/// </summary>
internal abstract class DelegatingTeamLists(ITeamLists inner) : ITeamLists
{
    public virtual Task PutAsync(WorklistItem item, WorklistItem? replacing, CancellationToken cancellationToken) =>
        inner.PutAsync(item, replacing, cancellationToken);

    public virtual Task PutFirstAsync(WorklistItem item, PersonEntry? person, CancellationToken cancellationToken) =>
        inner.PutFirstAsync(item, person, cancellationToken);

    public virtual Task<IReadOnlyList<WorklistItem>> ListAsync(TeamList list, WorklistFilter filter, CancellationToken cancellationToken) =>
        inner.ListAsync(list, filter, cancellationToken);

    public virtual Task<IReadOnlyList<WorklistItem>> ReceivedBetweenAsync(TeamList list, DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken) =>
        inner.ReceivedBetweenAsync(list, from, until, cancellationToken);

    public virtual Task<IReadOnlyList<WorklistItem>> FunnelLinesAsync(DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken) =>
        inner.FunnelLinesAsync(from, until, cancellationToken);

    public virtual Task<WorklistPage?> PageAsync(TeamList list, WorklistFilter filter, int limit, string? cursor, CancellationToken cancellationToken) =>
        inner.PageAsync(list, filter, limit, cursor, cancellationToken);

    public virtual IAsyncEnumerable<IReadOnlyList<string>> OpenWorklistAsync(DateOnly? dueOn, int pageSize, CancellationToken cancellationToken) =>
        inner.OpenWorklistAsync(dueOn, pageSize, cancellationToken);

    public Task MarkAsync(string id, DateTimeOffset since, CancellationToken cancellationToken) => inner.MarkAsync(id, since, cancellationToken);

    public Task ClearAsync(string id, CancellationToken cancellationToken) => inner.ClearAsync(id, cancellationToken);

    public Task<IReadOnlyList<string>> OlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken) => inner.OlderThanAsync(cutoff, cancellationToken);

    public Task<IReadOnlyList<PersonEntry>> BornOnAsync(DateOnly dateOfBirth, CancellationToken cancellationToken) => inner.BornOnAsync(dateOfBirth, cancellationToken);

    public Task PutAsync(PersonEntry entry, CancellationToken cancellationToken) => inner.PutAsync(entry, cancellationToken);

    public Task RemoveAsync(DateOnly dateOfBirth, string submissionId, CancellationToken cancellationToken) => inner.RemoveAsync(dateOfBirth, submissionId, cancellationToken);

    public Task<IReadOnlyList<FoundPerson>> FindAsync(PersonQuery query, CancellationToken cancellationToken) => inner.FindAsync(query, cancellationToken);

    public Task<IReadOnlyList<string>> BegunBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken) => inner.BegunBeforeAsync(cutoff, cancellationToken);

    public Task FinishAsync(string id, WorklistItem? current, CancellationToken cancellationToken) => inner.FinishAsync(id, current, cancellationToken);

    public IAsyncEnumerable<IReadOnlyList<UnshelvedLine>> PagesAsync(int pageSize, CancellationToken cancellationToken) => inner.PagesAsync(pageSize, cancellationToken);

    public Task DropAsync(UnshelvedLine line, CancellationToken cancellationToken) => inner.DropAsync(line, cancellationToken);
}
