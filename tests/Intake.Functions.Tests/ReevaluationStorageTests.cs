using Intake.Core;

namespace Intake.Functions.Tests;

/// <summary>
/// <see cref="Reevaluation"/> on the real stores (Azurite), run once per simulated day with a
/// clock the test moves: priorities follow the calendar, only real changes are recorded.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class ReevaluationStorageTests(AzuriteFixture azurite)
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task A_biopsy_20_days_away_becomes_urgent_on_the_day_14_remain_with_one_history_entry_and_none_on_other_days()
    {
        var rig = new TeamRig(azurite);
        var biopsyDay = TeamRig.Day0.AddDays(20);
        var id = await rig.SubmitAsync(TestData.Baseline with { ScheduledClinicalBiopsy = new(Site.Lung, biopsyDay) });
        Assert.Equal(Priority.High, (await rig.WorklistLineAsync(id)).Priority);
        var entries = (await rig.FileAsync(id)).History.Count;

        for (var day = 1; day <= 20; day++)
        {
            rig.NextDay();
            var report = await rig.Reevaluation.RunAsync(None);

            var file = await rig.FileAsync(id);
            var daysLeft = biopsyDay.DayNumber - rig.Calendar.Today.DayNumber;
            var expected = daysLeft <= 14 ? Priority.Urgent : Priority.High;
            var changedToday = daysLeft == 14;
            Assert.True(expected == file.Submission.Precheck!.Priority, $"day {day}, {daysLeft} days left: {file.Submission.Precheck.Priority}");
            Assert.Equal(expected, (await rig.WorklistLineAsync(id)).Priority);
            Assert.Equal(new ReevaluationReport(1, changedToday ? 1 : 0), report);
            Assert.True(entries + (changedToday ? 1 : 0) == file.History.Count, $"day {day}: {file.History[^1].Event}");
            entries = file.History.Count;
        }

        var final = await rig.FileAsync(id);
        var entry = Assert.Single(TeamRig.Reevaluations(final));
        Assert.Equal("Re-evaluated on 2026-12-02: LikelyEligible (High) → LikelyEligible (Urgent)", entry.Event);
        Assert.Equal(PrecheckRouting.SystemActor, entry.By);
        Assert.Equal(TeamRig.Day0.AddDays(6), rig.Calendar.DateAt(entry.At));
        // The stored pre-check is the one of the change, not of a later day that changed nothing.
        Assert.Equal(TeamRig.Day0.AddDays(6), final.Submission.Precheck!.Today);
        Assert.Equal(Site.Lung, final.Submission.Precheck.CollectionSource);
    }

    [Fact]
    public async Task A_passed_biopsy_no_longer_counts_the_day_after_it()
    {
        var rig = new TeamRig(azurite);
        var biopsyDay = TeamRig.Day0.AddDays(2);
        var id = await rig.SubmitAsync(TestData.Baseline with { ScheduledClinicalBiopsy = new(Site.Lung, biopsyDay) });
        Assert.Equal(Priority.Urgent, (await rig.WorklistLineAsync(id)).Priority);

        rig.NextDay(2);
        await rig.Reevaluation.RunAsync(None);
        Assert.Equal(Priority.Urgent, (await rig.WorklistLineAsync(id)).Priority);
        Assert.Empty(TeamRig.Reevaluations(await rig.FileAsync(id)));

        rig.NextDay();
        var report = await rig.Reevaluation.RunAsync(None);

        Assert.Equal(new ReevaluationReport(1, 1), report);
        var file = await rig.FileAsync(id);
        var precheck = file.Submission.Precheck!;
        Assert.Equal((PrecheckResult.LikelyEligible, Priority.High, Site.Liver), (precheck.Result, precheck.Priority!.Value, precheck.CollectionSource!.Value));
        var entry = Assert.Single(TeamRig.Reevaluations(file));
        Assert.StartsWith("Re-evaluated on 2026-11-29: LikelyEligible (Urgent) → LikelyEligible (High)", entry.Event, StringComparison.Ordinal);
        Assert.Equal("Re-evaluated on 2026-11-29: LikelyEligible (Urgent) → LikelyEligible (High); collection source lung → liver", entry.Event);
        var line = await rig.WorklistLineAsync(id);
        Assert.Equal(Priority.High, line.Priority);
        Assert.DoesNotContain("Clinical biopsy", line.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_passed_biopsy_that_was_the_only_accessible_lesion_screens_the_item_out()
    {
        var rig = new TeamRig(azurite);
        var id = await rig.SubmitAsync(TestData.Baseline with { MetastaticSites = [Site.Brain], ScheduledClinicalBiopsy = new(Site.Brain, TeamRig.Day0.AddDays(1)) });
        Assert.Equal(Priority.Urgent, (await rig.WorklistLineAsync(id)).Priority);

        rig.NextDay(2);
        await rig.Reevaluation.RunAsync(None);

        var file = await rig.FileAsync(id);
        Assert.Equal(SubmissionStatus.ScreenedOut, file.Submission.Status);
        Assert.StartsWith("Re-evaluated on 2026-11-28: LikelyEligible (Urgent) → LikelyIneligible; collection source brain → none; I5 Met → NotMet: ", TeamRig.Reevaluations(file).Single().Event, StringComparison.Ordinal);
        var line = await rig.ScreenedOutLineAsync(id);
        Assert.StartsWith("I5: ", Assert.Single(line.NotMetReasons), StringComparison.Ordinal);

        // Off the worklist, it is no longer re-evaluated.
        rig.NextDay();
        Assert.Equal(new ReevaluationReport(0, 0), await rig.Reevaluation.RunAsync(None));
    }

    [Fact]
    public async Task A_reopened_person_under_18_meets_I7_on_their_18th_birthday()
    {
        var rig = new TeamRig(azurite);
        var birthday = TeamRig.Day0.AddDays(3);
        var id = await rig.SubmitAsync(TestData.Baseline with { DateOfBirth = birthday.AddYears(-18) });
        Assert.Equal(Outcome.NotMet, (await rig.RecordAsync(id)).Precheck!["I7"].Outcome);
        await rig.ScreenedOutLineAsync(id);
        await rig.Actions.ReopenAsync(id, TeamRig.Coordinator, None);
        var entries = (await rig.FileAsync(id)).History.Count;

        for (var day = 1; day <= 2; day++)
        {
            rig.NextDay();
            Assert.Equal(new ReevaluationReport(1, 0), await rig.Reevaluation.RunAsync(None));
        }
        Assert.Equal(entries, (await rig.FileAsync(id)).History.Count);
        Assert.Equal(Priority.Normal, (await rig.WorklistLineAsync(id)).Priority);

        rig.NextDay();
        Assert.Equal(birthday, rig.Calendar.Today);
        Assert.Equal(new ReevaluationReport(1, 1), await rig.Reevaluation.RunAsync(None));

        var file = await rig.FileAsync(id);
        var precheck = file.Submission.Precheck!;
        Assert.Equal(Outcome.Met, precheck["I7"].Outcome);
        Assert.Equal((PrecheckResult.LikelyEligible, Priority.High), (precheck.Result, precheck.Priority!.Value));
        Assert.Equal(SubmissionStatus.Routed, file.Submission.Status);
        Assert.Equal(
            $"Re-evaluated on {birthday:yyyy-MM-dd}: LikelyIneligible → LikelyEligible (High); I7 NotMet → Met: Aged 18 on {birthday:yyyy-MM-dd}, so 18 or older.",
            Assert.Single(TeamRig.Reevaluations(file)).Event);
        var line = await rig.WorklistLineAsync(id);
        Assert.Equal((PrecheckResult.LikelyEligible, Priority.High, true), (line.Result, line.Priority!.Value, line.Reopened));
    }

    [Fact]
    public async Task A_screened_out_item_not_reopened_is_not_re_evaluated()
    {
        var rig = new TeamRig(azurite);
        var id = await rig.SubmitAsync(TestData.Baseline with { DateOfBirth = TeamRig.Day0.AddDays(1).AddYears(-18) });

        rig.NextDay(2);

        Assert.Equal(new ReevaluationReport(0, 0), await rig.Reevaluation.RunAsync(None));
        Assert.Equal(Outcome.NotMet, (await rig.RecordAsync(id)).Precheck!["I7"].Outcome);
    }

    [Theory]
    [InlineData(TeamStatus.New, true)]
    [InlineData(TeamStatus.Contacted, true)]
    [InlineData(TeamStatus.Scheduled, true)]
    [InlineData(TeamStatus.Enrolled, false)]
    [InlineData(TeamStatus.Declined, false)]
    [InlineData(TeamStatus.NotEligible, false)]
    [InlineData(TeamStatus.Unreachable, false)]
    public async Task Only_items_the_team_is_still_working_are_re_evaluated(TeamStatus status, bool open)
    {
        var rig = new TeamRig(azurite);
        var id = await rig.SubmitAsync(TestData.Baseline with { ScheduledClinicalBiopsy = new(Site.Liver, TeamRig.Day0.AddDays(15)) });
        await rig.Actions.SetTeamStatusAsync(id, status, null, TeamRig.Coordinator, None);

        rig.NextDay();
        var report = await rig.Reevaluation.RunAsync(None);

        Assert.Equal(open ? new ReevaluationReport(1, 1) : new ReevaluationReport(0, 0), report);
        Assert.Equal(open ? Priority.Urgent : Priority.High, (await rig.WorklistLineAsync(id)).Priority);
    }

    [Fact]
    public async Task Running_the_pass_again_the_same_day_records_nothing_more()
    {
        var rig = new TeamRig(azurite);
        var id = await rig.SubmitAsync(TestData.Baseline with { ScheduledClinicalBiopsy = new(Site.Liver, TeamRig.Day0.AddDays(15)) });
        rig.NextDay();

        Assert.Equal(new ReevaluationReport(1, 1), await rig.Reevaluation.RunAsync(None));
        rig.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(new ReevaluationReport(1, 0), await rig.Reevaluation.RunAsync(None));

        Assert.Single(TeamRig.Reevaluations(await rig.FileAsync(id)));
    }

    [Fact]
    public async Task Urgent_alert_is_asked_for_when_an_item_becomes_urgent_and_not_again_on_changes_that_keep_it_urgent()
    {
        var rig = new TeamRig(azurite);
        var id = await rig.SubmitAsync(TestData.Baseline with { ScheduledClinicalBiopsy = new(Site.Liver, TeamRig.Day0.AddDays(15)) });
        Assert.Equal(0, rig.UrgentAlerts(id));

        rig.NextDay();
        await rig.Reevaluation.RunAsync(None);
        Assert.Equal(Priority.Urgent, (await rig.RecordAsync(id)).Precheck!.Priority);
        Assert.Equal(1, rig.UrgentAlerts(id));
        Assert.True((await rig.RecordAsync(id)).UrgentAlertPending);

        await rig.Actions.SetTeamStatusAsync(id, TeamStatus.Contacted, "Called her", TeamRig.Coordinator, None);
        await rig.Actions.CorrectAnswersAsync(id, TestData.Baseline with { Ecog = 2, ScheduledClinicalBiopsy = new(Site.Liver, TeamRig.Day0.AddDays(15)) }, TeamRig.Coordinator, None);

        var record = await rig.RecordAsync(id);
        Assert.Equal(Priority.Urgent, record.Precheck!.Priority);
        Assert.Equal(TeamStatus.Contacted, record.TeamStatus);
        Assert.Equal(1, rig.UrgentAlerts(id));
    }

    [Fact]
    public async Task An_item_urgent_from_its_first_precheck_asks_for_one_alert()
    {
        var rig = new TeamRig(azurite);

        var id = await rig.SubmitAsync(TestData.Baseline with { ScheduledClinicalBiopsy = new(Site.Brain, TeamRig.Day0.AddDays(5)) });

        Assert.Equal(1, rig.UrgentAlerts(id));
        Assert.True((await rig.RecordAsync(id)).UrgentAlertPending);
    }

    [Fact]
    public async Task No_alert_is_asked_for_an_item_that_is_not_urgent()
    {
        var rig = new TeamRig(azurite);
        var id = await rig.SubmitAsync(TestData.Baseline);

        await rig.Actions.SetTeamStatusAsync(id, TeamStatus.Contacted, null, TeamRig.Coordinator, None);
        rig.NextDay();
        await rig.Reevaluation.RunAsync(None);

        Assert.Equal(0, rig.UrgentAlerts(id));
        Assert.False((await rig.RecordAsync(id)).UrgentAlertPending);
    }

    [Fact]
    public async Task Once_the_alert_went_out_a_change_keeping_it_urgent_neither_alerts_nor_marks_it_again_but_becoming_urgent_again_does()
    {
        var rig = new TeamRig(azurite);
        var urgent = TestData.Baseline with { ScheduledClinicalBiopsy = new(Site.Brain, TeamRig.Day0.AddDays(5)) };
        var id = await rig.SubmitAsync(urgent);
        Assert.Equal(1, rig.UrgentAlerts(id));

        // What the alert sender does once the team is told: clear the mark in a change of its own.
        await rig.Changes.ApplyAsync(id, (s, _) => Task.FromResult<Change?>(new Change(s with { UrgentAlertPending = false }, "Urgent alert sent", PrecheckRouting.SystemActor)), None);
        await rig.Actions.SetTeamStatusAsync(id, TeamStatus.Contacted, null, TeamRig.Coordinator, None);
        rig.NextDay();
        await rig.Reevaluation.RunAsync(None);

        Assert.False((await rig.RecordAsync(id)).UrgentAlertPending);
        Assert.Equal(1, rig.UrgentAlerts(id));

        await rig.Actions.CorrectAnswersAsync(id, urgent with { ScheduledClinicalBiopsy = null, MetastaticSites = [Site.Liver] }, TeamRig.Coordinator, None);
        Assert.Equal(Priority.High, (await rig.RecordAsync(id)).Precheck!.Priority);
        Assert.Equal(1, rig.UrgentAlerts(id));

        await rig.Actions.CorrectAnswersAsync(id, urgent, TeamRig.Coordinator, None);
        Assert.True((await rig.RecordAsync(id)).UrgentAlertPending);
        Assert.Equal(2, rig.UrgentAlerts(id));
    }

    [Fact]
    public async Task A_pending_alert_whose_send_may_have_been_lost_is_asked_for_again_by_the_next_pass()
    {
        var rig = new TeamRig(azurite);
        var id = await rig.SubmitAsync(TestData.Baseline with { ScheduledClinicalBiopsy = new(Site.Brain, TeamRig.Day0.AddDays(5)) });
        Assert.Equal(1, rig.UrgentAlerts(id));

        rig.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(new ReevaluationReport(1, 0), await rig.Reevaluation.RunAsync(None));

        Assert.Equal(2, rig.UrgentAlerts(id));
    }
}
