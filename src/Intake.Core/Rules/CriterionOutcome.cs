
namespace Intake.Core.Rules;

/// <summary>One criterion's outcome with a one-sentence reason a coordinator can read.</summary>
/// <param name="Id">The criterion's id, <c>I1</c>–<c>I9</c> or <c>E1</c>–<c>E6</c>.</param>
/// <param name="Outcome">Its outcome.</param>
/// <param name="Reason">Why, naming the answer that decided it.</param>
public sealed record CriterionOutcome(string Id, Outcome Outcome, string Reason);
