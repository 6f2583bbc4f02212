namespace Intake.Core.Passes;

/// <summary>An item a timer pass could not handle: its submission id and the type of the exception, never a message (it may quote data).</summary>
/// <param name="SubmissionId">The submission the item is about.</param>
/// <param name="ErrorType">The exception's type name, e.g. <c>ConcurrentChangeException</c>.</param>
public sealed record ItemFailure(string SubmissionId, string ErrorType);
