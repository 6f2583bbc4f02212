namespace Intake.Core.Rules.Criteria;

/// <summary>I1: histologically confirmed or suspected invasive breast cancer.</summary>
public sealed class I1InvasiveBreastCancer() : Criterion("I1", "Histologically confirmed or suspected invasive breast cancer")
{
    private readonly OutcomeTable<BreastCancerDiagnosis> _table = new("I1",
        "The breast cancer diagnosis was not answered.",
        (BreastCancerDiagnosis.InvasiveConfirmed, Outcome.Met, "Invasive breast cancer is histologically confirmed."),
        (BreastCancerDiagnosis.InvasiveSuspected, Outcome.Met, "Invasive breast cancer is suspected, which the protocol accepts."),
        (BreastCancerDiagnosis.InSituOnly, Outcome.NotMet, "Only in-situ (non-invasive) breast cancer is reported; the protocol needs invasive breast cancer."),
        (BreastCancerDiagnosis.None, Outcome.NotMet, "No breast cancer is reported."),
        (BreastCancerDiagnosis.Unknown, Outcome.Unknown, "Whether the breast cancer is invasive was answered 'unsure'."));

    /// <inheritdoc />
    public override CriterionOutcome Evaluate(in PrecheckContext context) => _table.For(context.Answers.BreastCancer);
}
