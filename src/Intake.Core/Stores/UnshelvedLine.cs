namespace Intake.Core.Stores;

/// <summary>A line still kept where lines were before the lists' shelves (<see cref="IUnshelvedLines"/>).</summary>
/// <param name="SubmissionId">The submission it is the line of.</param>
/// <param name="Key">Where it is, as the store names it (opaque here).</param>
public sealed record UnshelvedLine(string SubmissionId, string Key);
