
namespace Intake.Core.Rules;

/// <summary>The result of pre-checking one set of answers on one day.</summary>
/// <param name="Result">The overall result.</param>
/// <param name="Priority">The worklist priority; <c>null</c> for <see cref="PrecheckResult.LikelyIneligible"/>.</param>
/// <param name="CollectionSource">The site the specimen would come from, when one is settled.</param>
/// <param name="Criteria">Every criterion of the rule set, in its order.</param>
/// <param name="RulesetVersion">The version of the rule set that computed it.</param>
/// <param name="Today">The site's date the answers were judged on.</param>
public sealed record Precheck(
    PrecheckResult Result,
    Priority? Priority,
    Site? CollectionSource,
    IReadOnlyList<CriterionOutcome> Criteria,
    string RulesetVersion,
    DateOnly Today)
{
    /// <summary>
    /// The first date after <see cref="Today"/> on which the same answers would be pre-checked
    /// differently (<see cref="PrecheckDiff.Differs"/>): a biopsy entering the urgent window or
    /// passing, an 18th birthday; <see cref="DateOnly.MaxValue"/> when no date changes anything.
    /// <c>null</c> for a pre-check stored before the date was kept: re-check it.
    /// </summary>
    public DateOnly? RecheckOn { get; init; }

    /// <summary>The outcome of the criterion with id <paramref name="id"/>.</summary>
    public CriterionOutcome this[string id] => Criteria.First(c => c.Id == id);
}
