namespace Intake.Core.Stores;

/// <summary>
/// Submissions stored but not yet routed. A mark is set before a submission is stored and cleared
/// once it is on a list, so that one whose queue message was lost is found and queued again.
/// A facet of the team lists' unit (<see cref="ITeamLists"/>), written with the lists.
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
