namespace Intake.Core.Rules.Criteria;

/// <summary>I6: cytologic confirmation of malignant pleural effusion or ascites, if that is the planned source.</summary>
public sealed class I6EffusionCytology() : Criterion("I6", "Previous cytologic confirmation of malignant pleural effusion or ascites if that is the planned source of fresh specimen collection for study participation")
{
    private readonly CriterionOutcome _noSource = new("I6", Outcome.NotApplicable, "No collection source is settled yet, so cytology is not asked for.");
    private readonly CriterionOutcome _solidSource = new("I6", Outcome.NotApplicable, "The planned source is not pleural fluid or ascites, so cytology is not needed.");
    private readonly OutcomeTable<YesNoUnknown> _fluid = new("I6",
        "Fluid is the planned source, and whether cytology has confirmed a malignant effusion was not answered.",
        (YesNoUnknown.Yes, Outcome.Met, "Fluid is the planned source, and cytology has confirmed a malignant effusion."),
        (YesNoUnknown.No, Outcome.NotMet, "Fluid is the planned source, but no previous cytology has confirmed a malignant effusion."),
        (YesNoUnknown.Unknown, Outcome.Unknown, "Fluid is the planned source, and whether cytology has confirmed a malignant effusion was answered 'unsure'."));

    /// <inheritdoc />
    public override CriterionOutcome Evaluate(in PrecheckContext context) => context.Collection.Source switch
    {
        null => _noSource,
        { } site when Sites.IsFluid(site) => _fluid.For(context.Answers.EffusionCytologyConfirmed),
        _ => _solidSource,
    };
}
