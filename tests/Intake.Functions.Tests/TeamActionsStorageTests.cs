using Intake.Functions.Http;
using Intake.Functions.Http.Responses;

namespace Intake.Functions.Tests;

/// <summary>
/// <see cref="TeamActions"/> on the real stores (Azurite): team status, reopen and corrected
/// answers, each recorded in history with who did it, and the lists following the record.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class TeamActionsStorageTests(AzuriteFixture azurite)
{
    private static readonly CancellationToken None = CancellationToken.None;

    /// <summary>What <c>GET /api/submissions/{id}</c> would answer: every field, history included.</summary>
    private static string Wire(SubmissionFile file) => ApiJson.Ok(SubmissionFileResponse.Of(file, []), ResponseJson.Default.SubmissionFileResponse).Content!;

    [Fact]
    public async Task Team_status_change_is_recorded_with_who_and_the_note_and_the_line_follows()
    {
        var rig = new TeamRig(azurite);
        var id = await rig.SubmitAsync(TestData.Baseline);
        rig.Clock.Advance(TimeSpan.FromHours(3));

        var result = await rig.Actions.SetTeamStatusAsync(id, TeamStatus.Contacted, "  Left a voicemail; will call back Monday.  ", TeamRig.Coordinator, None);

        Assert.Equal(ActionOutcome.Done, result.Outcome);
        Assert.Equal(TeamStatus.Contacted, result.Submission!.TeamStatus);
        var file = await rig.FileAsync(id);
        Assert.Equal(TeamStatus.Contacted, file.Submission.TeamStatus);
        Assert.Equal(3, file.Submission.Version);
        var entry = file.History[^1];
        Assert.Equal(3, file.History.Count);
        Assert.Equal("Team status New → Contacted: Left a voicemail; will call back Monday.", entry.Event);
        Assert.Equal(TeamRig.Coordinator, entry.By);
        Assert.Equal(rig.Clock.GetUtcNow(), entry.At);
        var line = await rig.WorklistLineAsync(id);
        Assert.Equal(TeamStatus.Contacted, line.TeamStatus);
        Assert.Equal(Priority.High, line.Priority);
    }

    [Fact]
    public async Task Team_status_change_without_a_note_records_the_change_alone()
    {
        var rig = new TeamRig(azurite);
        var id = await rig.SubmitAsync(TestData.Baseline);

        await rig.Actions.SetTeamStatusAsync(id, TeamStatus.Unreachable, "   ", TeamRig.Coordinator, None);

        Assert.Equal("Team status New → Unreachable", (await rig.FileAsync(id)).History[^1].Event);
    }

    [Fact]
    public async Task First_contact_is_stamped_by_the_first_status_that_means_contact_and_never_again()
    {
        var rig = new TeamRig(azurite);
        var id = await rig.SubmitAsync(TestData.Baseline);

        rig.Clock.Advance(TimeSpan.FromHours(1));
        await rig.Actions.SetTeamStatusAsync(id, TeamStatus.Unreachable, null, TeamRig.Coordinator, None);
        Assert.Null((await rig.RecordAsync(id)).FirstContactAt);

        rig.Clock.Advance(TimeSpan.FromHours(1));
        var contactedAt = rig.Clock.GetUtcNow();
        await rig.Actions.SetTeamStatusAsync(id, TeamStatus.Contacted, "Spoke with her", TeamRig.Coordinator, None);
        Assert.Equal(contactedAt, (await rig.RecordAsync(id)).FirstContactAt);

        rig.NextDay();
        await rig.Actions.SetTeamStatusAsync(id, TeamStatus.Scheduled, "Consent visit on Friday", "other@example.org", None);
        rig.NextDay();
        await rig.Actions.SetTeamStatusAsync(id, TeamStatus.New, null, TeamRig.Coordinator, None);
        rig.NextDay();
        await rig.Actions.SetTeamStatusAsync(id, TeamStatus.Enrolled, null, TeamRig.Coordinator, None);

        var file = await rig.FileAsync(id);
        Assert.Equal(contactedAt, file.Submission.FirstContactAt);
        Assert.Equal(TeamStatus.Enrolled, file.Submission.TeamStatus);
        Assert.Equal(contactedAt, (await rig.WorklistLineAsync(id)).FirstContactAt);
        Assert.Equal(
            ["Team status New → Unreachable", "Team status Unreachable → Contacted: Spoke with her", "Team status Contacted → Scheduled: Consent visit on Friday",
             "Team status Scheduled → New", "Team status New → Enrolled"],
            file.History.Skip(2).Select(h => h.Event));
        Assert.Equal("other@example.org", file.History[4].By);
    }

    [Theory]
    [InlineData(TeamStatus.Contacted)]
    [InlineData(TeamStatus.Scheduled)]
    [InlineData(TeamStatus.Enrolled)]
    [InlineData(TeamStatus.Declined)]
    public async Task Each_status_that_means_contact_stamps_first_contact(TeamStatus status)
    {
        var rig = new TeamRig(azurite);
        var id = await rig.SubmitAsync(TestData.Baseline);

        await rig.Actions.SetTeamStatusAsync(id, status, null, TeamRig.Coordinator, None);

        Assert.Equal(rig.Clock.GetUtcNow(), (await rig.RecordAsync(id)).FirstContactAt);
    }

    [Theory]
    [InlineData(TeamStatus.New)]
    [InlineData(TeamStatus.NotEligible)]
    [InlineData(TeamStatus.Unreachable)]
    public async Task A_status_that_does_not_mean_contact_stamps_nothing(TeamStatus status)
    {
        var rig = new TeamRig(azurite);
        var id = await rig.SubmitAsync(TestData.Baseline);

        await rig.Actions.SetTeamStatusAsync(id, status, null, TeamRig.Coordinator, None);

        var record = await rig.RecordAsync(id);
        Assert.Equal(status, record.TeamStatus);
        Assert.Null(record.FirstContactAt);
    }

    [Fact]
    public async Task Team_status_of_an_unknown_id_is_not_found_and_stores_nothing()
    {
        var rig = new TeamRig(azurite);
        var id = TestData.NewId();

        var result = await rig.Actions.SetTeamStatusAsync(id, TeamStatus.Contacted, null, TeamRig.Coordinator, None);

        Assert.Equal(new TeamActionResult(ActionOutcome.NotFound, null), result);
        Assert.Null(await rig.Store.GetFileAsync(id, None));
    }

    [Fact]
    public async Task Reopen_moves_a_screened_out_line_to_the_worklist_and_records_who_did_it()
    {
        var rig = new TeamRig(azurite);
        var id = await rig.SubmitAsync(TestData.Ineligible);
        Assert.Equal(SubmissionStatus.ScreenedOut, (await rig.RecordAsync(id)).Status);
        Assert.Equal(id, (await rig.ScreenedOutLineAsync(id)).Id);

        var result = await rig.Actions.ReopenAsync(id, TeamRig.Coordinator, None);

        Assert.Equal(ActionOutcome.Done, result.Outcome);
        var file = await rig.FileAsync(id);
        Assert.Equal(SubmissionStatus.Routed, file.Submission.Status);
        Assert.True(file.Submission.Reopened);
        // The pre-check is kept as it was: reopening is the team's judgement, not a new result.
        Assert.Equal(PrecheckResult.LikelyIneligible, file.Submission.Precheck!.Result);
        Assert.Equal(("Reopened from the screened-out list onto the worklist", TeamRig.Coordinator), (file.History[^1].Event, file.History[^1].By));
        var line = await rig.WorklistLineAsync(id);
        Assert.True(line.Reopened);
        Assert.Equal(Priority.Normal, line.Priority);
        Assert.Equal(PrecheckResult.LikelyIneligible, line.Result);
        Assert.StartsWith("Reopened. Not met: I1", line.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reopen_of_an_item_already_on_the_worklist_does_not_apply_and_changes_nothing()
    {
        var rig = new TeamRig(azurite);
        var id = await rig.SubmitAsync(TestData.Baseline);
        var before = await rig.FileAsync(id);

        var result = await rig.Actions.ReopenAsync(id, TeamRig.Coordinator, None);

        Assert.Equal(ActionOutcome.NotApplicable, result.Outcome);
        Assert.Contains("Routed", result.Detail, StringComparison.Ordinal);
        var after = await rig.FileAsync(id);
        Assert.Equal(Wire(before), Wire(after));
        Assert.Equal(before.Submission.Version, after.Submission.Version);
        Assert.False((await rig.WorklistLineAsync(id)).Reopened);
    }

    [Fact]
    public async Task Reopen_twice_does_not_apply_the_second_time()
    {
        var rig = new TeamRig(azurite);
        var id = await rig.SubmitAsync(TestData.Ineligible);

        Assert.Equal(ActionOutcome.Done, (await rig.Actions.ReopenAsync(id, TeamRig.Coordinator, None)).Outcome);
        Assert.Equal(ActionOutcome.NotApplicable, (await rig.Actions.ReopenAsync(id, TeamRig.Coordinator, None)).Outcome);

        Assert.Single((await rig.FileAsync(id)).History, h => h.Event.StartsWith("Reopened", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Reopen_of_an_unknown_id_is_not_found()
    {
        var rig = new TeamRig(azurite);

        Assert.Equal(ActionOutcome.NotFound, (await rig.Actions.ReopenAsync(TestData.NewId(), TeamRig.Coordinator, None)).Outcome);
    }

    [Fact]
    public async Task Correcting_unknown_tissue_to_ffpe_moves_a_needs_review_item_to_high_and_history_keeps_the_earlier_result_and_the_diff()
    {
        var rig = new TeamRig(azurite);
        var id = await rig.SubmitAsync(TestData.Baseline with { PrimaryTissue = PrimaryTissue.Unknown });
        var normal = await rig.WorklistLineAsync(id);
        Assert.Equal((PrecheckResult.NeedsReview, Priority.Normal), (normal.Result, normal.Priority!.Value));
        Assert.Equal(["I4: Ask the patient where the original breast surgery or biopsy was done, then ask that pathology lab whether an FFPE block (or fresh frozen tissue) of the primary tumour is archived."], normal.FollowUps);
        rig.NextDay(2);

        var result = await rig.Actions.CorrectAnswersAsync(id, TestData.Baseline, TeamRig.Coordinator, None);

        Assert.Equal(ActionOutcome.Done, result.Outcome);
        var file = await rig.FileAsync(id);
        var precheck = file.Submission.Precheck!;
        Assert.Equal((PrecheckResult.LikelyEligible, Priority.High), (precheck.Result, precheck.Priority!.Value));
        Assert.Equal(PrimaryTissue.Ffpe, file.Submission.Answers.PrimaryTissue);
        var entry = file.History[^1];
        Assert.Equal(TeamRig.Coordinator, entry.By);
        Assert.StartsWith("Answers corrected (primaryTissue); pre-checked again on 2026-11-28 with rule set NCT03737695-2026.1: ", entry.Event, StringComparison.Ordinal);
        Assert.EndsWith($"NeedsReview (Normal) → LikelyEligible (High); I4 Unknown → Met: {precheck["I4"].Reason}", entry.Event, StringComparison.Ordinal);
        // The earlier result is still in history as it was written then.
        Assert.Contains(file.History, h => h.Event.StartsWith("Pre-checked", StringComparison.Ordinal) && h.Event.Contains("NeedsReview, priority Normal", StringComparison.Ordinal));
        var line = await rig.WorklistLineAsync(id);
        Assert.Equal((PrecheckResult.LikelyEligible, Priority.High), (line.Result, line.Priority!.Value));
        Assert.Empty(line.FollowUps);
    }

    [Fact]
    public async Task Correction_is_pre_checked_with_the_sites_today_not_the_receipt_date()
    {
        var rig = new TeamRig(azurite);
        var id = await rig.SubmitAsync(TestData.Baseline with { Ecog = null });
        rig.NextDay(10);
        var now = rig.Clock.GetUtcNow();

        await rig.Actions.CorrectAnswersAsync(id, TestData.Baseline, TeamRig.Coordinator, None);

        var record = await rig.RecordAsync(id);
        Assert.Equal(TeamRig.Day0.AddDays(10), record.Precheck!.Today);
        Assert.Equal(now, record.EvaluatedAt);
        Assert.Equal(TeamRig.Day0, record.ReceivedOn);
    }

    [Fact]
    public async Task Correcting_ecog_to_3_moves_the_item_to_the_screened_out_list_with_the_reason()
    {
        var rig = new TeamRig(azurite);
        var id = await rig.SubmitAsync(TestData.Baseline);
        Assert.Equal(Priority.High, (await rig.WorklistLineAsync(id)).Priority);

        await rig.Actions.CorrectAnswersAsync(id, TestData.Baseline with { Ecog = 3 }, TeamRig.Coordinator, None);

        var file = await rig.FileAsync(id);
        Assert.Equal(SubmissionStatus.ScreenedOut, file.Submission.Status);
        Assert.StartsWith("Answers corrected (ecog); ", file.History[^1].Event, StringComparison.Ordinal);
        Assert.Contains("LikelyEligible (High) → LikelyIneligible; I8 Met → NotMet: ", file.History[^1].Event, StringComparison.Ordinal);
        var line = await rig.ScreenedOutLineAsync(id);
        Assert.Null(line.Priority);
        Assert.Equal([$"I8: {file.Submission.Precheck!["I8"].Reason}"], line.NotMetReasons);
    }

    [Fact]
    public async Task Correcting_a_screened_out_item_back_moves_it_to_the_worklist()
    {
        var rig = new TeamRig(azurite);
        var id = await rig.SubmitAsync(TestData.Baseline with { Ecog = 3 });
        await rig.ScreenedOutLineAsync(id);

        await rig.Actions.CorrectAnswersAsync(id, TestData.Baseline with { Ecog = 2 }, TeamRig.Coordinator, None);

        Assert.Equal(SubmissionStatus.Routed, (await rig.RecordAsync(id)).Status);
        Assert.Equal(Priority.High, (await rig.WorklistLineAsync(id)).Priority);
    }

    [Fact]
    public async Task A_reopened_item_corrected_to_still_likely_ineligible_stays_on_the_worklist()
    {
        var rig = new TeamRig(azurite);
        var id = await rig.SubmitAsync(TestData.Ineligible);
        await rig.Actions.ReopenAsync(id, TeamRig.Coordinator, None);

        await rig.Actions.CorrectAnswersAsync(id, TestData.Ineligible with { Ecog = 4 }, TeamRig.Coordinator, None);

        var record = await rig.RecordAsync(id);
        Assert.Equal(PrecheckResult.LikelyIneligible, record.Precheck!.Result);
        Assert.Equal(SubmissionStatus.Routed, record.Status);
        Assert.True((await rig.WorklistLineAsync(id)).Reopened);
    }

    [Fact]
    public async Task Correction_names_every_changed_field_and_says_when_none_changed()
    {
        var rig = new TeamRig(azurite);
        var id = await rig.SubmitAsync(TestData.Baseline);

        await rig.Actions.CorrectAnswersAsync(id, TestData.Baseline with { Ecog = 2, Pregnant = null, MetastaticSites = [Site.Bone] }, TeamRig.Coordinator, None);
        await rig.Actions.CorrectAnswersAsync(id, TestData.Baseline with { Ecog = 2, Pregnant = null, MetastaticSites = [Site.Bone] }, TeamRig.Coordinator, None);

        var history = (await rig.FileAsync(id)).History;
        Assert.StartsWith("Answers corrected (metastaticSites, ecog, pregnant); ", history[^2].Event, StringComparison.Ordinal);
        Assert.StartsWith("Answers corrected (no answer changed); ", history[^1].Event, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Correction_of_an_unknown_id_is_not_found()
    {
        var rig = new TeamRig(azurite);

        Assert.Equal(ActionOutcome.NotFound, (await rig.Actions.CorrectAnswersAsync(TestData.NewId(), TestData.Baseline, TeamRig.Coordinator, None)).Outcome);
    }
}
