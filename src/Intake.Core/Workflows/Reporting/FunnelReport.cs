namespace Intake.Core.Workflows.Reporting;

/// <summary>
/// The screening funnel of a date range, as a recruiting study reports it (CONSORT-style). Counts
/// only: no ids, no answers, no contact details. See <see cref="Funnel.Of"/> for what each counts.
/// </summary>
public sealed record FunnelReport
{
    /// <summary>The range, in the site's dates.</summary>
    public required SiteDateRange Range { get; init; }
    /// <summary>The site's time zone (IANA id) the range's dates are in.</summary>
    public required string TimeZone { get; init; }
    /// <summary>Pre-checked submissions received in the range, by channel (every channel present, 0 when none).</summary>
    public required IReadOnlyDictionary<SubmissionKind, int> Submissions { get; init; }
    /// <summary>Every pre-checked submission received in the range.</summary>
    public int TotalSubmissions => Submissions.Values.Sum();
    /// <summary>Distinct people (linked submissions counted once) among those submissions.</summary>
    public required int People { get; init; }
    /// <summary>Submissions received and not yet on a list, now (whatever the range).</summary>
    public required int AwaitingPrecheck { get; init; }
    /// <summary>Per person, the result of their latest submission in the range (every result present).</summary>
    public required IReadOnlyDictionary<PrecheckResult, int> PrecheckResults { get; init; }
    /// <summary>Per criterion id, how many people's latest submission in the range has it NotMet: the protocol's criteria in order, then any other id.</summary>
    public required IReadOnlyList<KeyValuePair<string, int>> NotMet { get; init; }
    /// <summary>People with a line on the worklist in the range.</summary>
    public required int WorklistPeople { get; init; }
    /// <summary>Per person on the worklist, their furthest team status (<see cref="Funnel.FurthestFirst"/>); every status present.</summary>
    public required IReadOnlyDictionary<TeamStatus, int> TeamStatuses { get; init; }
    /// <summary>People with a submission the team reopened from the screened-out list.</summary>
    public required int Reopened { get; init; }
    /// <summary>From submission to first contact.</summary>
    public required TimeToFirstContact TimeToFirstContact { get; init; }
    /// <summary>
    /// Submissions received in the range that the team marked not genuine and has not reopened (nor
    /// yet removed): counted here only, in no other figure.
    /// </summary>
    public int NotGenuine { get; init; }
    /// <summary>Messages that kept failing, per queue they failed on (e.g. <c>precheck</c>), now (whatever the range).</summary>
    public IReadOnlyDictionary<string, int> PoisonMessages { get; init; } = new Dictionary<string, int>();
    /// <summary>The last outcome of each timer pass that has run, now (whatever the range).</summary>
    public IReadOnlyList<PassOutcome> TimerPasses { get; init; } = [];
}
