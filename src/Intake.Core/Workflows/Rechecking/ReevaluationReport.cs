using System.Text.Json;

namespace Intake.Core.Workflows.Rechecking;

/// <summary>What one re-evaluation pass did.</summary>
/// <param name="Evaluated">Open worklist items taken up: those whose pre-check could change on the day, or whose urgent alert is pending.</param>
/// <param name="Changed">Of those, the ones whose result, priority, source or a criterion's outcome changed.</param>
public sealed record ReevaluationReport(int Evaluated, int Changed)
{
    /// <summary>The items that could not be handled (left for the next pass).</summary>
    public IReadOnlyList<ItemFailure> Failures { get; init; } = [];
}
