using System.Text.Json;

namespace Intake.Core.Workflows.Team;

/// <summary>
/// What the study team does to a submission: set its team status with a note, reopen it from the
/// screened-out list, and correct its answers (which pre-checks it again with today's date). Every
/// action is a history entry naming who did it.
/// </summary>
public sealed class TeamActions(SubmissionChanges changes, PersonLinking linking, PrecheckEngine engine, SiteCalendar calendar)
{
    /// <summary>The longest note kept with a status change.</summary>
    public const int MaxNoteLength = 2000;

    /// <summary>The longest reason kept with a mark of not genuine.</summary>
    public const int MaxNotGenuineReasonLength = 500;

    /// <summary>The start of the history entry of a mark of not genuine.</summary>
    public const string NotGenuineEvent = "Marked not genuine";

    private const string NotGenuineDetail = "This submission is marked not genuine; reopen it first to act on it.";

    /// <summary>Team statuses that mean the team has reached the person.</summary>
    public static IReadOnlySet<TeamStatus> Reached { get; } = new HashSet<TeamStatus> { TeamStatus.Contacted, TeamStatus.Scheduled, TeamStatus.Enrolled, TeamStatus.Declined };

    /// <summary>Team statuses of a worklist item still being worked (the daily re-evaluation covers these).</summary>
    public static IReadOnlySet<TeamStatus> Open { get; } = new HashSet<TeamStatus> { TeamStatus.New, TeamStatus.Contacted, TeamStatus.Scheduled };

    /// <summary>Sets the team status, with an optional note; the first status that means contact stamps the first-contact time.</summary>
    public async Task<TeamActionResult> SetTeamStatusAsync(string id, TeamStatus status, string? note, string by, CancellationToken cancellationToken)
    {
        var result = await changes.ApplyAsync(id, (s, now) => Task.FromResult<Change?>(s.Status == SubmissionStatus.NotGenuine ? null : new Change(
            s with { TeamStatus = status, FirstContactAt = s.FirstContactAt ?? (Reached.Contains(status) ? now : null) },
            $"Team status {s.TeamStatus} → {status}{(string.IsNullOrWhiteSpace(note) ? "" : $": {note.Trim()}")}",
            by)), cancellationToken);
        return Done(result);
    }

    /// <summary>
    /// Marks a listed submission as not genuine, with the reason: it leaves both lists (its line
    /// moves to the not-genuine index), the funnel's counts and the alerts, and is removed after
    /// <see cref="NotGenuineRemoval.KeptFor"/> unless reopened. Marking it again changes nothing.
    /// Not applicable before its pre-check (it is on no list yet).
    /// </summary>
    /// <remarks>
    /// The audit log (a later issue) records this action here, beside the history entry, which
    /// already names who did it and why.
    /// </remarks>
    public async Task<TeamActionResult> MarkNotGenuineAsync(string id, string reason, string by, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        var why = reason.Trim();
        var result = await changes.ApplyAsync(id, (s, now) => Task.FromResult(s.Status is SubmissionStatus.Routed or SubmissionStatus.ScreenedOut
            ? new Change(s with { Status = SubmissionStatus.NotGenuine, NotGenuine = new NotGenuineMark(now, by, why) },
                $"{NotGenuineEvent} (off the {(s.List == TeamList.Worklist ? "worklist" : "screened-out list")}; removed after {NotGenuineRemoval.KeptFor.TotalDays:0} days unless reopened): {why}", by)
            : null), cancellationToken);
        return result switch
        {
            { Submission: null } => new TeamActionResult(ActionOutcome.NotFound, null),
            { Submission.Status: SubmissionStatus.NotGenuine } => new TeamActionResult(ActionOutcome.Done, result.Submission),
            _ => new TeamActionResult(ActionOutcome.NotApplicable, result.Submission,
                $"Only a pre-checked submission (on the worklist or the screened-out list) can be marked not genuine; this one is {result.Submission.Status}."),
        };
    }

    /// <summary>
    /// Puts a screened-out submission on the worklist, whatever its result; puts one marked not
    /// genuine back on the list it was on (its result says which) and cancels its removal.
    /// </summary>
    public async Task<TeamActionResult> ReopenAsync(string id, string by, CancellationToken cancellationToken)
    {
        var result = await changes.ApplyAsync(id, (s, _) => Task.FromResult(s.Status switch
        {
            SubmissionStatus.ScreenedOut => new Change(s with { Reopened = true, Status = SubmissionStatus.Routed }, "Reopened from the screened-out list onto the worklist", by),
            SubmissionStatus.NotGenuine when s.Precheck is { } precheck && s.StatusFor(precheck) is var back => new Change(
                s with { Status = back, NotGenuine = null },
                $"Reopened after being marked not genuine: back on the {(back == SubmissionStatus.Routed ? "worklist" : "screened-out list")}, its removal cancelled", by),
            _ => null,
        }), cancellationToken);
        return result switch
        {
            { Submission: null } => new TeamActionResult(ActionOutcome.NotFound, null),
            { Changed: true } => new TeamActionResult(ActionOutcome.Done, result.Submission),
            _ => new TeamActionResult(ActionOutcome.NotApplicable, result.Submission,
                $"Only a submission on the screened-out list, or one marked not genuine, can be reopened; this one is {result.Submission.Status}."),
        };
    }

    /// <summary>
    /// Replaces the answers (after a call with the patient or the oncologist) and pre-checks them
    /// again with today's date; the item moves between the lists as the new result says, and the
    /// history keeps the earlier result with what changed.
    /// </summary>
    public async Task<TeamActionResult> CorrectAnswersAsync(string id, Answers answers, string by, CancellationToken cancellationToken)
    {
        var today = calendar.Today;
        var result = await changes.ApplyAsync(id, async (s, now) =>
        {
            if (s.Status == SubmissionStatus.NotGenuine)
            {
                return null;
            }
            var precheck = engine.Evaluate(answers, today);
            var fields = ChangedFields(s.Answers, answers);
            var corrected = s with
            {
                Answers = answers,
                Precheck = precheck,
                EvaluatedAt = now,
                Status = s.StatusFor(precheck),
                PersonKeys = s.PersonKeys is { } keys ? keys with { DateOfBirth = answers.DateOfBirth } : null,
            };
            // A corrected date of birth links the person anew.
            corrected = corrected with { PersonId = await linking.RelinkAsync(s, corrected, cancellationToken) };
            var what = fields.Count == 0 ? "no answer changed" : string.Join(", ", fields);
            return new Change(corrected,
                $"Answers corrected ({what}); pre-checked again on {today:yyyy-MM-dd} with rule set {precheck.RulesetVersion}: {PrecheckDiff.Describe(s.Precheck, precheck)}", by);
        }, cancellationToken);
        return Done(result);
    }

    /// <summary>The longest name an item is assigned to.</summary>
    public const int MaxAssigneeLength = 100;

    /// <summary>
    /// Assigns the item to <paramref name="assignedTo"/> (a team member's name, trimmed, 1 to
    /// <see cref="MaxAssigneeLength"/> characters), or releases it with <c>null</c>. The same
    /// assignment again changes nothing; a submission marked not genuine is not applicable.
    /// </summary>
    public async Task<TeamActionResult> AssignAsync(string id, string? assignedTo, string by, CancellationToken cancellationToken)
    {
        var name = assignedTo?.Trim();
        if (name is not null)
        {
            ArgumentException.ThrowIfNullOrEmpty(name, nameof(assignedTo));
            ArgumentOutOfRangeException.ThrowIfGreaterThan(name.Length, MaxAssigneeLength, nameof(assignedTo));
        }
        var result = await changes.ApplyAsync(id, (s, _) => Task.FromResult(s.Status == SubmissionStatus.NotGenuine || s.AssignedTo == name ? null : new Change(
            s with { AssignedTo = name },
            (name, s.AssignedTo) switch
            {
                (null, var was) => $"Assignment released (was {was})",
                (var to, null) => $"Assigned to {to}",
                (var to, var was) => $"Assigned to {to} (was {was})",
            },
            by)), cancellationToken);
        return Done(result);
    }

    /// <summary>
    /// Records an attempt to reach the person: the whole attempt in the history, the record's last
    /// attempt, and the date to try again (<paramref name="nextContactOn"/>; <c>null</c> clears it).
    /// A submission marked not genuine is not applicable.
    /// </summary>
    public async Task<TeamActionResult> LogContactAttemptAsync(string id, ContactChannel channel, ContactOutcome outcome, string? note, DateOnly? nextContactOn,
        string by, CancellationToken cancellationToken)
    {
        var text = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        var result = await changes.ApplyAsync(id, (s, now) => Task.FromResult<Change?>(s.Status == SubmissionStatus.NotGenuine ? null : new Change(
            s with { LastContactAttempt = new ContactAttempt(channel, outcome, now, by, text), NextContactOn = nextContactOn },
            $"Contact attempt by {JsonEnum<ContactChannel>.Name(channel)}: {JsonEnum<ContactOutcome>.Name(outcome)}; "
                + (nextContactOn is { } next ? $"next contact on {next:yyyy-MM-dd}" : "no next contact set")
                + (text is null ? "" : $": {text}"),
            by)), cancellationToken);
        return Done(result);
    }

    /// <summary>The JSON names of the answers that differ.</summary>
    public static IReadOnlyList<string> ChangedFields(Answers before, Answers after)
    {
        using var a = JsonDocument.Parse(AnswersWriter.ToJson(before));
        using var b = JsonDocument.Parse(AnswersWriter.ToJson(after));
        var names = a.RootElement.EnumerateObject().Select(p => p.Name).Union(b.RootElement.EnumerateObject().Select(p => p.Name));
        return [.. AnswersReader.Fields.Where(names.Contains).Where(name =>
            (a.RootElement.TryGetProperty(name, out var x) ? x.GetRawText() : null) != (b.RootElement.TryGetProperty(name, out var y) ? y.GetRawText() : null))];
    }

    private static TeamActionResult Done(ChangeResult result) => result.Submission switch
    {
        null => new TeamActionResult(ActionOutcome.NotFound, null),
        { Status: SubmissionStatus.NotGenuine } when !result.Changed => new TeamActionResult(ActionOutcome.NotApplicable, result.Submission, NotGenuineDetail),
        _ => new TeamActionResult(ActionOutcome.Done, result.Submission),
    };
}
