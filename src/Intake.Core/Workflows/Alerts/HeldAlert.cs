namespace Intake.Core.Workflows.Alerts;

/// <summary>An urgent alert held for its hour's digest.</summary>
/// <param name="Window">The start of its hour.</param>
/// <param name="SubmissionId">The submission.</param>
/// <param name="Version">The record's version the alert was for.</param>
public sealed record HeldAlert(DateTimeOffset Window, string SubmissionId, int Version);
