namespace Intake.Core.Rules.Criteria;

/// <summary>E4: a serious or life-threatening allergic reaction to local anaesthetics.</summary>
public sealed class E4LocalAnestheticAllergy() : Criterion("E4", "History of a serious or life-threatening allergic reaction to local anesthetics (e.g., lidocaine, xylocaine) used during a biopsy procedure")
{
    private readonly OutcomeTable<YesNoUnknown> _table = new("E4",
        "Whether there has been a serious allergic reaction to local anaesthetics (lidocaine, xylocaine) was not answered.",
        (YesNoUnknown.No, Outcome.Met, "No serious allergic reaction to local anaesthetics is reported."),
        (YesNoUnknown.Yes, Outcome.NotMet, "A serious or life-threatening allergic reaction to local anaesthetics (lidocaine, xylocaine) is reported."),
        (YesNoUnknown.Unknown, Outcome.Unknown, "Whether there has been a serious allergic reaction to local anaesthetics (lidocaine, xylocaine) was answered 'unsure'."));

    /// <inheritdoc />
    public override CriterionOutcome Evaluate(in PrecheckContext context) => _table.For(context.Answers.LocalAnestheticAllergy);
}
