namespace Intake.Core.Workflows.Alerts;

/// <summary>An hour the digest pass could not finish; it is tried again on the next pass.</summary>
/// <param name="Window">The start of the hour, UTC.</param>
/// <param name="Error">What went wrong: the exception's type only, never a message (it could quote data).</param>
public sealed record DigestFailure(DateTimeOffset Window, string Error);
