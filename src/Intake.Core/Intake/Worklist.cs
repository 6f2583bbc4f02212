namespace Intake.Core;

/// <summary>Which of the study team's lists an item is on.</summary>
public enum TeamList
{
    /// <summary>Likely eligible or needs review: the people to call, in priority order.</summary>
    Worklist,
    /// <summary>Likely ineligible, kept with the reasons so the team can reopen one.</summary>
    ScreenedOut,
}

/// <summary>One line of the worklist or the screened-out list: no contact details, no answers.</summary>
/// <param name="Id">The submission's id.</param>
/// <param name="Kind">Self-screening or referral.</param>
/// <param name="Result">The pre-check result.</param>
/// <param name="Priority">The priority (worklist only).</param>
/// <param name="ReceivedAt">When the submission was received.</param>
/// <param name="ScheduledBiopsyDate">The scheduled clinical biopsy, when there is one.</param>
/// <param name="TeamStatus">What the team has done.</param>
/// <param name="Summary">One line for the list: what stands out.</param>
/// <param name="NotMetReasons">The reasons of the NotMet criteria (screened-out list).</param>
public sealed record WorklistItem(
    string Id,
    SubmissionKind Kind,
    PrecheckResult Result,
    Priority? Priority,
    DateTimeOffset ReceivedAt,
    DateOnly? ScheduledBiopsyDate,
    TeamStatus TeamStatus,
    string Summary,
    IReadOnlyList<string> NotMetReasons)
{
    /// <summary>The list a submission belongs on after its pre-check.</summary>
    public TeamList List => Result == PrecheckResult.LikelyIneligible ? TeamList.ScreenedOut : TeamList.Worklist;

    /// <summary>The line for a pre-checked submission.</summary>
    public static WorklistItem For(Submission submission)
    {
        var precheck = submission.Precheck ?? throw new ArgumentException("A submission is listed only after its pre-check.", nameof(submission));
        var notMet = precheck.Criteria.Where(c => c.Outcome == Outcome.NotMet).ToArray();
        var unknownIds = precheck.Criteria.Where(c => c.Outcome == Outcome.Unknown).Select(c => c.Id).ToArray();
        var summary = precheck.Result switch
        {
            PrecheckResult.LikelyIneligible => $"Not met: {string.Join(", ", notMet.Select(c => c.Id))}",
            PrecheckResult.NeedsReview => $"To clarify: {string.Join(", ", unknownIds)}",
            _ => "Every criterion the answers can settle is met",
        };
        if (precheck.Priority == Core.Priority.Urgent && submission.Answers.ScheduledClinicalBiopsy is { } biopsy)
        {
            summary = $"Clinical biopsy on {biopsy.Date:yyyy-MM-dd}. {summary}";
        }
        return new WorklistItem(submission.Id, submission.Kind, precheck.Result, precheck.Priority, submission.ReceivedAt,
            submission.Answers.ScheduledClinicalBiopsy?.Date, submission.TeamStatus, summary, [.. notMet.Select(c => $"{c.Id}: {c.Reason}")]);
    }
}

/// <summary>Filters of the worklist.</summary>
/// <param name="Priority">Only items of this priority.</param>
/// <param name="TeamStatus">Only items with this team status.</param>
public sealed record WorklistFilter(Priority? Priority = null, TeamStatus? TeamStatus = null);

/// <summary>The order of the team's lists, as a sortable text key (api.md, "The worklist").</summary>
public static class WorklistOrder
{
    /// <summary>
    /// Worklist: <c>Urgent</c>, then <c>High</c>, then <c>Normal</c>; within a priority the nearest
    /// biopsy date, then the oldest submission. Screened-out list: the newest submission first.
    /// Ordinal comparison of the keys gives that order.
    /// </summary>
    public static string KeyOf(WorklistItem item)
    {
        var ticks = item.ReceivedAt.UtcTicks;
        return item.List == TeamList.Worklist
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"{(int)(item.Priority ?? Priority.Normal)}-{item.ScheduledBiopsyDate ?? DateOnly.MaxValue:yyyyMMdd}-{ticks:D19}-{item.Id}")
            : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{DateTimeOffset.MaxValue.UtcTicks - ticks:D19}-{item.Id}");
    }
}
