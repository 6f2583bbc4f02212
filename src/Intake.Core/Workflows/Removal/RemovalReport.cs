namespace Intake.Core.Workflows.Removal;

/// <summary>What one removal pass did.</summary>
/// <param name="Removed">Submissions removed.</param>
/// <param name="Kept">Submissions marked not genuine still within their review time.</param>
/// <param name="Failed">Ids of the submissions that could not be removed; each is tried again on the next pass.</param>
public sealed record RemovalReport(int Removed, int Kept, IReadOnlyList<string> Failed);
