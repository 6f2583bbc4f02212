namespace Intake.Core.Tests;

/// <summary>
/// The screening funnel over known lines, in America/Chicago. November 2026 is on CST (UTC−6) from
/// 1 November 02:00; 31 October is still on CDT (UTC−5).
/// </summary>
public sealed class FunnelTests
{
    private static readonly TimeSpan Cst = TimeSpan.FromHours(-6);
    private static readonly TimeSpan Cdt = TimeSpan.FromHours(-5);
    private static readonly SiteCalendar Chicago = SiteCalendar.For(SiteCalendar.DefaultTimeZoneId, TimeProvider.System);
    private static readonly SiteDateRange November = new(new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30));

    /// <summary>Noon in Chicago on a November day.</summary>
    private static DateTimeOffset Nov(int day, int hour = 12, int minute = 0) => new(2026, 11, day, hour, minute, 0, Cst);

    private static int _next;

    private static WorklistItem Line(
        DateTimeOffset receivedAt,
        SubmissionKind kind = SubmissionKind.SelfScreening,
        PrecheckResult result = PrecheckResult.LikelyEligible,
        string? person = null,
        TeamStatus teamStatus = TeamStatus.New,
        string[]? notMet = null,
        bool reopened = false,
        DateTimeOffset? firstContactAt = null,
        string? id = null)
    {
        id ??= $"00000000-0000-4000-8000-{Interlocked.Increment(ref _next):D12}";
        return new WorklistItem
        {
            Id = id,
            List = result == PrecheckResult.LikelyIneligible && !reopened ? TeamList.ScreenedOut : TeamList.Worklist,
            Kind = kind,
            Result = result,
            Priority = result == PrecheckResult.LikelyIneligible && !reopened ? null : Priority.High,
            ReceivedAt = receivedAt,
            TeamStatus = teamStatus,
            Summary = "a line",
            NotMetReasons = notMet ?? [],
            PersonId = person ?? id,
            Reopened = reopened,
            FirstContactAt = firstContactAt,
        };
    }

    private static FunnelReport Of(params WorklistItem[] lines) => Funnel.Of(lines, awaitingPrecheck: 0, November, Chicago);

    private static int NotMet(FunnelReport report, string id) => report.NotMet.Single(n => n.Key == id).Value;

    [Fact]
    public void Submissions_are_counted_by_channel_and_people_once_each()
    {
        var report = Of(
            Line(Nov(2)),
            Line(Nov(3)),
            Line(Nov(4), SubmissionKind.Referral),
            Line(Nov(5), person: "ann"),
            Line(Nov(6), SubmissionKind.Referral, person: "ann"));

        Assert.Equal(3, report.Submissions[SubmissionKind.SelfScreening]);
        Assert.Equal(2, report.Submissions[SubmissionKind.Referral]);
        Assert.Equal(5, report.TotalSubmissions);
        Assert.Equal(4, report.People);
    }

    [Fact]
    public void A_linked_self_screening_and_referral_count_once_with_the_latest_submissions_result()
    {
        var screening = Line(Nov(3), result: PrecheckResult.LikelyIneligible, person: "ann", notMet: ["I8: ECOG 3 is above the protocol's limit of 2."]);
        var referral = Line(Nov(5), SubmissionKind.Referral, PrecheckResult.LikelyEligible, person: "ann");

        var report = Of(referral, screening);

        Assert.Equal(1, report.People);
        Assert.Equal(2, report.TotalSubmissions);
        Assert.Equal(1, report.PrecheckResults[PrecheckResult.LikelyEligible]);
        Assert.Equal(0, report.PrecheckResults[PrecheckResult.LikelyIneligible]);
        Assert.Equal(0, NotMet(report, "I8"));
        Assert.Equal(1, report.WorklistPeople);
        Assert.Equal(1, report.TeamStatuses[TeamStatus.New]);
    }

    [Fact]
    public void A_persons_criterion_not_met_on_two_submissions_counts_once()
    {
        string[] reasons = ["I5: No accessible lesion.", "I8: ECOG 3 is above the protocol's limit of 2."];
        var report = Of(
            Line(Nov(3), result: PrecheckResult.LikelyIneligible, person: "bea", notMet: reasons),
            Line(Nov(4), SubmissionKind.Referral, PrecheckResult.LikelyIneligible, person: "bea", notMet: reasons),
            Line(Nov(5), result: PrecheckResult.LikelyIneligible, notMet: ["I8: ECOG 4 is above the protocol's limit of 2."]));

        Assert.Equal(2, report.People);
        Assert.Equal(2, report.PrecheckResults[PrecheckResult.LikelyIneligible]);
        Assert.Equal(1, NotMet(report, "I5"));
        Assert.Equal(2, NotMet(report, "I8"));
        Assert.Equal(0, report.WorklistPeople);
    }

    [Fact]
    public void NotMet_lists_every_protocol_criterion_in_order_then_any_other_id()
    {
        var report = Of(Line(Nov(3), result: PrecheckResult.LikelyIneligible, notMet: ["E5: Pregnant.", "X9: From an older rule set.", "no id here"]));

        Assert.Equal(["I1", "I2", "I3", "I4", "I5", "I6", "I7", "I8", "I9", "E1", "E2", "E3", "E4", "E5", "E6", "X9"], report.NotMet.Select(n => n.Key));
        Assert.Equal(1, NotMet(report, "E5"));
        Assert.Equal(1, NotMet(report, "X9"));
        Assert.Equal(2, report.NotMet.Sum(n => n.Value));
    }

    [Fact]
    public void A_line_received_at_23_30_in_Chicago_on_the_last_day_is_in_although_it_is_the_next_day_in_UTC()
    {
        var lastEvening = Line(new DateTimeOffset(2026, 11, 30, 23, 30, 0, Cst));
        Assert.Equal(new DateOnly(2026, 12, 1), DateOnly.FromDateTime(lastEvening.ReceivedAt.UtcDateTime));

        var report = Of(lastEvening);

        Assert.Equal(1, report.TotalSubmissions);
    }

    [Fact]
    public void Range_boundaries_are_the_sites_midnights_across_the_change_from_daylight_time()
    {
        var report = Of(
            Line(new DateTimeOffset(2026, 10, 31, 23, 59, 0, Cdt)),   // the day before: out (04:59Z on 1 November)
            Line(new DateTimeOffset(2026, 11, 1, 0, 0, 0, Cdt)),      // the first day's midnight: in
            Line(new DateTimeOffset(2026, 11, 30, 23, 59, 59, Cst)),  // the last day's last second: in
            Line(new DateTimeOffset(2026, 12, 1, 0, 0, 0, Cst)));     // the day after: out

        Assert.Equal(2, report.TotalSubmissions);
        Assert.Equal(2, report.People);
    }

    [Fact]
    public void A_person_counts_only_with_the_lines_in_the_range()
    {
        var report = Of(
            Line(new DateTimeOffset(2026, 10, 20, 12, 0, 0, Cdt), result: PrecheckResult.LikelyIneligible, person: "cy", notMet: ["I1: No breast cancer."]),
            Line(Nov(2), SubmissionKind.Referral, PrecheckResult.NeedsReview, person: "cy"));

        Assert.Equal(1, report.People);
        Assert.Equal(1, report.Submissions[SubmissionKind.Referral]);
        Assert.Equal(0, report.Submissions[SubmissionKind.SelfScreening]);
        Assert.Equal(1, report.PrecheckResults[PrecheckResult.NeedsReview]);
        Assert.Equal(0, NotMet(report, "I1"));
    }

    [Fact]
    public void Time_to_first_contact_is_the_nearest_rank_median_and_90th_percentile_in_hours()
    {
        // Hours from submission to first contact: 2, 5, 8, 14 (linked: from the first submission), 30, 50.
        var report = Of(
            Line(Nov(2, 8), firstContactAt: Nov(2, 10)),
            Line(Nov(3, 8), firstContactAt: Nov(3, 13)),
            Line(Nov(4, 8), firstContactAt: Nov(4, 16)),
            Line(Nov(5, 8), person: "dee"),
            Line(Nov(5, 18), SubmissionKind.Referral, person: "dee", teamStatus: TeamStatus.Contacted, firstContactAt: Nov(5, 22)),
            Line(Nov(6, 8), teamStatus: TeamStatus.Scheduled, firstContactAt: Nov(7, 14)),
            Line(Nov(8, 8), teamStatus: TeamStatus.Enrolled, firstContactAt: Nov(10, 10)),
            Line(Nov(9, 8)));

        // Six values sorted: 2, 5, 8, 14, 30, 50. Median: rank ⌈0.5 × 6⌉ = 3 → 8 (the lower middle, not 11).
        // 90th percentile: rank ⌈0.9 × 6⌉ = ⌈5.4⌉ = 6 → 50.
        Assert.Equal(new TimeToFirstContact(6, 8, 50), report.TimeToFirstContact);
        Assert.Equal(7, report.People);
    }

    [Fact]
    public void Time_to_first_contact_is_in_hours_to_one_decimal()
    {
        var report = Of(
            Line(Nov(2, 8), firstContactAt: Nov(2, 9, 30)),
            Line(Nov(3, 8), firstContactAt: Nov(3, 8, 20)));

        // 1.5 h and 0.333… h: the median (rank 1) is 0.3, the 90th percentile (rank 2) is 1.5.
        Assert.Equal(new TimeToFirstContact(2, 0.3, 1.5), report.TimeToFirstContact);
    }

    [Theory]
    [InlineData(50, 5)]
    [InlineData(90, 9)]
    [InlineData(91, 10)]
    [InlineData(100, 10)]
    [InlineData(1, 1)]
    [InlineData(10, 1)]
    [InlineData(11, 2)]
    public void Nearest_rank_of_one_to_ten_is_the_value_at_rank_p_tenths_rounded_up(int percentile, double expected)
    {
        double[] sorted = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

        Assert.Equal(expected, Funnel.NearestRank(sorted, percentile));
    }

    [Fact]
    public void Nearest_rank_of_one_value_is_that_value() =>
        Assert.Equal(42, Funnel.NearestRank([42], 90));

    [Fact]
    public void A_person_on_the_worklist_counts_under_the_furthest_team_status_of_their_lines()
    {
        var report = Of(
            Line(Nov(3), person: "eve", teamStatus: TeamStatus.Contacted),
            Line(Nov(6), SubmissionKind.Referral, person: "eve", teamStatus: TeamStatus.New),
            Line(Nov(4), teamStatus: TeamStatus.Unreachable),
            Line(Nov(5), result: PrecheckResult.LikelyIneligible, teamStatus: TeamStatus.NotEligible, notMet: ["I1: No breast cancer."]));

        Assert.Equal(2, report.WorklistPeople);
        Assert.Equal(1, report.TeamStatuses[TeamStatus.Contacted]);
        Assert.Equal(1, report.TeamStatuses[TeamStatus.Unreachable]);
        Assert.Equal(0, report.TeamStatuses[TeamStatus.New]);
        Assert.Equal(0, report.TeamStatuses[TeamStatus.NotEligible]);
        Assert.Equal(report.WorklistPeople, report.TeamStatuses.Values.Sum());
    }

    [Fact]
    public void Reopened_counts_people_once()
    {
        var report = Of(
            Line(Nov(3), result: PrecheckResult.LikelyIneligible, person: "fay", reopened: true, notMet: ["I4: No tissue."]),
            Line(Nov(4), SubmissionKind.Referral, PrecheckResult.LikelyIneligible, person: "fay", reopened: true, notMet: ["I4: No tissue."]),
            Line(Nov(5), result: PrecheckResult.LikelyIneligible, notMet: ["I4: No tissue."]));

        Assert.Equal(1, report.Reopened);
        Assert.Equal(1, report.WorklistPeople);
        Assert.Equal(2, NotMet(report, "I4"));
    }

    [Fact]
    public void The_same_submission_listed_twice_counts_once()
    {
        var line = Line(Nov(3));

        var report = Of(line, line with { List = TeamList.ScreenedOut });

        Assert.Equal(1, report.TotalSubmissions);
    }

    [Fact]
    public void An_empty_range_has_every_count_at_zero_and_no_contact_times()
    {
        var report = Funnel.Of([Line(new DateTimeOffset(2026, 10, 15, 12, 0, 0, Cdt))], awaitingPrecheck: 3, November, Chicago);

        Assert.Equal(November, report.Range);
        Assert.Equal(SiteCalendar.DefaultTimeZoneId, report.TimeZone);
        Assert.Equal(0, report.TotalSubmissions);
        Assert.All(Enum.GetValues<SubmissionKind>(), k => Assert.Equal(0, report.Submissions[k]));
        Assert.Equal(0, report.People);
        Assert.Equal(3, report.AwaitingPrecheck);
        Assert.All(Enum.GetValues<PrecheckResult>(), r => Assert.Equal(0, report.PrecheckResults[r]));
        Assert.Equal(15, report.NotMet.Count);
        Assert.All(report.NotMet, n => Assert.Equal(0, n.Value));
        Assert.Equal(0, report.WorklistPeople);
        Assert.All(Enum.GetValues<TeamStatus>(), s => Assert.Equal(0, report.TeamStatuses[s]));
        Assert.Equal(0, report.Reopened);
        Assert.Equal(new TimeToFirstContact(0, null, null), report.TimeToFirstContact);
        Assert.Empty(report.PoisonMessages);
    }

    [Fact]
    public void The_default_range_is_the_last_30_days_up_to_today()
    {
        var range = SiteDateRange.Ending(new DateOnly(2026, 11, 26));

        Assert.Equal(new SiteDateRange(new DateOnly(2026, 10, 28), new DateOnly(2026, 11, 26)), range);
        Assert.Equal(30, range.Days);
    }

    [Fact]
    public void Every_team_status_has_a_place_in_the_furthest_first_order() =>
        Assert.Equal(Enum.GetValues<TeamStatus>().Order(), Funnel.FurthestFirst.Order());
}
