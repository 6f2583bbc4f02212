using Intake.Functions.Storage;

namespace Intake.Functions.Tests;

/// <summary>
/// The lists live in one partition every test shares, so each test makes its own ids and looks
/// only at its own lines.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class TableTeamListsTests(AzuriteFixture azurite)
{
    private readonly TableTeamLists _lists = new(azurite.Tables, TestData.PersonDigests);
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly DateTimeOffset T0 = new(2026, 11, 20, 15, 0, 0, TimeSpan.Zero);

    private static WorklistItem Item(Priority? priority, DateTimeOffset receivedAt, DateOnly? biopsy = null, TeamStatus teamStatus = TeamStatus.New, PrecheckResult? result = null) => TestData.Line(
        TestData.NewId(),
        SubmissionKind.SelfScreening,
        result ?? (priority == Priority.Normal ? PrecheckResult.NeedsReview : PrecheckResult.LikelyEligible),
        priority,
        receivedAt,
        biopsy,
        teamStatus,
        $"summary of a {priority} item",
        []);

    private async Task<IReadOnlyList<WorklistItem>> MineAsync(TeamList list, IEnumerable<WorklistItem> mine, WorklistFilter? filter = null)
    {
        var ids = mine.Select(i => i.Id).ToHashSet();
        return [.. (await _lists.ListAsync(list, filter ?? new WorklistFilter(), None)).Where(i => ids.Contains(i.Id))];
    }

    [Fact]
    public async Task Worklist_comes_back_urgent_then_high_then_normal_nearest_biopsy_then_oldest_first()
    {
        var urgentSoonest = Item(Priority.Urgent, T0.AddHours(5), new DateOnly(2026, 11, 25));
        var urgentLater = Item(Priority.Urgent, T0, new DateOnly(2026, 12, 1));
        var highWithBiopsy = Item(Priority.High, T0.AddHours(9), new DateOnly(2027, 3, 1));
        var highOldest = Item(Priority.High, T0.AddHours(-3));
        var highNewer = Item(Priority.High, T0.AddHours(1));
        var normalOldest = Item(Priority.Normal, T0.AddDays(-10));
        var normalNewer = Item(Priority.Normal, T0.AddTicks(1).AddDays(-10));
        WorklistItem[] expected = [urgentSoonest, urgentLater, highWithBiopsy, highOldest, highNewer, normalOldest, normalNewer];

        foreach (var item in new[] { normalNewer, highNewer, urgentLater, normalOldest, highWithBiopsy, urgentSoonest, highOldest })
        {
            await _lists.PutAsync(item, replacing: null, None);
        }

        var listed = await MineAsync(TeamList.Worklist, expected);
        Assert.Equal(expected.Select(i => i.Id), listed.Select(i => i.Id));
    }

    [Fact]
    public async Task A_first_listing_records_the_person_then_puts_the_line_on_its_shelf_then_clears_the_pending_mark_then_indexes_it_for_the_funnel()
    {
        var pending = new TableTeamLists(azurite.Tables, TestData.PersonDigests);
        var people = new TableTeamLists(azurite.Tables, TestData.PersonDigests);
        var item = Item(Priority.High, T0.AddYears(-30));
        var born = new DateOnly(1931, 2, 3);
        var person = new PersonEntry(item.Id, item.Id, new PersonKeys(born, "e", "p", "n"), item.ReceivedAt);
        await pending.MarkAsync(item.Id, T0.AddYears(-30), None);
        // Not the month's first listing, whose funnel write also makes the month's table (two requests more, once a month),
        // nor the shelf's first line, which makes the shelf's table (the same, once a shelf).
        await new TableFunnelIndex(azurite.Tables).PutAsync(Item(Priority.Normal, item.ReceivedAt), None);
        await _lists.PutAsync(Item(Priority.High, item.ReceivedAt.AddSeconds(1)), replacing: null, None);
        var requests = new RequestCounter();
        var counted = new TableTeamLists(new Azure.Data.Tables.TableServiceClient(azurite.ConnectionString, requests.Options()), TestData.PersonDigests);

        await counted.PutFirstAsync(item, person, None);

        // Point reads of the people table's rows its entries go to (birth date, e-mail, phone), the people
        // transaction, the line on its shelf, the clearing of the mark, and the funnel's row: no query, whatever the store holds.
        Assert.Equal(7, requests.Count);
        Assert.Contains(requests.Addresses, a => a.Contains("/" + ListShelves.TableOf(TableTeamLists.LineKey(item)), StringComparison.Ordinal));
        Assert.DoesNotContain(requests.Addresses, a => a.Contains("$filter", StringComparison.Ordinal));
        Assert.Equal([item.Id], (await MineAsync(TeamList.Worklist, [item])).Select(i => i.Id));
        Assert.DoesNotContain(item.Id, await pending.OlderThanAsync(T0, None));
        Assert.Equal(person, Assert.Single(await people.BornOnAsync(born, None), e => e.SubmissionId == item.Id));
        Assert.Single(await new TableFunnelIndex(azurite.Tables).BetweenAsync(item.ReceivedAt, item.ReceivedAt.AddTicks(1), None), l => l.Id == item.Id);
    }

    [Fact]
    public async Task A_first_listing_again_after_its_mark_is_cleared_changes_nothing()
    {
        var people = new TableTeamLists(azurite.Tables, TestData.PersonDigests);
        var item = Item(Priority.Normal, T0.AddYears(-31));
        var born = new DateOnly(1932, 3, 4);
        var person = new PersonEntry(item.Id, item.Id, new PersonKeys(born, "e", null, null), item.ReceivedAt);
        await _lists.PutFirstAsync(item, person, None);

        await _lists.PutFirstAsync(item, person, None);
        await _lists.PutFirstAsync(item, null, None);

        Assert.Single(await MineAsync(TeamList.Worklist, [item]));
        Assert.Equal(person, Assert.Single(await people.BornOnAsync(born, None), e => e.SubmissionId == item.Id));
    }

    [Fact]
    public async Task An_item_round_trips_every_field()
    {
        var item = TestData.Line(TestData.NewId(), SubmissionKind.Referral, PrecheckResult.NeedsReview, Priority.Urgent,
            T0.AddTicks(98765), new DateOnly(2026, 11, 30), TeamStatus.Contacted, "Clinical biopsy on 2026-11-30; 1 criteria to clarify: I6", []);
        var screened = TestData.Line(TestData.NewId(), SubmissionKind.SelfScreening, PrecheckResult.LikelyIneligible, null,
            T0, null, TeamStatus.New, "Not met: I1, I8", ["I1: no breast cancer", "I8: ECOG 3"]);

        await _lists.PutAsync(item, null, None);
        await _lists.PutAsync(screened, null, None);

        var listed = Assert.Single(await MineAsync(TeamList.Worklist, [item]));
        AssertSame(item, listed);
        var listedScreened = Assert.Single(await MineAsync(TeamList.ScreenedOut, [screened]));
        AssertSame(screened, listedScreened);
    }

    [Fact]
    public async Task Screened_out_list_holds_only_likely_ineligible_items_newest_first()
    {
        var older = Item(null, T0, result: PrecheckResult.LikelyIneligible);
        var newer = Item(null, T0.AddMinutes(1), result: PrecheckResult.LikelyIneligible);
        var onWorklist = Item(Priority.High, T0);

        await _lists.PutAsync(older, null, None);
        await _lists.PutAsync(onWorklist, null, None);
        await _lists.PutAsync(newer, null, None);

        Assert.Equal([newer.Id, older.Id], (await MineAsync(TeamList.ScreenedOut, [older, newer, onWorklist])).Select(i => i.Id));
        Assert.Equal([onWorklist.Id], (await MineAsync(TeamList.Worklist, [older, newer, onWorklist])).Select(i => i.Id));
    }

    [Fact]
    public async Task Priority_filter_gives_only_that_priority_in_order()
    {
        var urgent = Item(Priority.Urgent, T0, new DateOnly(2026, 11, 28));
        var highOlder = Item(Priority.High, T0);
        var highNewer = Item(Priority.High, T0.AddSeconds(1));
        var normal = Item(Priority.Normal, T0);
        WorklistItem[] mine = [urgent, highOlder, highNewer, normal];
        foreach (var item in mine)
        {
            await _lists.PutAsync(item, null, None);
        }

        Assert.Equal([highOlder.Id, highNewer.Id], (await MineAsync(TeamList.Worklist, mine, new WorklistFilter(Priority: Priority.High))).Select(i => i.Id));
        Assert.Equal([urgent.Id], (await MineAsync(TeamList.Worklist, mine, new WorklistFilter(Priority: Priority.Urgent))).Select(i => i.Id));
        Assert.Equal([normal.Id], (await MineAsync(TeamList.Worklist, mine, new WorklistFilter(Priority: Priority.Normal))).Select(i => i.Id));
    }

    [Fact]
    public async Task TeamStatus_filter_gives_only_that_status_and_combines_with_priority()
    {
        var contactedHigh = Item(Priority.High, T0, teamStatus: TeamStatus.Contacted);
        var contactedNormal = Item(Priority.Normal, T0, teamStatus: TeamStatus.Contacted);
        var fresh = Item(Priority.High, T0);
        WorklistItem[] mine = [contactedHigh, contactedNormal, fresh];
        foreach (var item in mine)
        {
            await _lists.PutAsync(item, null, None);
        }

        Assert.Equal([contactedHigh.Id, contactedNormal.Id], (await MineAsync(TeamList.Worklist, mine, new WorklistFilter(TeamStatus: TeamStatus.Contacted))).Select(i => i.Id));
        Assert.Equal([fresh.Id], (await MineAsync(TeamList.Worklist, mine, new WorklistFilter(TeamStatus: TeamStatus.New))).Select(i => i.Id));
        Assert.Equal([contactedNormal.Id], (await MineAsync(TeamList.Worklist, mine, new WorklistFilter(Priority.Normal, TeamStatus.Contacted))).Select(i => i.Id));
        Assert.Empty(await MineAsync(TeamList.Worklist, mine, new WorklistFilter(TeamStatus: TeamStatus.Enrolled)));
    }

    [Fact]
    public async Task Put_twice_leaves_one_line()
    {
        var item = Item(Priority.High, T0);

        await _lists.PutAsync(item, null, None);
        await _lists.PutAsync(item, null, None);
        await _lists.PutAsync(item, replacing: item, None);

        Assert.Single(await MineAsync(TeamList.Worklist, [item]));
        Assert.Empty(await MineAsync(TeamList.ScreenedOut, [item]));
    }

    [Fact]
    public async Task Put_replacing_moves_a_line_from_the_worklist_to_the_screened_out_list()
    {
        var onWorklist = Item(Priority.Normal, T0);
        var screenedOut = onWorklist with { List = TeamList.ScreenedOut, Result = PrecheckResult.LikelyIneligible, Priority = null, Summary = "Not met: I8", NotMetReasons = ["I8: ECOG 3"] };
        await _lists.PutAsync(onWorklist, null, None);

        await _lists.PutAsync(screenedOut, replacing: onWorklist, None);

        Assert.Empty(await MineAsync(TeamList.Worklist, [onWorklist]));
        AssertSame(screenedOut, Assert.Single(await MineAsync(TeamList.ScreenedOut, [screenedOut])));
    }

    [Fact]
    public async Task Put_replacing_moves_a_reopened_line_from_the_screened_out_list_to_the_worklist()
    {
        var screenedOut = Item(null, T0, result: PrecheckResult.LikelyIneligible);
        var reopened = screenedOut with { List = TeamList.Worklist, Reopened = true, Result = PrecheckResult.NeedsReview, Priority = Priority.Normal };
        await _lists.PutAsync(screenedOut, null, None);

        await _lists.PutAsync(reopened, replacing: screenedOut, None);

        Assert.Empty(await MineAsync(TeamList.ScreenedOut, [screenedOut]));
        AssertSame(reopened, Assert.Single(await MineAsync(TeamList.Worklist, [reopened])));
    }

    [Fact]
    public async Task Put_replacing_moves_a_line_within_the_worklist_when_its_priority_changes()
    {
        var high = Item(Priority.High, T0, new DateOnly(2027, 1, 20));
        var urgent = high with { Priority = Priority.Urgent };
        await _lists.PutAsync(high, null, None);

        await _lists.PutAsync(urgent, replacing: high, None);

        AssertSame(urgent, Assert.Single(await MineAsync(TeamList.Worklist, [high])));
    }

    [Fact]
    public async Task Put_replacing_a_line_that_is_already_gone_still_puts_the_new_line_once()
    {
        var onWorklist = Item(Priority.High, T0);
        var screenedOut = onWorklist with { List = TeamList.ScreenedOut, Result = PrecheckResult.LikelyIneligible, Priority = null };
        await _lists.PutAsync(onWorklist, null, None);
        await _lists.PutAsync(screenedOut, replacing: onWorklist, None);

        // A second delivery of the same move: the old line is gone already.
        await _lists.PutAsync(screenedOut, replacing: onWorklist, None);

        Assert.Empty(await MineAsync(TeamList.Worklist, [onWorklist]));
        Assert.Single(await MineAsync(TeamList.ScreenedOut, [screenedOut]));
    }

    [Fact]
    public async Task Put_replacing_a_line_that_never_existed_puts_the_new_line()
    {
        var never = Item(Priority.Normal, T0);
        var item = never with { Priority = Priority.High, Result = PrecheckResult.LikelyEligible };

        await _lists.PutAsync(item, replacing: never, None);

        AssertSame(item, Assert.Single(await MineAsync(TeamList.Worklist, [item])));
    }

    private static readonly string[] NoReasons = [];

    private static void AssertSame(WorklistItem expected, WorklistItem actual)
    {
        Assert.Equal(expected with { NotMetReasons = NoReasons }, actual with { NotMetReasons = NoReasons });
        Assert.Equal(expected.ReceivedAt.UtcTicks, actual.ReceivedAt.UtcTicks);
        Assert.Equal(expected.NotMetReasons, actual.NotMetReasons);
    }

    [Theory]
    [InlineData(TeamList.ScreenedOut)]
    [InlineData(TeamList.Worklist)]
    public async Task The_lines_received_in_a_range_are_those_at_or_after_its_start_and_before_its_end(TeamList list)
    {
        var start = T0.AddYears(-3).AddTicks(Random.Shared.Next());
        var end = start.AddDays(1);
        var result = list == TeamList.ScreenedOut ? PrecheckResult.LikelyIneligible : PrecheckResult.LikelyEligible;
        var priority = list == TeamList.ScreenedOut ? (Priority?)null : Priority.High;
        WorklistItem[] inside = [Item(priority, start, result: result), Item(priority, start.AddHours(12), result: result), Item(priority, end.AddTicks(-1), result: result)];
        WorklistItem[] outside = [Item(priority, start.AddTicks(-1), result: result), Item(priority, end, result: result), Item(priority, end.AddDays(3), result: result)];
        foreach (var line in inside.Concat(outside))
        {
            await _lists.PutAsync(line, null, None);
        }

        var read = await _lists.ReceivedBetweenAsync(list, start, end, None);

        var mine = inside.Concat(outside).Select(i => i.Id).ToHashSet();
        Assert.Equal(inside.Select(i => i.Id).Order(StringComparer.Ordinal), read.Where(i => mine.Contains(i.Id)).Select(i => i.Id).Order(StringComparer.Ordinal));
        Assert.All(read, i => Assert.InRange(i.ReceivedAt, start, end.AddTicks(-1)));
    }
}
