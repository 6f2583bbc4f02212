namespace Intake.Core.Rules.Criteria;

/// <summary>I9: able to understand, and willing to sign, an informed consent document.</summary>
public sealed class I9Consent() : Criterion("I9", "Ability to understand and the willingness to sign an informed consent document")
{
    private readonly OutcomeTable<YesNoUnknown> _table = new("I9",
        "Whether the person can understand and is willing to sign the consent document was not answered.",
        (YesNoUnknown.Yes, Outcome.Met, "Able to understand and willing to sign the consent document."),
        (YesNoUnknown.No, Outcome.NotMet, "Reported not able or not willing to sign the consent document."),
        (YesNoUnknown.Unknown, Outcome.Unknown, "Whether the person can understand and is willing to sign the consent document was answered 'unsure'."));

    /// <inheritdoc />
    public override CriterionOutcome Evaluate(in PrecheckContext context) => _table.For(context.Answers.CanConsent);
}
