namespace Intake.Functions.Storage;

/// <summary>
/// Every table and queue the app uses, in one place: the code, the local host and the Bicep
/// check all read them from here.
/// </summary>
public static class StorageNames
{
    /// <summary>
    /// The one table of submissions of a store made before they were spread (<see cref="SubmissionTables"/>): the
    /// clinical record, contact, referrer and history of each, one partition per submission. Such a store
    /// keeps them all here; a new store never makes it.
    /// </summary>
    public const string SubmissionsTable = "submissions";

    /// <summary>How many tables a new store spreads its submissions over, by a hash of the id (<see cref="SubmissionTables"/>).</summary>
    public const int SubmissionTableCount = 16;

    /// <summary>
    /// The tables a new store keeps its submissions in, <c>submissions0</c> to <c>submissionsf</c>: one partition per
    /// submission, each whole in one table (docs/storage.md, "submissions0 … submissionsf").
    /// </summary>
    public static IReadOnlyList<string> SubmissionTableNames { get; } =
        [.. Enumerable.Range(0, SubmissionTableCount).Select(i => SubmissionsTable + i.ToString("x", System.Globalization.CultureInfo.InvariantCulture))];

    /// <summary>
    /// The worklist and the screened-out list, with what keeps them whole in the same partition: the
    /// marks of submissions not yet on a list (the reconciler's index) and the erasures' intents and
    /// lines (see <see cref="ListsPartition"/>).
    /// </summary>
    public const string TeamListsTable = "teamlists";

    /// <summary>
    /// The people index (<see cref="PeopleRows"/>): each submission's person keys under its date of birth,
    /// and the dates of birth of each e-mail and phone, read by point reads only.
    /// </summary>
    public const string PeopleTable = "people";

    /// <summary>The hourly budget of urgent e-mails and the digests of the items over it (<see cref="TableAlertBudget"/>): ids and counts only.</summary>
    public const string AlertBudgetTable = "alertbudget";

    /// <summary>The used proof-of-work challenges of the public forms: one row per accepted solution, until it expires.</summary>
    public const string ChallengesTable = "challenges";

    /// <summary>The last outcome of each timer pass (the reconciler, the re-evaluation), for <c>GET /api/stats</c>.</summary>
    public const string TimerPassesTable = "timerpasses";

    /// <summary>The append-only audit log (<see cref="TableAuditLog"/>): who read or changed patient data, ids and counts only. Only ever added to.</summary>
    public const string AuditTable = "audit";

    /// <summary>The funnel index (<see cref="TableFunnelIndex"/>): one row per listed submission by receipt date, with what <c>GET /api/stats</c> counts and no patient data.</summary>
    public const string FunnelTable = "funnel";

    /// <summary>Alerts to send: an urgent worklist item, a referrer update.</summary>
    public const string AlertsQueue = "alerts";

    /// <summary>Ids of submissions waiting for their pre-check.</summary>
    public const string PrecheckQueue = "precheck";

    /// <summary>The suffix the Functions host gives the queue of messages that kept failing.</summary>
    public const string PoisonSuffix = "-poison";

    /// <summary>Every table made at start (the one <see cref="SubmissionsTable"/> of a store of before is not: it is only kept).</summary>
    public static IReadOnlyList<string> Tables { get; } = [.. SubmissionTableNames, TeamListsTable, PeopleTable, AlertBudgetTable, ChallengesTable, TimerPassesTable, AuditTable, FunnelTable];

    /// <summary>Every queue, poison queues included.</summary>
    public static IReadOnlyList<string> Queues { get; } = [PrecheckQueue, PrecheckQueue + PoisonSuffix, AlertsQueue, AlertsQueue + PoisonSuffix];
}
