namespace Intake.Core.Rules.Criteria;

/// <summary>E2: a serious medical or psychiatric disorder that may interfere with safety during the procedure.</summary>
public sealed class E2ProcedureSafety() : OncologistOpinion("E2",
    "Concurrent serious medical or psychiatric disorder that may interfere with the subject's safety during the biopsy or tissue collection procedure",
    "a serious medical or psychiatric disorder that may interfere with safety during the biopsy or collection")
{
    /// <inheritdoc />
    protected override bool? Concern(OncologistConcerns concerns) => concerns.BiopsySafetyRisk;
}
