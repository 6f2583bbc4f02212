namespace Intake.Core.Rules.Criteria;

/// <summary>E1: a concurrent disease or condition that makes the patient inappropriate for the study.</summary>
public sealed class E1ConcurrentDisease() : OncologistOpinion("E1",
    "Concurrent disease or condition that in the opinion of the treating oncologist or the provider performing the biopsy procedure renders the patient inappropriate for study participation",
    "a concurrent disease or condition that makes study participation inappropriate")
{
    /// <inheritdoc />
    protected override bool? Concern(OncologistConcerns concerns) => concerns.SeriousComorbidity;
}
