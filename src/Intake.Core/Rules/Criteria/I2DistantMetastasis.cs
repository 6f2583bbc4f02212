namespace Intake.Core.Rules.Criteria;

/// <summary>I2: radiographic evidence of distant metastatic disease.</summary>
public sealed class I2DistantMetastasis() : Criterion("I2", "Radiographic evidence of distant metastatic disease")
{
    private readonly OutcomeTable<YesNoUnknown> _table = new("I2",
        "Whether imaging shows distant metastatic disease was not answered.",
        (YesNoUnknown.Yes, Outcome.Met, "Imaging shows distant metastatic disease."),
        (YesNoUnknown.No, Outcome.NotMet, "Imaging is reported to show no distant metastatic disease."),
        (YesNoUnknown.Unknown, Outcome.Unknown, "Whether imaging shows distant metastatic disease was answered 'unsure'."));

    /// <inheritdoc />
    public override CriterionOutcome Evaluate(in PrecheckContext context) => _table.For(context.Answers.DistantMetastasis);
}
