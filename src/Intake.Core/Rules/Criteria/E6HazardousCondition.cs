namespace Intake.Core.Rules.Criteria;

/// <summary>E6: a condition or laboratory finding that makes participation hazardous.</summary>
public sealed class E6HazardousCondition() : OncologistOpinion("E6",
    "Any condition or laboratory finding that in the opinion of the treating oncologist or the provider performing the biopsy procedure would make participation in this protocol hazardous for the patient",
    "a condition or laboratory finding that would make participation hazardous")
{
    /// <inheritdoc />
    protected override bool? Concern(OncologistConcerns concerns) => concerns.HazardousCondition;
}
