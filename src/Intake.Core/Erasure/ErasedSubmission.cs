namespace Intake.Core.Erasure;

/// <summary>
/// What stays of an erased submission (api-2.md, "A person's data has an end"): no patient data,
/// only that it was here, what kind it was, the month it came, what its pre-check found, and when,
/// by whom and why it was erased.
/// </summary>
/// <param name="Id">The submission's id.</param>
/// <param name="Kind">Self-screening or referral.</param>
/// <param name="ReceivedMonth">The site's month it was received in, as <c>YYYY-MM</c>.</param>
/// <param name="Result">Its pre-check's result; <c>null</c> when it was erased before its pre-check.</param>
/// <param name="NotMet">The ids of the criteria its pre-check found NotMet (e.g. <c>I8</c>).</param>
/// <param name="ErasedAt">When it was erased.</param>
/// <param name="ErasedBy">Who erased it: the manager, or <c>system</c> for retention.</param>
/// <param name="Reason">Why, as the manager gave it, or <c>retention</c>.</param>
public sealed record ErasedSubmission(string Id, SubmissionKind Kind, string ReceivedMonth, PrecheckResult? Result, IReadOnlyList<string> NotMet,
    DateTimeOffset ErasedAt, string ErasedBy, string Reason)
{
    /// <summary>The tombstone of <paramref name="submission"/>, erased at <paramref name="mark"/>.</summary>
    public static ErasedSubmission Of(Submission submission, ErasureMark mark)
    {
        ArgumentNullException.ThrowIfNull(submission);
        ArgumentNullException.ThrowIfNull(mark);
        return new(submission.Id, submission.Kind, submission.ReceivedOn.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture),
            submission.Precheck?.Result,
            submission.Precheck is { } precheck ? [.. precheck.Criteria.Where(c => c.Outcome == Outcome.NotMet).Select(c => c.Id)] : [],
            mark.At, mark.By, mark.Reason);
    }
}
