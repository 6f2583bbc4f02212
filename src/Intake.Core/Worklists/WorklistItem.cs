namespace Intake.Core.Worklists;

/// <summary>One line of the worklist or the screened-out list: no contact details, no answers.</summary>
public sealed record WorklistItem
{
    /// <summary>The submission's id.</summary>
    public required string Id { get; init; }
    /// <summary>Which list it is on.</summary>
    public required TeamList List { get; init; }
    /// <summary>Self-screening or referral.</summary>
    public required SubmissionKind Kind { get; init; }
    /// <summary>The pre-check result.</summary>
    public required PrecheckResult Result { get; init; }
    /// <summary>The priority (worklist only; a reopened item without one is <c>Normal</c>).</summary>
    public Priority? Priority { get; init; }
    /// <summary>When the submission was received.</summary>
    public required DateTimeOffset ReceivedAt { get; init; }
    /// <summary>The scheduled clinical biopsy, when there is one.</summary>
    public DateOnly? ScheduledBiopsyDate { get; init; }
    /// <summary>What the team has done.</summary>
    public TeamStatus TeamStatus { get; init; }
    /// <summary>One line for the list: what stands out.</summary>
    public required string Summary { get; init; }
    /// <summary>The reasons of the NotMet criteria, each starting with its id ("I8: …").</summary>
    public IReadOnlyList<string> NotMetReasons { get; init; } = [];
    /// <summary>The questions to ask to settle each Unknown criterion.</summary>
    public IReadOnlyList<string> FollowUps { get; init; } = [];
    /// <summary>The id of the person's first submission: lines with the same one are the same person.</summary>
    public required string PersonId { get; init; }
    /// <summary>True when the team reopened it from the screened-out list.</summary>
    public bool Reopened { get; init; }
    /// <summary>When the team first reached the person.</summary>
    public DateTimeOffset? FirstContactAt { get; init; }
    /// <summary>
    /// The first date on which its pre-check could change (<see cref="Precheck.RecheckOn"/>): the
    /// re-evaluation reads only the lines due on its date. Its own pre-check's date when unknown.
    /// </summary>
    public DateOnly? RecheckOn { get; init; }
    /// <summary>True while its urgent alert is asked for and not yet sent: the re-evaluation asks again.</summary>
    public bool UrgentAlertPending { get; init; }
    /// <summary>Who on the team follows the person up, or <c>null</c>.</summary>
    public string? AssignedTo { get; init; }
    /// <summary>The team's last contact attempt, without its note (<see cref="ContactAttempt"/>).</summary>
    public ContactAttempt? LastContactAttempt { get; init; }
    /// <summary>The site's date on which the team means to try again (<c>GET /api/worklist?due=today</c>).</summary>
    public DateOnly? NextContactOn { get; init; }

    /// <summary>The line of a pre-checked submission, on the list its status names.</summary>
    public static WorklistItem For(Submission submission)
    {
        var precheck = submission.Precheck ?? throw new ArgumentException("A submission is listed only after its pre-check.", nameof(submission));
        var list = submission.List ?? throw new ArgumentException("A submission is listed only once routed or screened out.", nameof(submission));
        var notMet = precheck.Criteria.Where(c => c.Outcome == Outcome.NotMet).ToArray();
        var unknownIds = precheck.Criteria.Where(c => c.Outcome == Outcome.Unknown).Select(c => c.Id).ToArray();
        var summary = precheck.Result switch
        {
            PrecheckResult.LikelyIneligible => $"Not met: {string.Join(", ", notMet.Select(c => c.Id))}",
            PrecheckResult.NeedsReview => $"To clarify: {string.Join(", ", unknownIds)}",
            _ => "Every criterion the answers can settle is met",
        };
        if (submission.Reopened)
        {
            summary = $"Reopened. {summary}";
        }
        if (precheck.Priority == Rules.Priority.Urgent && submission.Answers.ScheduledClinicalBiopsy is { } biopsy)
        {
            summary = $"Clinical biopsy on {biopsy.Date:yyyy-MM-dd}. {summary}";
        }
        return new WorklistItem
        {
            Id = submission.Id,
            List = list,
            Kind = submission.Kind,
            Result = precheck.Result,
            Priority = list == TeamList.Worklist ? precheck.Priority ?? Rules.Priority.Normal : null,
            ReceivedAt = submission.ReceivedAt,
            ScheduledBiopsyDate = submission.Answers.ScheduledClinicalBiopsy?.Date,
            TeamStatus = submission.TeamStatus,
            Summary = summary,
            NotMetReasons = [.. notMet.Select(c => $"{c.Id}: {c.Reason}")],
            FollowUps = Workflows.Routing.FollowUps.For(submission.Kind, precheck),
            PersonId = submission.PersonId ?? submission.Id,
            Reopened = submission.Reopened,
            FirstContactAt = submission.FirstContactAt,
            RecheckOn = precheck.RecheckOn ?? precheck.Today,
            UrgentAlertPending = submission.UrgentAlertPending,
            AssignedTo = submission.AssignedTo,
            LastContactAttempt = submission.LastContactAttempt is { } attempt ? attempt with { Note = null } : null,
            NextContactOn = submission.NextContactOn,
        };
    }
}
