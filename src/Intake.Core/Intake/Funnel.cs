namespace Intake.Core;

/// <summary>A range of the site's dates, both ends included.</summary>
/// <param name="From">The first day.</param>
/// <param name="To">The last day (included).</param>
public readonly record struct SiteDateRange(DateOnly From, DateOnly To)
{
    /// <summary>The longest range a report covers: a leap year.</summary>
    public const int MaxDays = 366;

    /// <summary>The days of the default range: the last 30 days, today included.</summary>
    public const int DefaultDays = 30;

    /// <summary>How many days it covers, both ends included (0 or less when <see cref="From"/> is after <see cref="To"/>).</summary>
    public int Days => To.DayNumber - From.DayNumber + 1;

    /// <summary>True when <paramref name="date"/> is on or after <see cref="From"/> and on or before <see cref="To"/>.</summary>
    public bool Contains(DateOnly date) => date >= From && date <= To;

    /// <summary>The <see cref="DefaultDays"/> days that end on <paramref name="to"/>.</summary>
    public static SiteDateRange Ending(DateOnly to) => new(to.AddDays(-(DefaultDays - 1)), to);
}

/// <summary>Time from a person's submission to the team's first contact, over the people the team has reached.</summary>
/// <param name="People">How many people in the range have a first contact.</param>
/// <param name="MedianHours">The nearest-rank 50th percentile, in hours to one decimal; <c>null</c> when <paramref name="People"/> is 0.</param>
/// <param name="P90Hours">The nearest-rank 90th percentile, in hours to one decimal; <c>null</c> when <paramref name="People"/> is 0.</param>
public sealed record TimeToFirstContact(int People, double? MedianHours, double? P90Hours);

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

/// <summary>
/// The screening funnel: a pure function of the team's list lines. A person's linked submissions
/// (same <see cref="WorklistItem.PersonId"/>) count once everywhere except in the submissions by channel.
/// </summary>
public static class Funnel
{
    private static readonly TeamStatus[] Furthest =
    [
        TeamStatus.Enrolled, TeamStatus.Scheduled, TeamStatus.Declined, TeamStatus.NotEligible,
        TeamStatus.Contacted, TeamStatus.Unreachable, TeamStatus.New,
    ];

    /// <summary>
    /// Team statuses from the furthest along the funnel to the least: a person with several lines
    /// counts under the furthest any of them reached, so a newer duplicate still <c>New</c> does not
    /// hide that the team reached the person on an earlier one.
    /// </summary>
    public static IReadOnlyList<TeamStatus> FurthestFirst { get; } = Array.AsReadOnly(Furthest);

    private static readonly IReadOnlyList<string> ProtocolCriteria = [.. RuleSet.Nct03737695.Criteria.Select(c => c.Id)];

    /// <summary>
    /// The funnel of <paramref name="range"/>. A line is in the range when the site's date at its
    /// <see cref="WorklistItem.ReceivedAt"/> (<see cref="SiteCalendar.DateAt"/>) is. Then:
    /// <list type="bullet">
    /// <item>submissions: every line, by channel;</item>
    /// <item>people: distinct person ids;</item>
    /// <item>pre-check results and NotMet criteria: once per person, from their latest line (by received time);</item>
    /// <item>team statuses: once per person with a worklist line, the furthest status of those lines;</item>
    /// <item>reopened: people with a reopened line;</item>
    /// <item>time to first contact: per person with a first contact on any line, from their earliest line's
    /// receipt to the earliest first contact; median and 90th percentile by nearest rank (<see cref="NearestRank"/>).</item>
    /// </list>
    /// </summary>
    /// <param name="lines">The lines of both lists and of the not-genuine index (a submission is on one at a time; a repeated id counts once). Not-genuine lines count only in <see cref="FunnelReport.NotGenuine"/>.</param>
    /// <param name="awaitingPrecheck">Submissions received and not yet on a list.</param>
    /// <param name="range">The site's dates to report on.</param>
    /// <param name="calendar">The site's calendar (its time zone decides a line's date).</param>
    public static FunnelReport Of(IEnumerable<WorklistItem> lines, int awaitingPrecheck, SiteDateRange range, SiteCalendar calendar)
    {
        var all = lines
            .DistinctBy(l => l.Id, StringComparer.Ordinal)
            .Where(l => range.Contains(calendar.DateAt(l.ReceivedAt)))
            .ToArray();
        // A submission marked not genuine is in no figure but its own count.
        var inRange = all.Where(l => l.List != TeamList.NotGenuine).ToArray();
        var people = inRange
            .GroupBy(l => l.PersonId, StringComparer.Ordinal)
            .Select(g => g.OrderBy(l => l.ReceivedAt).ThenBy(l => l.Id, StringComparer.Ordinal).ToArray())
            .ToArray();
        var latest = people.Select(p => p[^1]).ToArray();

        var notMet = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var id in latest.SelectMany(l => l.NotMetReasons.Select(CriterionIdOf).OfType<string>().Distinct(StringComparer.Ordinal)))
        {
            notMet[id] = notMet.GetValueOrDefault(id) + 1;
        }

        var onWorklist = people
            .Select(p => p.Where(l => l.List == TeamList.Worklist).ToArray())
            .Where(p => p.Length > 0)
            .ToArray();

        var hoursToContact = people
            .Select(p => p.Select(l => l.FirstContactAt).Min() is { } contact ? Math.Max(0, (contact - p[0].ReceivedAt).TotalHours) : (double?)null)
            .OfType<double>()
            .Order()
            .ToArray();

        return new FunnelReport
        {
            Range = range,
            TimeZone = calendar.TimeZone.Id,
            Submissions = CountAll(inRange.Select(l => l.Kind)),
            NotGenuine = all.Length - inRange.Length,
            People = people.Length,
            AwaitingPrecheck = awaitingPrecheck,
            PrecheckResults = CountAll(latest.Select(l => l.Result)),
            NotMet = [.. ProtocolCriteria.Select(id => KeyValuePair.Create(id, notMet.GetValueOrDefault(id))),
                .. notMet.Where(n => !ProtocolCriteria.Contains(n.Key)).OrderBy(n => n.Key, StringComparer.Ordinal)],
            WorklistPeople = onWorklist.Length,
            TeamStatuses = CountAll(onWorklist.Select(p => p.Select(l => l.TeamStatus).MinBy(Rank))),
            Reopened = people.Count(p => p.Any(l => l.Reopened)),
            TimeToFirstContact = new TimeToFirstContact(
                hoursToContact.Length,
                hoursToContact.Length == 0 ? null : Hours(NearestRank(hoursToContact, 50)),
                hoursToContact.Length == 0 ? null : Hours(NearestRank(hoursToContact, 90))),
        };
    }

    /// <summary>
    /// The nearest-rank <paramref name="percentile"/>: the smallest value with at least that
    /// percentage of the values at or below it, i.e. the value at rank ⌈p/100 × n⌉ (1-based) of the
    /// <paramref name="sorted"/> values. Always one of the values, never an interpolation; for an even
    /// count the median is the lower of the two middle values.
    /// </summary>
    /// <exception cref="ArgumentException">No values.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A percentile outside 1–100.</exception>
    public static double NearestRank(IReadOnlyList<double> sorted, int percentile)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(percentile, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percentile, 100);
        if (sorted.Count == 0)
        {
            throw new ArgumentException("A percentile needs at least one value.", nameof(sorted));
        }
        var rank = (int)Math.Ceiling(percentile / 100.0 * sorted.Count);
        return sorted[Math.Max(rank, 1) - 1];
    }

    /// <summary>The criterion id of a NotMet reason (<c>"I8: …"</c> → <c>I8</c>), or <c>null</c> for a reason without one.</summary>
    internal static string? CriterionIdOf(string reason) =>
        reason.IndexOf(':', StringComparison.Ordinal) is > 0 and var colon && reason[..colon].Trim() is { Length: > 0 } id ? id : null;

    private static int Rank(TeamStatus status) => Array.IndexOf(Furthest, status) is >= 0 and var i ? i : Furthest.Length;

    private static double Hours(double hours) => Math.Round(hours, 1, MidpointRounding.AwayFromZero);

    private static Dictionary<T, int> CountAll<T>(IEnumerable<T> values) where T : struct, Enum
    {
        var counts = Enum.GetValues<T>().ToDictionary(v => v, _ => 0);
        foreach (var value in values)
        {
            counts[value]++;
        }
        return counts;
    }
}

/// <summary>
/// Reads what the funnel needs (both lists, the submissions awaiting pre-check, the poison queues)
/// and computes it.
/// </summary>
public sealed class FunnelReader(ITeamLists lists, IPendingSubmissions pending, IPoisonQueues poison, IPassOutcomes passes, SiteCalendar calendar)
{
    /// <summary>The funnel of <paramref name="range"/>, with the poison counts as they stand now.</summary>
    public async Task<FunnelReport> ReadAsync(SiteDateRange range, CancellationToken cancellationToken)
    {
        // Only the lines received in the range (Funnel.Of counts nothing else), with a day to spare at
        // each end for the site's time zone: Funnel.Of keeps those whose site date is in the range.
        var from = new DateTimeOffset(range.From.AddDays(-1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var until = new DateTimeOffset(range.To.AddDays(2).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var worklist = lists.ReceivedBetweenAsync(TeamList.Worklist, from, until, cancellationToken);
        var screenedOut = lists.ReceivedBetweenAsync(TeamList.ScreenedOut, from, until, cancellationToken);
        var notGenuine = lists.ReceivedBetweenAsync(TeamList.NotGenuine, from, until, cancellationToken);
        // Erased submissions still count: their lines keep the tombstone's fields (kind, month, result, NotMet ids).
        var erased = lists.ReceivedBetweenAsync(TeamList.Erased, from, until, cancellationToken);
        // Every mark, whatever its age: a submission marked is one not yet on its list.
        var awaiting = pending.OlderThanAsync(DateTimeOffset.MaxValue, cancellationToken);
        var poisoned = poison.CountsAsync(cancellationToken);
        var timerPasses = passes.ReadAsync(cancellationToken);
        await Task.WhenAll(worklist, screenedOut, notGenuine, erased, awaiting, poisoned, timerPasses);
        return Funnel.Of([.. worklist.Result, .. screenedOut.Result, .. notGenuine.Result, .. erased.Result], awaiting.Result.Count, range, calendar) with
        {
            PoisonMessages = poisoned.Result,
            TimerPasses = timerPasses.Result,
        };
    }
}
