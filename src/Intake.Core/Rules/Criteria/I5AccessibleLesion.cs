namespace Intake.Core.Rules.Criteria;

/// <summary>
/// I5: an accessible lesion, by a Type 1 (clinically directed) or Type 2 (research-only)
/// collection. The steps are in <see cref="SpecimenCollection.Assess"/>, shared with I6.
/// </summary>
public sealed class I5AccessibleLesion() : Criterion("I5", "Accessible lesion representative of recurrent or metastatic breast cancer for biopsy (Type 1: clinically directed, any site; Type 2: research only, not lung or brain, local anesthesia or IV conscious sedation only)")
{
    /// <inheritdoc />
    public override CriterionOutcome Evaluate(in PrecheckContext context) =>
        Conclude(context.Collection.Outcome, context.Collection.Reason);
}
