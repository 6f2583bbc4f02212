using Azure.Data.Tables;
using Intake.Functions.Storage;

namespace Intake.Functions.Tests;

/// <summary>
/// The lists' shelves against Azurite (docs/storage.md, "The lists' shelves"): a page reads the shelf its
/// cursor is on and no later one it does not need; a move between shelves cut off half way shows the item at
/// both places, never at none, and the reconciler finishes it; the lines kept before the shelves are listed
/// until the <c>ShelveLines</c> pass has moved them, as their records say now. An Azurite of its own, because
/// which shelves exist and which lines are kept where is the whole store's state.
/// </summary>
public sealed class ListShelvesStorageTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly DateTimeOffset T0 = new(2026, 11, 20, 15, 0, 0, TimeSpan.Zero);

    private static WorklistItem Urgent(DateOnly biopsy, int minutes) =>
        TestData.Line(TestData.NewId(), SubmissionKind.SelfScreening, PrecheckResult.LikelyEligible, Priority.Urgent,
            T0.AddMinutes(minutes), biopsy, TeamStatus.New, "shelf", []);

    private static bool IsQueryOf(string address, string table) =>
        address.Contains($"/{table}()", StringComparison.Ordinal) && address.Contains("$filter", StringComparison.Ordinal);

    private async Task<List<string>> RowKeysAsync(string table, string prefix)
    {
        var keys = new List<string>();
        await foreach (var row in azurite.Tables.GetTableClient(table).QueryAsync<TableEntity>(ListsPartition.RowsStartingWith(prefix), select: ["RowKey"]))
        {
            keys.Add(row.RowKey);
        }
        return keys;
    }

    [Fact]
    public async Task A_page_reads_the_shelves_it_needs_in_order_and_never_one_after_them()
    {
        // Four shelves at the head of the worklist: urgent with a biopsy in January to April 2000.
        var january = Enumerable.Range(0, 30).Select(i => Urgent(new DateOnly(2000, 1, 10), i)).ToList();
        var february = Enumerable.Range(0, 30).Select(i => Urgent(new DateOnly(2000, 2, 10), i)).ToList();
        var march = Enumerable.Range(0, 30).Select(i => Urgent(new DateOnly(2000, 3, 10), i)).ToList();
        var april = Enumerable.Range(0, 30).Select(i => Urgent(new DateOnly(2000, 4, 10), i)).ToList();
        var lists = new TableTeamLists(azurite.Tables, TestData.PersonDigests);
        foreach (var line in january.Concat(february).Concat(march).Concat(april))
        {
            await lists.PutAsync(line, replacing: null, None);
        }
        var requests = new RequestCounter();
        var counted = new TableTeamLists(new TableServiceClient(azurite.ConnectionString, requests.Options()), TestData.PersonDigests);

        var first = (await counted.PageAsync(TeamList.Worklist, new WorklistFilter(), 20, null, None))!;
        Assert.Equal(january.Take(20).Select(l => l.Id), first.Items.Select(i => i.Id));
        Assert.Contains(requests.Addresses, a => IsQueryOf(a, "worklist0b200001"));
        Assert.DoesNotContain(requests.Addresses, a => IsQueryOf(a, "worklist0b200002") || IsQueryOf(a, "worklist0b200003") || IsQueryOf(a, "worklist0b200004"));

        requests = new RequestCounter();
        counted = new TableTeamLists(new TableServiceClient(azurite.ConnectionString, requests.Options()), TestData.PersonDigests);
        var second = (await counted.PageAsync(TeamList.Worklist, new WorklistFilter(), 30, first.Next, None))!;
        // The rest of January, then the next window of two shelves (February and March, read at once), which
        // fills the page: never April's.
        Assert.Equal(january.Skip(20).Concat(february.Take(20)).Select(l => l.Id), second.Items.Select(i => i.Id));
        Assert.Contains(requests.Addresses, a => IsQueryOf(a, "worklist0b200001"));
        Assert.Contains(requests.Addresses, a => IsQueryOf(a, "worklist0b200002"));
        Assert.DoesNotContain(requests.Addresses, a => IsQueryOf(a, "worklist0b200004"));

        var rest = new List<string>();
        for (var cursor = second.Next; cursor is not null;)
        {
            var page = (await lists.PageAsync(TeamList.Worklist, new WorklistFilter(), 7, cursor, None))!;
            rest.AddRange(page.Items.Select(i => i.Id));
            cursor = page.Next;
        }
        // The rest of the walk, in order (other tests of this class put lines after them).
        var mine = january.Concat(february).Concat(march).Concat(april).Select(l => l.Id).ToHashSet();
        Assert.Equal(february.Skip(20).Concat(march).Concat(april).Select(l => l.Id), rest.Where(mine.Contains));
    }

    [Fact]
    public async Task A_move_to_another_shelf_cut_off_before_the_old_line_goes_shows_both_until_it_is_finished_and_never_neither()
    {
        var clock = new ManualClock(T0);
        var line = Urgent(new DateOnly(2001, 1, 10), 0);
        var moved = line with { Priority = Priority.High, ScheduledBiopsyDate = new DateOnly(2001, 5, 10) };
        var lists = new TableTeamLists(azurite.Tables, TestData.PersonDigests, clock);
        await lists.PutAsync(line, replacing: null, None);
        var cut = new CutOffPolicy(r => r.Method == Azure.Core.RequestMethod.Delete && r.Uri.ToString().Contains("/worklist0b200101(", StringComparison.Ordinal));
        var cutOff = new TableTeamLists(new TableServiceClient(azurite.ConnectionString, cut.Options()), TestData.PersonDigests, clock);

        await Assert.ThrowsAnyAsync<Exception>(() => cutOff.PutAsync(moved, line, None));

        Assert.True(cut.HasCut);
        var listed = (await lists.ListAsync(TeamList.Worklist, new WorklistFilter(), None)).Where(i => i.Id == line.Id).ToList();
        Assert.Equal([Priority.Urgent, Priority.High], listed.Select(i => i.Priority));
        Assert.Empty(await lists.BegunBeforeAsync(T0, None));
        Assert.Equal([line.Id], await lists.BegunBeforeAsync(T0.AddMinutes(3), None));

        await lists.FinishAsync(line.Id, moved, None);
        await lists.FinishAsync(line.Id, moved, None);

        var after = Assert.Single(await lists.ListAsync(TeamList.Worklist, new WorklistFilter(), None), i => i.Id == line.Id);
        Assert.Equal(Priority.High, after.Priority);
        Assert.Empty(await lists.BegunBeforeAsync(DateTimeOffset.MaxValue, None));
    }

    [Fact]
    public async Task Finishing_a_move_keeps_the_line_it_left_when_the_record_says_the_item_is_there_again()
    {
        var clock = new ManualClock(T0);
        var line = Urgent(new DateOnly(2002, 1, 10), 0);
        var moved = line with { ScheduledBiopsyDate = new DateOnly(2002, 6, 10) };
        var lists = new TableTeamLists(azurite.Tables, TestData.PersonDigests, clock);
        await lists.PutAsync(line, replacing: null, None);
        var cut = new CutOffPolicy(r => r.Method == Azure.Core.RequestMethod.Delete && r.Uri.ToString().Contains("/worklist0b200201(", StringComparison.Ordinal));
        await Assert.ThrowsAnyAsync<Exception>(() =>
            new TableTeamLists(new TableServiceClient(azurite.ConnectionString, cut.Options()), TestData.PersonDigests, clock).PutAsync(moved, line, None));

        // The record went back to January (a correction) and its line is there: that line stays, the June one goes
        // with the settling anew that comes before the finish (here by hand).
        await lists.PutAsync(line, moved, None);
        await lists.FinishAsync(line.Id, line, None);

        var after = Assert.Single(await lists.ListAsync(TeamList.Worklist, new WorklistFilter(), None), i => i.Id == line.Id);
        Assert.Equal(new DateOnly(2002, 1, 10), after.ScheduledBiopsyDate);
        Assert.Empty(await lists.BegunBeforeAsync(DateTimeOffset.MaxValue, None));
    }

    [Fact]
    public async Task The_reconciler_finishes_a_reopen_cut_off_after_the_new_line_and_the_item_ends_on_the_worklist_alone()
    {
        var rig = new TeamRig(azurite);
        var id = await rig.SubmitAsync(TestData.Ineligible);
        var cut = new CutOffPolicy(r => r.Method == Azure.Core.RequestMethod.Delete && r.Uri.ToString().Contains("/screenedout", StringComparison.Ordinal));
        var cutOff = new TableTeamLists(new TableServiceClient(azurite.ConnectionString, cut.Options()), TestData.PersonDigests, rig.Clock);
        var actions = new TeamActions(new SubmissionChanges(rig.Store, cutOff, rig.Alerts.Object, rig.Calendar), rig.Linking, TestData.Engine, rig.Calendar);

        await Assert.ThrowsAnyAsync<Exception>(() => actions.ReopenAsync(id, TeamRig.Coordinator, None));

        Assert.Contains(await rig.Lists.ListAsync(TeamList.Worklist, new WorklistFilter(), None), i => i.Id == id);
        Assert.Contains(await rig.Lists.ListAsync(TeamList.ScreenedOut, new WorklistFilter(), None), i => i.Id == id);
        var reconciler = new Reconciliation(rig.Pending, rig.Pending, rig.Store, rig.Queue.Object, rig.Changes, rig.Calendar, new MemoryPassOutcomes());
        rig.Clock.Advance(reconciler.Grace + TimeSpan.FromSeconds(1));

        var report = await reconciler.RunAsync(None);

        Assert.Equal(1, report.MovesFinished);
        Assert.Empty(report.Failures);
        Assert.Single(await rig.Lists.ListAsync(TeamList.Worklist, new WorklistFilter(), None), i => i.Id == id);
        Assert.DoesNotContain(await rig.Lists.ListAsync(TeamList.ScreenedOut, new WorklistFilter(), None), i => i.Id == id);
        Assert.Equal(0, (await reconciler.RunAsync(None)).MovesFinished);
    }

    [Fact]
    public async Task Lines_kept_before_the_shelves_are_listed_until_the_pass_moves_them_as_their_records_say_now()
    {
        var rig = new TeamRig(azurite);
        var onWorklist = await rig.SubmitAsync(TestData.Baseline);
        var screenedOut = await rig.SubmitAsync(TestData.Ineligible);
        var stale = await rig.SubmitAsync(TestData.Baseline);
        var teamLists = azurite.Tables.GetTableClient(StorageNames.TeamListsTable);
        // The store as the version before the shelves left it: every line in the lists' partition, one of them
        // older than its record (a different priority).
        foreach (var (id, list) in new[] { (onWorklist, TeamList.Worklist), (screenedOut, TeamList.ScreenedOut), (stale, TeamList.Worklist) })
        {
            var line = Assert.Single(await rig.Lists.ListAsync(list, new WorklistFilter(), None), i => i.Id == id);
            await azurite.Tables.GetTableClient(ListShelves.TableOf(TableTeamLists.LineKey(line))).DeleteEntityAsync(ListsPartition.Key, TableTeamLists.LineKey(line));
            var kept = id == stale ? line with { Priority = Priority.Normal, Summary = "as it was" } : line;
            await teamLists.UpsertEntityAsync(TableTeamLists.ToEntity(kept), TableUpdateMode.Replace);
        }
        var lists = new TableTeamLists(azurite.Tables, TestData.PersonDigests);

        var before = await WalkAsync(lists, TeamList.Worklist);
        Assert.Single(before, i => i.Id == onWorklist);
        Assert.Equal("as it was", Assert.Single(before, i => i.Id == stale).Summary);
        Assert.Single(await WalkAsync(lists, TeamList.ScreenedOut), i => i.Id == screenedOut);

        var outcomes = new MemoryPassOutcomes();
        var pass = new LineShelving(lists, rig.Store, new SubmissionChanges(rig.Store, lists, rig.Alerts.Object, rig.Calendar), outcomes, rig.Calendar);
        var tally = await pass.RunAsync(None);

        Assert.Equal(3, tally.Items);
        Assert.Empty(tally.Failures);
        Assert.Empty(await RowKeysAsync(StorageNames.TeamListsTable, "w-"));
        Assert.Empty(await RowKeysAsync(StorageNames.TeamListsTable, "s-"));
        var after = await WalkAsync(new TableTeamLists(azurite.Tables, TestData.PersonDigests), TeamList.Worklist);
        Assert.Single(after, i => i.Id == onWorklist);
        Assert.NotEqual("as it was", Assert.Single(after, i => i.Id == stale).Summary);
        Assert.Single(await WalkAsync(lists, TeamList.ScreenedOut), i => i.Id == screenedOut);
        Assert.Equal(0, (await pass.RunAsync(None)).Items);
        Assert.Contains(await outcomes.ReadAsync(None), o => o.Pass == PassOutcome.ShelveLines && o.Items == 0);
    }

    // Every line of a list, following next (pages of 2, so the walk crosses shelves and the kept lines).
    private static async Task<List<WorklistItem>> WalkAsync(TableTeamLists lists, TeamList list)
    {
        var items = new List<WorklistItem>();
        string? cursor = null;
        do
        {
            var page = (await lists.PageAsync(list, new WorklistFilter(), 2, cursor, None))!;
            items.AddRange(page.Items);
            cursor = page.Next;
        }
        while (cursor is not null);
        return items;
    }
}
