namespace Intake.Functions.Http.Responses;

/// <summary>One criterion of a <see cref="PrecheckResponse"/>: its id (<c>I1</c> … <c>E6</c>), outcome and reason.</summary>
public sealed record CriterionResponse(string Id, Outcome Outcome, string Reason);
