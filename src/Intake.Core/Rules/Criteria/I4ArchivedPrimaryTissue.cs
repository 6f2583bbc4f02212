namespace Intake.Core.Rules.Criteria;

/// <summary>I4: archived tissue from the initial breast primary (FFPE acceptable, fresh frozen preferred).</summary>
public sealed class I4ArchivedPrimaryTissue() : Criterion("I4", "Available archived tissue from the initial breast primary (formalin fixed paraffin embedded [FFPE] tissue is acceptable; fresh frozen tissue is preferred if available)")
{
    private readonly OutcomeTable<PrimaryTissue> _table = new("I4",
        "Whether tissue from the original breast tumour is archived was not answered.",
        (PrimaryTissue.FreshFrozen, Outcome.Met, "Fresh frozen tissue from the breast primary is archived, the preferred kind."),
        (PrimaryTissue.Ffpe, Outcome.Met, "FFPE tissue from the breast primary is archived, which is acceptable (fresh frozen is preferred if available)."),
        (PrimaryTissue.AvailableTypeUnknown, Outcome.Met, "Tissue from the breast primary is archived, of unknown type (FFPE is acceptable, fresh frozen is preferred if available)."),
        (PrimaryTissue.None, Outcome.NotMet, "No tissue from the breast primary is archived."),
        (PrimaryTissue.Unknown, Outcome.Unknown, "Whether tissue from the original breast tumour is archived was answered 'unsure'."));

    /// <inheritdoc />
    public override CriterionOutcome Evaluate(in PrecheckContext context) => _table.For(context.Answers.PrimaryTissue);
}
