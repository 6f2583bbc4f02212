
namespace Intake.Core;

/// <summary>The outcome of one criterion (eligibility.md, "Outcomes").</summary>
public enum Outcome
{
    /// <summary>The answers satisfy the criterion.</summary>
    Met,
    /// <summary>The answers rule the person out on this criterion.</summary>
    NotMet,
    /// <summary>An answer needed for this criterion is missing or "unsure".</summary>
    Unknown,
    /// <summary>The criterion does not apply.</summary>
    NotApplicable,
    /// <summary>Only the treating oncologist or the biopsy provider can judge it, and the submission does not say.</summary>
    ClinicianReview,
}

/// <summary>The overall pre-check result. It sorts; it never decides eligibility.</summary>
public enum PrecheckResult
{
    /// <summary>No criterion is NotMet or Unknown.</summary>
    LikelyEligible,
    /// <summary>No criterion is NotMet, at least one is Unknown.</summary>
    NeedsReview,
    /// <summary>At least one criterion is NotMet.</summary>
    LikelyIneligible,
}

/// <summary>Where a routed submission stands on the study team's worklist.</summary>
public enum Priority
{
    /// <summary>A clinically directed biopsy is scheduled within the urgent window.</summary>
    Urgent,
    /// <summary>Likely eligible.</summary>
    High,
    /// <summary>Needs review.</summary>
    Normal,
}

/// <summary>One criterion's outcome with a one-sentence reason a coordinator can read.</summary>
/// <param name="Id">The criterion's id, <c>I1</c>–<c>I9</c> or <c>E1</c>–<c>E6</c>.</param>
/// <param name="Outcome">Its outcome.</param>
/// <param name="Reason">Why, naming the answer that decided it.</param>
public sealed record CriterionOutcome(string Id, Outcome Outcome, string Reason);

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
