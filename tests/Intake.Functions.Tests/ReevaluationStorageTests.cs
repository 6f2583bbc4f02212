
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
            // The first pass reads every open item; later ones only an item whose pre-check changes that day, or
            // whose urgent alert is still pending (the alerts queue is mocked here, so it never goes out).
            Assert.Equal(new ReevaluationReport(day == 1 || daysLeft <= 14 ? 1 : 0, changedToday ? 1 : 0), report);
            Assert.True(entries + (changedToday ? 1 : 0) == file.History.Count, $"day {day}: {file.History[^1].Event}");
            entries = file.History.Count;
        }

        var final = await rig.FileAsync(id);
        var entry = Assert.Single(TeamRig.Reevaluations(final));
        Assert.Equal("Re-evaluated on 2026-12-02: LikelyEligible (High) → LikelyEligible (Urgent)", entry.Event);
        Assert.Equal(Actors.System, entry.By);
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
            Assert.Equal(new ReevaluationReport(day == 1 ? 1 : 0, 0), await rig.Reevaluation.RunAsync(None));
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
        await rig.Changes.ApplyAsync(id, (s, _) => Task.FromResult<Change?>(new Change(s with { UrgentAlertPending = false }, "Urgent alert sent", Actors.System)), None);
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

    [Fact]
    public async Task A_pass_with_an_unreadable_item_and_a_conflicting_item_still_handles_every_other_one_and_the_stats_show_the_failures()
    {
        var rig = new TeamRig(azurite);
        var biopsy = new ScheduledClinicalBiopsy(Site.Liver, TeamRig.Day0.AddDays(20));
        // The two bad items are received first, so they come first on the list: a pass that stops at one skips the rest.
        var ids = new List<string>();
        for (var n = 0; n < 5; n++)
        {
            ids.Add(await rig.SubmitAsync(TestData.Baseline with { ScheduledClinicalBiopsy = biopsy }));
            rig.Clock.Advance(TimeSpan.FromSeconds(1));
        }
        var store = new FaultyStore(rig.Store);
        store.Unreadable.Add(ids[0]);
        store.Conflicting.Add(ids[1]);
        var outcomes = new MemoryPassOutcomes();
        // The day the urgent window opens for all five.
        rig.NextDay(6);

        var report = await rig.ReevaluationOver(store, outcomes, maxConcurrency: 1).RunAsync(None);

        Assert.Equal(new[] { new ItemFailure(ids[0], nameof(InvalidDataException)), new ItemFailure(ids[1], nameof(ConcurrentChangeException)) },
            report.Failures.OrderBy(f => ids.IndexOf(f.SubmissionId)));
        Assert.Equal((5, 3), (report.Evaluated, report.Changed));
        foreach (var id in ids.Skip(2))
        {
            Assert.Equal(Priority.Urgent, (await rig.WorklistLineAsync(id)).Priority);
        }
        Assert.Equal(Priority.High, (await rig.RecordAsync(ids[1])).Precheck!.Priority);
        var outcome = outcomes.Of(PassOutcome.Reevaluate)!;
        Assert.Equal((5, 2, rig.Clock.GetUtcNow()), (outcome.Items, outcome.Failures, outcome.At));

        var calendar = rig.Calendar;
        var stats = new Triggers.StatsFunction(new FunnelReader(rig.Lists, rig.Pending, new Storage.QueuePoisonQueues(azurite.Queues), outcomes, calendar), calendar);
        var request = HttpTesting.Get();
        var answer = await HttpTesting.ExecuteAsync(await stats.GetStats(request, None), request);
        var shown = answer.Json().GetProperty("timerPasses").GetProperty("reevaluate");
        Assert.Equal((5, 2), (shown.GetProperty("items").GetInt32(), shown.GetProperty("failures").GetInt32()));

        // Once the faults are gone, the next pass handles the two it could not.
        store.Unreadable.Clear();
        store.Conflicting.Clear();
        var again = await rig.ReevaluationOver(store, outcomes).RunAsync(None);
        Assert.Empty(again.Failures);
        Assert.Equal(Priority.Urgent, (await rig.WorklistLineAsync(ids[0])).Priority);
        Assert.Equal(Priority.Urgent, (await rig.WorklistLineAsync(ids[1])).Priority);
    }

    [Fact]
    public async Task After_the_first_pass_an_item_whose_precheck_cannot_change_that_day_is_not_read_and_one_whose_can_is()
    {
        var rig = new TeamRig(azurite);
        var steady = await rig.SubmitAsync(TestData.Baseline);
        var windowOpens = await rig.SubmitAsync(TestData.Baseline with { ScheduledClinicalBiopsy = new(Site.Liver, TeamRig.Day0.AddDays(16)) });
        var store = new FaultyStore(rig.Store);
        var outcomes = new MemoryPassOutcomes();
        var pass = rig.ReevaluationOver(store, outcomes);

        // The first pass ever reads every open item (lines listed before the dates were kept have none).
        rig.NextDay();
        Assert.Equal(new ReevaluationReport(2, 0), await pass.RunAsync(None));
        Assert.Equal((1, 1), (store.Reads(steady), store.Reads(windowOpens)));

        rig.NextDay();
        Assert.Equal(new ReevaluationReport(1, 1), await pass.RunAsync(None));
        Assert.Equal(1, store.Reads(steady));
        Assert.True(store.Reads(windowOpens) > 1);
        Assert.Equal(Priority.Urgent, (await rig.WorklistLineAsync(windowOpens)).Priority);
        Assert.Equal(TeamRig.Day0.AddDays(17), (await rig.WorklistLineAsync(windowOpens)).RecheckOn);
        Assert.Equal(DateOnly.MaxValue, (await rig.WorklistLineAsync(steady)).RecheckOn);

        // A week on nothing of either can change, except that the urgent alert is still pending (never sent here).
        rig.NextDay(7);
        await pass.RunAsync(None);
        Assert.Equal(1, store.Reads(steady));
    }

    [Fact]
    public async Task A_line_listed_before_its_recheck_date_was_kept_is_re_checked_once_and_then_only_on_its_date()
    {
        var rig = new TeamRig(azurite);
        var id = await rig.SubmitAsync(TestData.Baseline);
        // As an older version stored it: a pre-check without a re-check date.
        var record = await rig.RecordAsync(id);
        Assert.True(await rig.Store.TryUpdateAsync(record with { Precheck = record.Precheck! with { RecheckOn = null }, Version = record.Version + 1 },
            new HistoryEntry(rig.Clock.GetUtcNow(), "Stored by an older version", "test"), None));
        await rig.Changes.SettleAsync(await rig.RecordAsync(id), before: null, None);
        await rig.Outcomes.RecordAsync(new PassOutcome(PassOutcome.Reevaluate, rig.Clock.GetUtcNow(), 0, 0), None);

        rig.NextDay();
        Assert.Equal(new ReevaluationReport(1, 0), await rig.Reevaluation.RunAsync(None));
        var file = await rig.FileAsync(id);
        Assert.StartsWith($"Re-checked on {rig.Calendar.Today:yyyy-MM-dd}: no change; next re-check not needed", file.History[^1].Event, StringComparison.Ordinal);
        Assert.Equal(DateOnly.MaxValue, (await rig.WorklistLineAsync(id)).RecheckOn);

        rig.NextDay();
        Assert.Equal(new ReevaluationReport(0, 0), await rig.Reevaluation.RunAsync(None));
    }
}
