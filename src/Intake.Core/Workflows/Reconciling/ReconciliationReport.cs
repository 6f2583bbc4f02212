namespace Intake.Core.Workflows.Reconciling;

/// <summary>What one reconciliation pass did.</summary>
/// <param name="Requeued">Stored but never pre-checked: queued again.</param>
/// <param name="Relisted">Pre-checked but whose list entry may be missing: listed again.</param>
/// <param name="Abandoned">Marked but never stored (the post failed before its answer): mark cleared.</param>
public sealed record ReconciliationReport(int Requeued, int Relisted, int Abandoned)
{
    /// <summary>The marks that could not be handled (left for the next pass).</summary>
    public IReadOnlyList<ItemFailure> Failures { get; init; } = [];

    /// <summary>Interrupted moves of a line between shelves that it finished (<see cref="IInterruptedMoves"/>).</summary>
    public int MovesFinished { get; init; }
}
