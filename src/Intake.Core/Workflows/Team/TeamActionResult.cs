using System.Text.Json;

namespace Intake.Core.Workflows.Team;

/// <summary>A team action's outcome, with the record as it stands after it.</summary>
/// <param name="Outcome">What it did.</param>
/// <param name="Submission">The record afterwards (null when not found).</param>
/// <param name="Detail">Why it did not apply, for the caller.</param>
public sealed record TeamActionResult(ActionOutcome Outcome, Submission? Submission, string? Detail = null);
