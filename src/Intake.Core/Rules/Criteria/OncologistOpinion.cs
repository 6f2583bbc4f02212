namespace Intake.Core.Rules.Criteria;

/// <summary>
/// An exclusion that only the treating oncologist or the biopsy provider can judge (E1, E2, E6):
/// <c>Met</c> when the referral says the concern is absent, <c>NotMet</c> when present, and
/// <c>ClinicianReview</c> when the submission does not say.
/// </summary>
public abstract class OncologistOpinion : Criterion
{
    private readonly CriterionOutcome _absent;
    private readonly CriterionOutcome _present;
    private readonly CriterionOutcome _noOpinion;
    private readonly CriterionOutcome _notSaid;

    /// <summary>Builds the outcomes from how the concern reads in a sentence.</summary>
    /// <param name="id">The criterion's id.</param>
    /// <param name="protocolText">The protocol line.</param>
    /// <param name="concern">The concern, e.g. "a concurrent disease that makes participation inappropriate".</param>
    protected OncologistOpinion(string id, string protocolText, string concern) : base(id, protocolText)
    {
        var withoutArticle = concern.StartsWith("a ", StringComparison.Ordinal) ? concern[2..] : concern;
        _absent = Conclude(Outcome.Met, $"The referring oncologist reports no {withoutArticle}.");
        _present = Conclude(Outcome.NotMet, $"The referring oncologist reports {concern}.");
        _noOpinion = Conclude(Outcome.ClinicianReview, $"No oncologist's opinion came with the submission: the treating oncologist or biopsy provider must judge whether there is {concern}.");
        _notSaid = Conclude(Outcome.ClinicianReview, $"The referring oncologist did not say whether there is {concern}: ask them.");
    }

    /// <summary>The oncologist's answer on this concern.</summary>
    protected abstract bool? Concern(OncologistConcerns concerns);

    /// <inheritdoc />
    public sealed override CriterionOutcome Evaluate(in PrecheckContext context) =>
        context.Answers.OncologistConcerns is not { } concerns ? _noOpinion
        : Concern(concerns) switch { false => _absent, true => _present, null => _notSaid };
}
