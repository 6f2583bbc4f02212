namespace Intake.Core.Rules;

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

    /// <summary>Pre-checks <paramref name="answers"/> as of the site's date <paramref name="today"/>, with the date it may next change.</summary>
    public Precheck Evaluate(Answers answers, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(answers);
        var precheck = EvaluateOn(answers, today);
        return precheck with { RecheckOn = NextChangeOn(answers, precheck) };
    }

    /// <summary>
    /// The first date after <paramref name="precheck"/>'s day on which <paramref name="answers"/> would be
    /// pre-checked differently, or <see cref="DateOnly.MaxValue"/>. A pre-check depends on its date in
    /// three places only (a clinical biopsy counts from its date on and not after it, the urgent window,
    /// and I7's age), so it can change only on one of their boundary dates; each is tried in turn.
    /// A criterion that reads the date must add its boundary here (a property test checks every day).
    /// </summary>
    private DateOnly NextChangeOn(Answers answers, Precheck precheck)
    {
        var today = precheck.Today;
        // At most three boundaries, kept off the heap: most pre-checks have none ahead and cost nothing more.
        Span<DateOnly> boundaries = stackalloc DateOnly[3];
        var count = 0;
        if (answers.ScheduledClinicalBiopsy is { } biopsy)
        {
            // The window opens UrgentWindowDays before the biopsy; the day after it, the biopsy has passed.
            if (biopsy.Date.DayNumber - RuleSet.UrgentWindowDays > today.DayNumber)
            {
                boundaries[count++] = biopsy.Date.AddDays(-RuleSet.UrgentWindowDays);
            }
            if (biopsy.Date >= today && biopsy.Date < DateOnly.MaxValue)
            {
                boundaries[count++] = biopsy.Date.AddDays(1);
            }
        }
        if (answers.DateOfBirth is { } born && born.Year <= DateOnly.MaxValue.Year - Criteria.I7Adult.MinimumAge)
        {
            var adult = born.AddYears(Criteria.I7Adult.MinimumAge);
            // Born on 29 February: AddYears gives 28 February, a day before the birthday Age counts.
            adult = Age.On(born, adult) < Criteria.I7Adult.MinimumAge ? adult.AddDays(1) : adult;
            if (adult > today)
            {
                boundaries[count++] = adult;
            }
        }
        var ahead = boundaries[..count];
        ahead.Sort();
        for (var i = 0; i < ahead.Length; i++)
        {
            if ((i == 0 || ahead[i] != ahead[i - 1]) && PrecheckDiff.Differs(precheck, EvaluateOn(answers, ahead[i])))
            {
                return ahead[i];
            }
        }
        return DateOnly.MaxValue;
    }

    private Precheck EvaluateOn(Answers answers, DateOnly today)
    {
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
