namespace Intake.Core.Submissions;

/// <summary>
/// A submission's clinical record: its answers and where it stands. Contact details are kept
/// apart (<see cref="Contact"/>), so that reading the clinical record never reads who the person is.
/// </summary>
public sealed record Submission
{
    /// <summary>The submission's id: a lower-case UUID.</summary>
    public required string Id { get; init; }
    /// <summary>Self-screening or referral.</summary>
    public required SubmissionKind Kind { get; init; }
    /// <summary>When the service stored it.</summary>
    public required DateTimeOffset ReceivedAt { get; init; }
    /// <summary>The site's date at <see cref="ReceivedAt"/>: "today" for the first pre-check.</summary>
    public required DateOnly ReceivedOn { get; init; }
    /// <summary>The clinical answers.</summary>
    public required Answers Answers { get; init; }
    /// <summary>A digest of everything the submitter sent, to tell a retry from a different body under the same id.</summary>
    public required string Fingerprint { get; init; }
    /// <summary>Where it is in its life.</summary>
    public SubmissionStatus Status { get; init; } = SubmissionStatus.Received;
    /// <summary>The latest pre-check, once there is one.</summary>
    public Precheck? Precheck { get; init; }
    /// <summary>When <see cref="Precheck"/> was computed.</summary>
    public DateTimeOffset? EvaluatedAt { get; init; }
    /// <summary>What the study team has done.</summary>
    public TeamStatus TeamStatus { get; init; } = TeamStatus.New;
    /// <summary>How many history entries it has: the optimistic-concurrency version of the record.</summary>
    public int Version { get; init; }
    /// <summary>True when the team took it off the screened-out list: it stays on the worklist whatever its result.</summary>
    public bool Reopened { get; init; }
    /// <summary>When the team first reached the person (the first move to a status that means contact).</summary>
    public DateTimeOffset? FirstContactAt { get; init; }
    /// <summary>Digests of who the person is, to find the same person's other submissions; no contact details in clear.</summary>
    public PersonKeys? PersonKeys { get; init; }
    /// <summary>The id of the person's first submission (its own id when it has no earlier one).</summary>
    public string? PersonId { get; init; }
    /// <summary>True from the moment it became urgent on the worklist until the team's alert went out.</summary>
    public bool UrgentAlertPending { get; init; }
    /// <summary>The referrer updates the team asked for that were sent, by request id (so a redelivered one is not sent twice).</summary>
    public IReadOnlyList<string> ReferrerUpdatesSent { get; init; } = [];

    /// <summary>The coordinator's confirmation of the referrer's e-mail address; without it no referrer update is queued or sent.</summary>
    public ReferrerConfirmation? ReferrerConfirmed { get; init; }
    /// <summary>The team's mark while it is <see cref="SubmissionStatus.NotGenuine"/>.</summary>
    public NotGenuineMark? NotGenuine { get; init; }
    /// <summary>Who on the team follows the person up (a staff member's name), or <c>null</c> when nobody does.</summary>
    public string? AssignedTo { get; init; }
    /// <summary>The team's last attempt to reach the person, with its note.</summary>
    public ContactAttempt? LastContactAttempt { get; init; }
    /// <summary>The site's date on which the team means to try again, as the last contact attempt set it.</summary>
    public DateOnly? NextContactOn { get; init; }

    /// <summary>The list it belongs on: <c>null</c> before its pre-check; the not-genuine index while marked so.</summary>
    public TeamList? List => Status switch
    {
        SubmissionStatus.Routed => TeamList.Worklist,
        SubmissionStatus.ScreenedOut => TeamList.ScreenedOut,
        SubmissionStatus.NotGenuine => TeamList.NotGenuine,
        _ => null,
    };

    /// <summary>The status a pre-check result gives, a reopened submission staying on the worklist.</summary>
    public SubmissionStatus StatusFor(Precheck precheck) =>
        precheck.Result == PrecheckResult.LikelyIneligible && !Reopened ? SubmissionStatus.ScreenedOut : SubmissionStatus.Routed;
}
