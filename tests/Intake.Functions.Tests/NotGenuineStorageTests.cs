using Azure.Data.Tables;
using Intake.Functions.Storage;

namespace Intake.Functions.Tests;

/// <summary>
/// "Not genuine" on the real stores (Azurite): off both lists and out of the funnel's figures, no
/// alert, back on reopening, and removed by the daily pass 30 days after the mark.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class NotGenuineStorageTests(AzuriteFixture azurite)
{
    private static readonly CancellationToken None = CancellationToken.None;
    private const string Staff = "ann.coordinator@example.org";

    /// <summary>The real removal, except that it fails for one id: one item's failure must not stop the pass.</summary>
    private sealed class FailingFor(ISubmissionRemoval inner, string id) : ISubmissionRemoval
    {
        public Task<bool> TryRemoveRecordAsync(Submission expected, CancellationToken cancellationToken) =>
            expected.Id == id ? throw new IOException("Storage refused this one.") : inner.TryRemoveRecordAsync(expected, cancellationToken);

        public Task RemoveRestAsync(WorklistItem line, DateOnly? dateOfBirth, DateTimeOffset removedAt, CancellationToken cancellationToken) =>
            inner.RemoveRestAsync(line, dateOfBirth, removedAt, cancellationToken);
    }

    private async Task<TableEntity[]> RowsAsync(string table, string filter)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in azurite.Tables.GetTableClient(table).QueryAsync<TableEntity>(filter, cancellationToken: None))
        {
            rows.Add(row);
        }
        return [.. rows];
    }

    private async Task<WorklistItem[]> NotGenuineLinesAsync(TeamRig rig, string id) =>
        [.. (await rig.Lists.ListAsync(TeamList.NotGenuine, new WorklistFilter(), None)).Where(l => l.Id == id)];

    [Fact]
    public async Task A_submission_marked_not_genuine_leaves_both_lists_and_every_funnel_figure_but_its_own_count()
    {
        var rig = new TeamRig(azurite);
        var kept = await rig.SubmitAsync(TestData.Baseline);
        var fake = await rig.SubmitAsync(TestData.Baseline with { DateOfBirth = new DateOnly(1980, 1, 2) }, TestData.Contact with { Name = "Bot Example", Email = "bot@example.org" });
        var fakeOut = await rig.SubmitAsync(TestData.Ineligible, TestData.Contact with { Name = "Bot Two", Email = "bot2@example.org" });

        Assert.Equal(ActionOutcome.Done, (await rig.Actions.MarkNotGenuineAsync(fake, "Script", Staff, None)).Outcome);
        Assert.Equal(ActionOutcome.Done, (await rig.Actions.MarkNotGenuineAsync(fakeOut, "Script", Staff, None)).Outcome);

        foreach (var id in new[] { fake, fakeOut })
        {
            Assert.Equal((0, 0), ((await rig.LinesAsync(id)).Worklist.Length, (await rig.LinesAsync(id)).ScreenedOut.Length));
            Assert.Single(await NotGenuineLinesAsync(rig, id));
            Assert.Equal(SubmissionStatus.NotGenuine, (await rig.RecordAsync(id)).Status);
        }
        string[] mine = [kept, fake, fakeOut];
        var lines = (await Task.WhenAll(Enum.GetValues<TeamList>().Select(l => rig.Lists.ListAsync(l, new WorklistFilter(), None))))
            .SelectMany(l => l).Where(l => mine.Contains(l.Id));
        var funnel = Funnel.Of(lines, 0, new SiteDateRange(TeamRig.Day0, TeamRig.Day0), rig.Calendar);
        Assert.Equal((1, 1, 1, 1, 2), (funnel.TotalSubmissions, funnel.People, funnel.WorklistPeople, funnel.PrecheckResults[PrecheckResult.LikelyEligible], funnel.NotGenuine));
        Assert.Equal(0, funnel.PrecheckResults[PrecheckResult.LikelyIneligible]);
    }

    [Fact]
    public async Task An_urgent_item_marked_not_genuine_before_its_alert_went_out_sends_no_alert()
    {
        var rig = new TeamRig(azurite);
        var id = await rig.SubmitAsync(TestData.Baseline with
        {
            ScheduledClinicalBiopsy = new ScheduledClinicalBiopsy(Site.Liver, TeamRig.Day0.AddDays(5)),
            OncologistConcerns = new OncologistConcerns(false, false, false),
        }, kind: SubmissionKind.Referral);
        Assert.True((await rig.RecordAsync(id)).UrgentAlertPending);

        await rig.Actions.MarkNotGenuineAsync(id, "Fake biopsy date, posted by a script", Staff, None);

        Assert.False((await rig.RecordAsync(id)).UrgentAlertPending);
        var sender = new Moq.Mock<IAlertSender>(Moq.MockBehavior.Strict);
        var dispatch = new AlertDispatch(rig.Store, rig.Changes, sender.Object,
            new AlertSettings("team@study.example", "mbcintake@study.example", new Uri("https://intake.example.org/")), new TableAlertBudget(azurite.Tables), rig.Calendar);
        Assert.Equal(AlertOutcome.AlreadyHandled, await dispatch.HandleAsync(new AlertRequest(id, AlertKind.UrgentItem), None));
    }

    [Fact]
    public async Task Reopening_within_30_days_puts_it_back_on_its_list_and_the_removal_pass_leaves_it()
    {
        var rig = new TeamRig(azurite);
        var id = await rig.SubmitAsync(TestData.Ineligible);
        await rig.Actions.MarkNotGenuineAsync(id, "Looked like a test", Staff, None);
        rig.NextDay(29);

        var reopened = await rig.Actions.ReopenAsync(id, Staff, None);

        Assert.Equal(ActionOutcome.Done, reopened.Outcome);
        Assert.Equal(SubmissionStatus.ScreenedOut, reopened.Submission!.Status);
        Assert.Null(reopened.Submission.NotGenuine);
        await rig.ScreenedOutLineAsync(id);
        Assert.Empty(await NotGenuineLinesAsync(rig, id));
        rig.NextDay(5);
        await new NotGenuineRemoval(rig.Lists, rig.Store, new TableSubmissionRemoval(azurite.Tables, TestData.PersonDigests), rig.Calendar).RunAsync(None);
        Assert.Equal(SubmissionStatus.ScreenedOut, (await rig.RecordAsync(id)).Status);
        Assert.Contains((await rig.FileAsync(id)).History, h => h.Event.StartsWith("Reopened after being marked not genuine", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Thirty_days_after_the_mark_the_daily_pass_removes_each_submission_on_its_own_and_leaves_a_tombstone_without_patient_data()
    {
        var rig = new TeamRig(azurite);
        var gone = await rig.SubmitAsync(TestData.Baseline with { DateOfBirth = new DateOnly(1966, 6, 6) }, TestData.Contact with { Name = "Gone Example" });
        var failing = await rig.SubmitAsync(TestData.Baseline with { DateOfBirth = new DateOnly(1967, 7, 7) }, TestData.Contact with { Name = "Stuck Example" });
        var young = await rig.SubmitAsync(TestData.Ineligible);
        await rig.Actions.MarkNotGenuineAsync(gone, "Script", Staff, None);
        await rig.Actions.MarkNotGenuineAsync(failing, "Script", Staff, None);
        rig.NextDay(10);
        await rig.Actions.MarkNotGenuineAsync(young, "Script", Staff, None);
        // A pending mark left behind (a client's retry of its post) goes too.
        await rig.Pending.MarkAsync(gone, rig.Calendar.Now, None);
        rig.NextDay(21);

        var removal = new NotGenuineRemoval(rig.Lists, rig.Store, new FailingFor(new TableSubmissionRemoval(azurite.Tables, TestData.PersonDigests), failing), rig.Calendar);
        var report = await removal.RunAsync(None);

        Assert.Contains(failing, report.Failed);
        Assert.True(report.Removed >= 1);
        Assert.Null(await rig.Store.GetFileAsync(gone, None));
        Assert.Null(await rig.Store.GetAsync(gone, None));
        var partition = await RowsAsync(SubmissionTables.NameFor(gone), TableClient.CreateQueryFilter($"PartitionKey eq {gone}"));
        var tombstone = Assert.Single(partition);
        Assert.Equal(SubmissionEntities.TombstoneKey(gone), tombstone.RowKey);
        Assert.Equal(["Kind", "ReceivedAt", "RemovedAt", "Why"], tombstone.Keys.Where(k => k is not ("PartitionKey" or "RowKey" or "Timestamp" or "odata.etag")).Order());
        var listRows = await RowsAsync(StorageNames.TeamListsTable, TableClient.CreateQueryFilter($"PartitionKey eq {ListsPartition.Key}"));
        Assert.DoesNotContain(listRows, r => r.RowKey.Contains(gone, StringComparison.Ordinal));
        Assert.DoesNotContain(await rig.People.BornOnAsync(new DateOnly(1966, 6, 6), None), p => p.SubmissionId == gone);

        // The one that failed and the one marked 21 days ago are still there.
        Assert.Equal(SubmissionStatus.NotGenuine, (await rig.RecordAsync(failing)).Status);
        Assert.Single(await NotGenuineLinesAsync(rig, failing));
        Assert.Equal(SubmissionStatus.NotGenuine, (await rig.RecordAsync(young)).Status);

        // The next pass without the fault removes the one that failed.
        await new NotGenuineRemoval(rig.Lists, rig.Store, new TableSubmissionRemoval(azurite.Tables, TestData.PersonDigests), rig.Calendar).RunAsync(None);
        Assert.Null(await rig.Store.GetAsync(failing, None));
        Assert.Empty(await NotGenuineLinesAsync(rig, failing));
        Assert.NotNull(await rig.Store.GetAsync(young, None));
    }

    [Fact]
    public async Task A_pass_cut_off_after_deleting_the_record_had_taken_the_person_out_first_and_the_next_finishes_the_rest()
    {
        var rig = new TeamRig(azurite);
        var born = new DateOnly(1955, 5, 5);
        var id = await rig.SubmitAsync(TestData.Baseline with { DateOfBirth = born }, TestData.Contact with { Name = "Cut Example" });
        await rig.Actions.MarkNotGenuineAsync(id, "Script", Staff, None);
        rig.NextDay(31);
        var removal = new TableSubmissionRemoval(azurite.Tables, TestData.PersonDigests);
        Assert.True(await removal.TryRemoveRecordAsync(await rig.RecordAsync(id), None));
        // The people table is read by date of birth only, which went with the record: its entry went just before.
        Assert.DoesNotContain(await rig.People.BornOnAsync(born, None), p => p.SubmissionId == id);

        await new NotGenuineRemoval(rig.Lists, rig.Store, removal, rig.Calendar).RunAsync(None);

        Assert.DoesNotContain(await rig.People.BornOnAsync(born, None), p => p.SubmissionId == id);
        Assert.Empty(await NotGenuineLinesAsync(rig, id));
        Assert.Equal(SubmissionEntities.TombstoneKey(id), Assert.Single(await RowsAsync(SubmissionTables.NameFor(id), TableClient.CreateQueryFilter($"PartitionKey eq {id}"))).RowKey);
    }

    [Fact]
    public async Task A_record_changed_since_the_pass_read_it_is_not_removed()
    {
        var rig = new TeamRig(azurite);
        var id = await rig.SubmitAsync(TestData.Ineligible);
        await rig.Actions.MarkNotGenuineAsync(id, "Script", Staff, None);
        var read = await rig.RecordAsync(id);
        await rig.Actions.ReopenAsync(id, Staff, None);

        Assert.False(await new TableSubmissionRemoval(azurite.Tables, TestData.PersonDigests).TryRemoveRecordAsync(read, None));
        Assert.Equal(SubmissionStatus.ScreenedOut, (await rig.RecordAsync(id)).Status);
        // Kept, the submission keeps its person.
        var born = Assert.IsType<DateOnly>(read.PersonKeys?.DateOfBirth);
        Assert.Contains(await rig.People.BornOnAsync(born, None), p => p.SubmissionId == id);
    }
}
