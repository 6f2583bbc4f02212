namespace Intake.Core.Rules.Criteria;

/// <summary>E5: pregnancy. It does not apply to men; every other answer to sex is asked about it.</summary>
public sealed class E5Pregnancy() : Criterion("E5", "Pregnancy (due to the risk of conscious sedation or anesthesia to mother and fetus)")
{
    private readonly CriterionOutcome _male = new("E5", Outcome.Met, "Pregnancy does not apply: the person is male.");
    private readonly CriterionOutcome _maleButPregnant = new("E5", Outcome.Met, "Pregnancy does not apply: the person is male, yet the answers also say pregnant; check this contradiction.");
    private readonly OutcomeTable<YesNoUnknown> _table = new("E5",
        "Whether the person is pregnant was not answered.",
        (YesNoUnknown.No, Outcome.Met, "Not pregnant."),
        (YesNoUnknown.Yes, Outcome.NotMet, "Pregnant: the risk of sedation or anaesthesia to mother and fetus excludes pregnancy."),
        (YesNoUnknown.Unknown, Outcome.Unknown, "Whether the person is pregnant was answered 'unsure'."));

    /// <inheritdoc />
    public override CriterionOutcome Evaluate(in PrecheckContext context) => context.Answers switch
    {
        { Sex: Sex.Male, Pregnant: YesNoUnknown.Yes } => _maleButPregnant,
        { Sex: Sex.Male } => _male,
        var answers => _table.For(answers.Pregnant),
    };
}
