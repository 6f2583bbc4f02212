namespace Intake.Core.Rules.Criteria;

/// <summary>E3: dementia, altered mental status, or a psychiatric condition that prevents informed consent.</summary>
public sealed class E3CognitiveImpairment() : Criterion("E3", "Dementia, altered mental status, or any psychiatric condition that would prohibit the understanding or rendering of informed consent")
{
    private readonly OutcomeTable<YesNoUnknown> _table = new("E3",
        "Whether there is dementia, altered mental status or a psychiatric condition preventing consent was not answered.",
        (YesNoUnknown.No, Outcome.Met, "No dementia, altered mental status or psychiatric condition preventing consent is reported."),
        (YesNoUnknown.Yes, Outcome.NotMet, "Dementia, altered mental status or a psychiatric condition preventing consent is reported."),
        (YesNoUnknown.Unknown, Outcome.Unknown, "Whether there is dementia, altered mental status or a psychiatric condition preventing consent was answered 'unsure'."));

    /// <inheritdoc />
    public override CriterionOutcome Evaluate(in PrecheckContext context) => _table.For(context.Answers.CognitiveImpairment);
}
