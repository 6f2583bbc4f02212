namespace Intake.Core.Stores;

/// <summary>
/// Moves of a line from one part of the lists' storage to another (a shelf of the lists, docs/storage.md)
/// that were cut off before the line they left was deleted: each is marked before it begins and the mark is
/// cleared once it is done, so the reconciler finds the ones that never finished. A facet of the team lists'
/// unit (<see cref="ITeamLists"/>), written with the lists.
/// </summary>
public interface IInterruptedMoves
{
    /// <summary>The ids of the submissions whose line began a move before <paramref name="cutoff"/> and has not finished it.</summary>
    Task<IReadOnlyList<string>> BegunBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken);

    /// <summary>
    /// Finishes the interrupted move of submission <paramref name="id"/>'s line: deletes the line the move
    /// left, unless it is the line of <paramref name="current"/> (the item as its record now says, <c>null</c>
    /// when it is on no list), then clears the mark. Safe to repeat.
    /// </summary>
    Task FinishAsync(string id, WorklistItem? current, CancellationToken cancellationToken);
}
