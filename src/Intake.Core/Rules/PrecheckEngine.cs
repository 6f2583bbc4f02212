namespace Intake.Core;

/// <summary>
/// Pre-checks answers against a rule set: every criterion's outcome and reason, the overall
/// result, the worklist priority and the collection source. It sorts and explains; it never
/// decides eligibility. Pure and thread-safe.
/// </summary>
/// <param name="ruleSet">The protocol's rules.</param>
public sealed class PrecheckEngine(RuleSet ruleSet)
{
    /// <summary>The rules this engine applies.</summary>
    public RuleSet RuleSet { get; } = ruleSet;

    /// <summary>Pre-checks <paramref name="answers"/> as of the site's date <paramref name="today"/>.</summary>
    public Precheck Evaluate(Answers answers, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(answers);
        var context = new PrecheckContext(answers, today, SpecimenCollection.Assess(answers, today));
        var criteria = RuleSet.Criteria;
        var outcomes = new CriterionOutcome[criteria.Count];
        var result = PrecheckResult.LikelyEligible;
        for (var i = 0; i < outcomes.Length; i++)
        {
            var outcome = criteria[i].Evaluate(in context);
            outcomes[i] = outcome;
            result = outcome.Outcome switch
            {
                Outcome.NotMet => PrecheckResult.LikelyIneligible,
                Outcome.Unknown when result == PrecheckResult.LikelyEligible => PrecheckResult.NeedsReview,
                _ => result,
            };
        }
        return new Precheck(result, PriorityOf(result, answers, today), context.Collection.Source, outcomes, RuleSet.Version, today);
    }

    private Priority? PriorityOf(PrecheckResult result, Answers answers, DateOnly today) => result switch
    {
        PrecheckResult.LikelyIneligible => null,
        _ when answers.ScheduledClinicalBiopsy is { } biopsy && biopsy.Date >= today
            && biopsy.Date.DayNumber - today.DayNumber <= RuleSet.UrgentWindowDays => Priority.Urgent,
        PrecheckResult.LikelyEligible => Priority.High,
        _ => Priority.Normal,
    };
}
