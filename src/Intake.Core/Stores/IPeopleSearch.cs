namespace Intake.Core.Stores;

/// <summary>Finds people by the keys of the people index, without reading any list. A facet of the team lists' unit (<see cref="ITeamLists"/>), written with the lists.</summary>
public interface IPeopleSearch
{
    /// <summary>
    /// The people with a submission matching <paramref name="query"/> (at most <see cref="PersonQuery.MaxPeople"/>, the most
    /// recently seen first), each with all of their submissions on a team list.
    /// </summary>
    Task<IReadOnlyList<FoundPerson>> FindAsync(PersonQuery query, CancellationToken cancellationToken);
}
