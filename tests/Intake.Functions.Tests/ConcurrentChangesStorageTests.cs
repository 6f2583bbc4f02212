
namespace Intake.Functions.Tests;

/// <summary>
/// <see cref="SubmissionChanges"/> under concurrent changes of one submission on the real stores
/// (Azurite): every change is kept, none overwritten, and the list line ends as the record.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class ConcurrentChangesStorageTests(AzuriteFixture azurite)
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Twenty_parallel_status_changes_on_one_submission_lose_none_and_versions_stay_contiguous()
    {
        var rig = new TeamRig(azurite);
        var id = await rig.SubmitAsync(TestData.Baseline);
        var before = (await rig.FileAsync(id)).History.Count;
        TeamStatus[] statuses = [TeamStatus.Contacted, TeamStatus.Scheduled, TeamStatus.Unreachable, TeamStatus.New];

        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var changes = Enumerable.Range(1, 20).Select(n => Task.Run(async () =>
        {
            await start.Task;
            return await rig.Actions.SetTeamStatusAsync(id, statuses[n % statuses.Length], $"note {n:D2}", $"staff-{n:D2}@example.org", None);
        })).ToArray();
        start.SetResult();
        var results = await Task.WhenAll(changes);

        Assert.All(results, r => Assert.Equal(ActionOutcome.Done, r.Outcome));
        var file = await rig.FileAsync(id);
        Assert.Equal(before + 20, file.History.Count);
        Assert.Equal(before + 20, file.Submission.Version);
        // Each change's own entry is there exactly once: nobody's change was overwritten.
        var notes = file.History.Skip(before).Select(h => h.Event[(h.Event.LastIndexOf(": ", StringComparison.Ordinal) + 2)..]).Order(StringComparer.Ordinal);
        Assert.Equal(Enumerable.Range(1, 20).Select(n => $"note {n:D2}"), notes);
        Assert.Equal(Enumerable.Range(1, 20).Select(n => $"staff-{n:D2}@example.org"), file.History.Skip(before).Select(h => h.By).Order(StringComparer.Ordinal));
        // Versions 1..N: every result names a distinct version, and each change read the one before it.
        Assert.Equal(Enumerable.Range(before + 1, 20), results.Select(r => r.Submission!.Version).Order());
        for (var i = before; i < file.History.Count; i++)
        {
            var previous = file.History[i - 1].Event;
            var status = i == before ? TeamStatus.New : Enum.Parse<TeamStatus>(previous["Team status ".Length..].Split(' ')[2].TrimEnd(':'));
            Assert.StartsWith($"Team status {status} → ", file.History[i].Event, StringComparison.Ordinal);
        }
        var last = Enum.Parse<TeamStatus>(file.History[^1].Event["Team status ".Length..].Split(' ')[2].TrimEnd(':'));
        Assert.Equal(last, file.Submission.TeamStatus);
    }

    [Fact]
    public async Task An_older_change_settling_after_a_newer_one_does_not_leave_the_list_line_behind_the_record()
    {
        var rig = new TeamRig(azurite);
        var id = await rig.SubmitAsync(TestData.Baseline with { ScheduledClinicalBiopsy = new(Site.Liver, TeamRig.Day0.AddDays(15)) });
        var slowLists = new HoldFirstPut(rig.Lists);
        var slow = new TeamActions(new SubmissionChanges(rig.Store, slowLists, rig.Alerts.Object, rig.Calendar), rig.Linking, TestData.Engine, rig.Calendar);

        // The older change is written, then held just before it puts its list line...
        var older = slow.SetTeamStatusAsync(id, TeamStatus.Contacted, null, TeamRig.Coordinator, None);
        await slowLists.Held;
        // ...while a newer change (here the next day's re-evaluation, which moves the line to Urgent) is written and settled.
        rig.NextDay();
        Assert.Equal(new ReevaluationReport(1, 1), await rig.Reevaluation.RunAsync(None));
        await rig.Actions.SetTeamStatusAsync(id, TeamStatus.Scheduled, "Consent visit booked", TeamRig.Coordinator, None);
        slowLists.Release();
        await older;

        var record = await rig.RecordAsync(id);
        Assert.Equal((TeamStatus.Scheduled, Priority.Urgent), (record.TeamStatus, record.Precheck!.Priority!.Value));
        var line = await rig.WorklistLineAsync(id);
        Assert.Equal((TeamStatus.Scheduled, Priority.Urgent), (line.TeamStatus, line.Priority!.Value));
    }

    /// <summary>The real lists, holding the first put until released (no timing: the test says when).</summary>
    private sealed class HoldFirstPut(ITeamLists lists) : DelegatingTeamLists(lists)
    {
        private readonly TaskCompletionSource _held = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _puts;

        public Task Held => _held.Task;

        public void Release() => _released.SetResult();

        public override async Task PutAsync(WorklistItem item, WorklistItem? replacing, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref _puts) == 1)
            {
                _held.SetResult();
                await _released.Task;
            }
            await base.PutAsync(item, replacing, cancellationToken);
        }
    }

    [Fact]
    public async Task Settling_a_stale_snapshot_again_leaves_the_line_of_the_newest_record_not_a_stale_team_status()
    {
        var rig = new TeamRig(azurite);
        var id = await rig.SubmitAsync(TestData.Baseline);
        // The reconciler or the re-evaluation read the record, then a coordinator's change was written and settled.
        var snapshot = await rig.RecordAsync(id);
        await rig.Actions.SetTeamStatusAsync(id, TeamStatus.Contacted, null, TeamRig.Coordinator, None);

        await rig.Changes.SettleAsync(snapshot, before: null, None);

        Assert.Equal(TeamStatus.Contacted, (await rig.WorklistLineAsync(id)).TeamStatus);
    }

    [Fact]
    public async Task Settling_a_stale_snapshot_again_after_a_move_to_the_other_list_leaves_one_line_on_the_list_of_the_newest_record()
    {
        var rig = new TeamRig(azurite);
        var id = await rig.SubmitAsync(TestData.Baseline);
        var snapshot = await rig.RecordAsync(id);
        // A correction moved it to the screened-out list meanwhile.
        Assert.Equal(ActionOutcome.Done, (await rig.Actions.CorrectAnswersAsync(id, TestData.Ineligible, TeamRig.Coordinator, None)).Outcome);

        await rig.Changes.SettleAsync(snapshot, before: null, None);

        var line = await rig.ScreenedOutLineAsync(id);
        Assert.Equal(PrecheckResult.LikelyIneligible, line.Result);
    }
}
