namespace Intake.Core.Rules.Criteria;

/// <summary>I3: progression, or de novo stage IV disease.</summary>
public sealed class I3ProgressionOrDeNovo() : Criterion("I3", "Clinical or radiographic evidence of disease progression OR presenting with de novo stage IV disease")
{
    private readonly OutcomeTable<DiseaseStatus> _table = new("I3",
        "Whether the disease is progressing or de novo stage IV was not answered.",
        (DiseaseStatus.Progressing, Outcome.Met, "The disease is progressing."),
        (DiseaseStatus.DeNovoStageIV, Outcome.Met, "The disease presented as de novo stage IV."),
        (DiseaseStatus.Stable, Outcome.NotMet, "The disease is reported stable, neither progressing nor de novo stage IV."),
        (DiseaseStatus.Unknown, Outcome.Unknown, "Whether the disease is progressing or de novo stage IV was answered 'unsure'."));

    /// <inheritdoc />
    public override CriterionOutcome Evaluate(in PrecheckContext context) => _table.For(context.Answers.DiseaseStatus);
}
