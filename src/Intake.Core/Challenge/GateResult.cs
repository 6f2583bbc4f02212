namespace Intake.Core.Challenge;

/// <summary>The decision of <see cref="SubmissionGate"/> and, when the challenge was refused, why (a sentence for a person).</summary>
/// <param name="Decision">What was decided.</param>
/// <param name="Problem">Why a challenge was refused, else <c>null</c>.</param>
public sealed record GateResult(GateDecision Decision, string? Problem = null)
{
    /// <summary>True when the request may go on to its body.</summary>
    public bool Admitted => Decision is GateDecision.Partner or GateDecision.Solved;
}
