using Microsoft.Extensions.Time.Testing;
using static Intake.Core.Tests.Prechecks;

namespace Intake.Core.Tests;

/// <summary>Age on "today", 29 February birthdays, and "today" as the site's date in America/Chicago.</summary>
public sealed class DatesTests
{
    private static DateTimeOffset Utc(int year, int month, int day, int hour, int minute, int second = 0) =>
        new(year, month, day, hour, minute, second, TimeSpan.Zero);

    private static SiteCalendar Chicago(DateTimeOffset now) => SiteCalendar.For(SiteCalendar.DefaultTimeZoneId, new FakeTimeProvider(now));

    // Age (I7).

    [Fact]
    public void I7_turning_18_today_is_met()
    {
        var outcome = Judge("I7", AnswerSets.Baseline with { DateOfBirth = Today.AddYears(-18) });

        AssertOutcome(outcome, "I7", Outcome.Met, "aged 18");
    }

    [Fact]
    public void I7_turning_18_tomorrow_is_not_met_aged_17()
    {
        var outcome = Judge("I7", AnswerSets.Baseline with { DateOfBirth = Today.AddYears(-18).AddDays(1) });

        AssertOutcome(outcome, "I7", Outcome.NotMet, "aged 17", "18 or older");
    }

    [Theory]
    [InlineData(2026, 2, 28, 17)]
    [InlineData(2026, 3, 1, 18)]
    [InlineData(2027, 2, 28, 18)]
    [InlineData(2027, 3, 1, 19)]
    [InlineData(2028, 2, 28, 19)]
    [InlineData(2028, 2, 29, 20)]
    public void Born_29_February_2008_has_the_birthday_on_1_March_in_other_years_and_on_29_February_in_leap_years(int year, int month, int day, int age) =>
        Assert.Equal(age, Age.On(new DateOnly(2008, 2, 29), new DateOnly(year, month, day)));

    [Fact]
    public void I7_born_29_February_2008_is_17_and_not_met_on_28_February_2026()
    {
        var precheck = Run(AnswerSets.Baseline with { DateOfBirth = new DateOnly(2008, 2, 29) }, new DateOnly(2026, 2, 28));

        AssertOutcome(precheck["I7"], "I7", Outcome.NotMet, "aged 17", "2026-02-28");
    }

    [Fact]
    public void I7_born_29_February_2008_is_18_and_met_on_1_March_2026()
    {
        var precheck = Run(AnswerSets.Baseline with { DateOfBirth = new DateOnly(2008, 2, 29) }, new DateOnly(2026, 3, 1));

        AssertOutcome(precheck["I7"], "I7", Outcome.Met, "aged 18", "2026-03-01");
    }

    [Fact]
    public void I7_born_29_February_2008_is_20_on_29_February_2028()
    {
        var precheck = Run(AnswerSets.Baseline with { DateOfBirth = new DateOnly(2008, 2, 29) }, new DateOnly(2028, 2, 29));

        AssertOutcome(precheck["I7"], "I7", Outcome.Met, "aged 20");
    }

    // The site's calendar.

    [Fact]
    public void SiteCalendar_a_2330_Chicago_submission_on_26_November_is_still_26_November_though_it_is_the_27th_in_UTC()
    {
        var received = Utc(2026, 11, 27, 5, 30);
        var calendar = Chicago(received);

        Assert.Equal(new DateOnly(2026, 11, 26), calendar.Today);
        Assert.Equal(new DateOnly(2026, 11, 26), calendar.DateAt(received));
        Assert.Equal(received, calendar.Now);
    }

    [Fact]
    public void SiteCalendar_today_follows_the_time_provider_across_local_midnight()
    {
        var time = new FakeTimeProvider(Utc(2026, 11, 27, 5, 59, 59));
        var calendar = SiteCalendar.For("America/Chicago", time);
        Assert.Equal(new DateOnly(2026, 11, 26), calendar.Today);

        time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(new DateOnly(2026, 11, 27), calendar.Today);
    }

    [Theory]
    // Spring forward, Sunday 2026-03-08: local midnight is 06:00Z (CST, UTC-6); 02:00 CST becomes 03:00 CDT at 08:00Z;
    // the next local midnight is 05:00Z on the 9th (CDT, UTC-5).
    [InlineData("2026-03-08T05:59:59Z", 2026, 3, 7)]
    [InlineData("2026-03-08T06:00:00Z", 2026, 3, 8)]
    [InlineData("2026-03-08T07:59:59Z", 2026, 3, 8)]
    [InlineData("2026-03-08T08:00:00Z", 2026, 3, 8)]
    [InlineData("2026-03-09T04:59:59Z", 2026, 3, 8)]
    [InlineData("2026-03-09T05:00:00Z", 2026, 3, 9)]
    // Fall back, Sunday 2026-11-01: local midnight is 05:00Z (CDT); 01:30 happens at 06:30Z (CDT) and again at 07:30Z (CST);
    // the next local midnight is 06:00Z on the 2nd (CST).
    [InlineData("2026-11-01T04:59:59Z", 2026, 10, 31)]
    [InlineData("2026-11-01T05:00:00Z", 2026, 11, 1)]
    [InlineData("2026-11-01T06:30:00Z", 2026, 11, 1)]
    [InlineData("2026-11-01T07:30:00Z", 2026, 11, 1)]
    [InlineData("2026-11-01T08:00:00Z", 2026, 11, 1)]
    [InlineData("2026-11-02T05:59:59Z", 2026, 11, 1)]
    [InlineData("2026-11-02T06:00:00Z", 2026, 11, 2)]
    public void SiteCalendar_maps_instants_around_the_Chicago_DST_changes_to_the_local_date(string instant, int year, int month, int day)
    {
        var at = DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture);
        var calendar = Chicago(at);

        Assert.Equal(new DateOnly(year, month, day), calendar.Today);
        Assert.Equal(new DateOnly(year, month, day), calendar.DateAt(at));
    }

    [Fact]
    public void SiteCalendar_for_an_unknown_time_zone_id_throws_ArgumentException_naming_the_id()
    {
        var e = Assert.Throws<ArgumentException>(() => SiteCalendar.For("Not/AZone", new FakeTimeProvider()));

        Assert.Contains("Not/AZone", e.Message, StringComparison.Ordinal);
        Assert.Equal("timeZoneId", e.ParamName);
    }

    [Theory]
    [InlineData("America")]
    [InlineData("../../etc/passwd")]
    [InlineData("")]
    public void SiteCalendar_for_a_zone_database_directory_or_a_path_throws_ArgumentException_naming_the_id(string id)
    {
        var e = Assert.Throws<ArgumentException>(() => SiteCalendar.For(id, new FakeTimeProvider()));

        Assert.Contains($"'{id}'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SiteCalendar_for_another_configured_zone_uses_that_zone()
    {
        var calendar = SiteCalendar.For("Europe/Berlin", new FakeTimeProvider(Utc(2026, 11, 26, 23, 30)));

        Assert.Equal(new DateOnly(2026, 11, 27), calendar.Today);
    }

    // A scheduled clinical biopsy relative to "today" at the site, for an evening submission in Chicago.

    [Theory]
    [InlineData(2026, 11, 26, Priority.Urgent, "today")]
    [InlineData(2026, 12, 10, Priority.Urgent, "in 14 days")]
    [InlineData(2026, 12, 11, Priority.High, "in 15 days")]
    public void Scheduled_biopsy_today_or_later_is_type1_and_urgent_only_up_to_14_days_ahead_of_the_site_date(int year, int month, int day, Priority priority, string when)
    {
        var today = Chicago(Utc(2026, 11, 27, 5, 30)).Today;
        var biopsy = new ScheduledClinicalBiopsy(Site.Brain, new DateOnly(year, month, day));

        var precheck = Run(AnswerSets.Baseline with { MetastaticSites = [Site.Brain], ScheduledClinicalBiopsy = biopsy }, today);

        AssertOutcome(precheck["I5"], "I5", Outcome.Met, "Type 1");
        Assert.Equal(Site.Brain, precheck.CollectionSource);
        Assert.True(priority == precheck.Priority, $"{when}: {precheck.Priority}");
        Assert.Equal(today, precheck.Today);
    }

    [Fact]
    public void Scheduled_biopsy_yesterday_at_the_site_is_absent_so_not_urgent_and_I5_goes_by_type2()
    {
        var today = Chicago(Utc(2026, 11, 27, 5, 30)).Today;
        var yesterday = new ScheduledClinicalBiopsy(Site.Brain, new DateOnly(2026, 11, 25));

        var withType2 = Run(AnswerSets.Baseline with { ScheduledClinicalBiopsy = yesterday }, today);
        var brainOnly = Run(AnswerSets.Baseline with { MetastaticSites = [Site.Brain], ScheduledClinicalBiopsy = yesterday }, today);

        AssertOutcome(withType2["I5"], "I5", Outcome.Met, "Type 2");
        Assert.Equal(Priority.High, withType2.Priority);
        AssertOutcome(brainOnly["I5"], "I5", Outcome.NotMet, "clinically directed biopsy");
        Assert.Null(brainOnly.Priority);
    }
}
