namespace Intake.Core.Workflows.Reporting;

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
    public static string? CriterionIdOf(string reason) =>
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
