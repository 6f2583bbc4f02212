namespace Intake.Core.Workflows.Routing;

/// <summary>What changed between two pre-checks, in words a coordinator reads in the history.</summary>
public static class PrecheckDiff
{
    /// <summary>
    /// True when the result, the priority, the collection source or any criterion's outcome differs
    /// (a reason that only names a newer date is not a change).
    /// </summary>
    public static bool Differs(Precheck? before, Precheck after) =>
        before is null
        || before.Result != after.Result || before.Priority != after.Priority || before.CollectionSource != after.CollectionSource
        || !before.Criteria.Select(c => (c.Id, c.Outcome)).SequenceEqual(after.Criteria.Select(c => (c.Id, c.Outcome)));

    /// <summary>
    /// The change in one text: the result and priority, the collection source when it changed, then
    /// each criterion whose outcome changed, e.g. "NeedsReview (Normal) → LikelyEligible (High); I4 Unknown → Met: FFPE tissue … is archived".
    /// </summary>
    public static string Describe(Precheck? before, Precheck after)
    {
        var parts = new List<string> { $"{Label(before)} → {Label(after)}" };
        if (before is not null)
        {
            if (before.CollectionSource != after.CollectionSource)
            {
                // A change Differs counts, which neither the results nor the outcomes may show.
                parts.Add($"collection source {SourceName(before.CollectionSource)} → {SourceName(after.CollectionSource)}");
            }
            foreach (var (old, now) in before.Criteria.Zip(after.Criteria))
            {
                if (old.Id == now.Id && old.Outcome != now.Outcome)
                {
                    parts.Add($"{now.Id} {old.Outcome} → {now.Outcome}: {now.Reason}");
                }
            }
        }
        return string.Join("; ", parts);
    }

    private static string SourceName(Site? site) => site is { } s ? JsonEnum<Site>.Name(s) : "none";

    private static string Label(Precheck? precheck) => precheck switch
    {
        null => "not pre-checked",
        { Priority: { } p } => $"{precheck.Result} ({p})",
        _ => precheck.Result.ToString(),
    };
}
