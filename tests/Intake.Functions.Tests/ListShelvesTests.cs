using Intake.Functions.Storage;

namespace Intake.Functions.Tests;

/// <summary>
/// The shelves of the team lists (<see cref="ListShelves"/>, docs/storage.md "The lists' shelves"): a line's
/// table follows from its row key alone, and walking the shelves in their order and each shelf in key order
/// gives exactly the list's order, so that a page can stop at the first shelf that fills it.
/// </summary>
public sealed class ListShelvesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 20, 15, 0, 0, TimeSpan.Zero);

    private static WorklistItem Line(TeamList list, Priority? priority, DateTimeOffset receivedAt, DateOnly? biopsy = null) =>
        TestData.Line(TestData.NewId(), SubmissionKind.SelfScreening,
            list == TeamList.ScreenedOut ? PrecheckResult.LikelyIneligible : PrecheckResult.LikelyEligible,
            list == TeamList.ScreenedOut ? null : priority, receivedAt, biopsy, TeamStatus.New, "shelf", []) with { List = list };

    [Fact]
    public void A_worklist_line_with_a_biopsy_is_on_the_shelf_of_its_priority_and_biopsy_month()
    {
        var line = Line(TeamList.Worklist, Priority.Urgent, T0, new DateOnly(2027, 1, 31));

        Assert.Equal("worklist0b202701", ListShelves.TableOf(TableTeamLists.LineKey(line)));
    }

    [Fact]
    public void A_worklist_line_without_a_biopsy_is_on_the_shelf_of_its_priority_and_receipt_month_in_utc()
    {
        // 2026-11-30 23:30 in Chicago is 2026-12-01 in UTC.
        var line = Line(TeamList.Worklist, Priority.Normal, new DateTimeOffset(2026, 11, 30, 23, 30, 0, TimeSpan.FromHours(-6)));

        Assert.Equal("worklist2r202612", ListShelves.TableOf(TableTeamLists.LineKey(line)));
    }

    [Fact]
    public void A_screened_out_line_is_on_the_shelf_of_its_receipt_month()
    {
        var line = Line(TeamList.ScreenedOut, null, new DateTimeOffset(2025, 2, 28, 23, 59, 59, TimeSpan.Zero).AddTicks(9_999_999));

        Assert.Equal("screenedout202502", ListShelves.TableOf(TableTeamLists.LineKey(line)));
    }

    [Theory]
    [InlineData("p-abc")]
    [InlineData("m-abc")]
    [InlineData("n-8000000000000000000-abc")]
    [InlineData("x-abc")]
    [InlineData("e-abc")]
    public void Every_other_row_stays_in_the_lists_partition(string rowKey) =>
        Assert.Equal(StorageNames.TeamListsTable, ListShelves.TableOf(rowKey));

    [Theory]
    [InlineData("w-0-2026-x")]
    [InlineData("w-0-20261201-notticks-id")]
    [InlineData("s-12-id")]
    [InlineData("s-abcdefghijklmnopqrs-id")]
    public void A_malformed_line_key_is_refused_rather_than_shelved_anywhere(string rowKey) =>
        Assert.Throws<ArgumentException>(() => ListShelves.TableOf(rowKey));

    [Fact]
    public void Every_shelf_name_is_a_valid_azure_table_name()
    {
        var random = new Random(7);
        for (var i = 0; i < 500; i++)
        {
            var at = T0.AddDays(-random.Next(0, 365 * 30));
            var line = random.Next(2) == 0
                ? Line(TeamList.ScreenedOut, null, at)
                : Line(TeamList.Worklist, (Priority)random.Next(3), at, random.Next(2) == 0 ? DateOnly.FromDateTime(at.UtcDateTime).AddDays(random.Next(-30, 400)) : null);
            var name = ListShelves.TableOf(TableTeamLists.LineKey(line));
            // Azure: 3 to 63 characters, letters and digits, a letter first.
            Assert.Matches("^[a-z][a-z0-9]{2,62}$", name);
        }
    }

    [Theory]
    [InlineData(TeamList.Worklist, 11)]
    [InlineData(TeamList.ScreenedOut, 12)]
    public void Walking_the_shelves_in_order_and_each_in_key_order_is_the_lists_order(TeamList list, int seed)
    {
        var random = new Random(seed);
        var lines = Enumerable.Range(0, 2000).Select(_ =>
        {
            var at = T0.AddMinutes(-random.Next(0, 60 * 24 * 900));
            DateOnly? biopsy = random.Next(3) == 0 ? DateOnly.FromDateTime(T0.UtcDateTime).AddDays(random.Next(-400, 400)) : null;
            return Line(list, (Priority)random.Next(3), at, biopsy);
        }).ToList();
        var inListOrder = lines.Select(TableTeamLists.LineKey).Order(StringComparer.Ordinal).ToList();

        var byShelf = lines.Select(TableTeamLists.LineKey).GroupBy(ListShelves.TableOf).ToDictionary(g => g.Key, g => g.Order(StringComparer.Ordinal).ToList());
        var walked = ListShelves.InWalkOrder(list, byShelf.Keys).SelectMany(shelf => byShelf[shelf]).ToList();

        Assert.True(byShelf.Count > 20, "the lines span many shelves");
        Assert.Equal(inListOrder, walked);
    }
}
