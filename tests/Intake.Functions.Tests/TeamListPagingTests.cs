using Intake.Functions.Storage;

namespace Intake.Functions.Tests;

/// <summary>
/// Paging of the team lists against Azurite (api-2.md, "Lists that stay fast at any size"): following
/// <c>next</c> returns every line that was on the list for the whole walk exactly once, a line that
/// arrives or moves during the walk at most once at any one place, and a cursor the service did not
/// make for the same list and filter is refused. The lists are shared with other tests, so a walk
/// judges only its own lines (and, for "never twice at the same place", every line).
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class TeamListPagingTests(AzuriteFixture azurite)
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly DateTimeOffset T0 = new(2026, 11, 20, 15, 0, 0, TimeSpan.Zero);
    private static readonly Priority[] Priorities = [Priority.Urgent, Priority.High, Priority.Normal];
    private readonly TableTeamLists _lists = new(azurite.Tables, TestData.PersonDigests);

    private static WorklistItem RandomLine(Random random, TeamList list)
    {
        var priority = Priorities[random.Next(Priorities.Length)];
        var item = TestData.Line(TestData.NewId(), SubmissionKind.SelfScreening,
            list == TeamList.ScreenedOut ? PrecheckResult.LikelyIneligible : PrecheckResult.LikelyEligible,
            list == TeamList.ScreenedOut ? null : priority,
            T0.AddMinutes(-random.Next(0, 60 * 24 * 400)),
            random.Next(3) == 0 ? DateOnly.FromDateTime(T0.UtcDateTime).AddDays(random.Next(-5, 60)) : null,
            TeamStatus.New, "paging", list == TeamList.ScreenedOut ? ["I8: not met"] : []);
        return item;
    }

    // A change while the walk goes on: the line moves to another place of its list (a new priority or
    // biopsy date) or to the other list (a correction, a reopen).
    private static WorklistItem Moved(Random random, WorklistItem line)
    {
        if (random.Next(4) == 0)
        {
            return line.List == TeamList.Worklist
                ? line with { List = TeamList.ScreenedOut, Priority = null, Result = PrecheckResult.LikelyIneligible }
                : line with { List = TeamList.Worklist, Priority = Priority.Normal, Result = PrecheckResult.LikelyEligible, Reopened = true };
        }
        return line.List == TeamList.Worklist
            ? line with { Priority = Priorities[random.Next(Priorities.Length)], ScheduledBiopsyDate = DateOnly.FromDateTime(T0.UtcDateTime).AddDays(random.Next(0, 90)) }
            : line; // A screened-out line's place is its receipt time, which never changes.
    }

    [Theory]
    [InlineData(TeamList.Worklist, 1)]
    [InlineData(TeamList.Worklist, 2)]
    [InlineData(TeamList.Worklist, 3)]
    [InlineData(TeamList.ScreenedOut, 4)]
    [InlineData(TeamList.ScreenedOut, 5)]
    public async Task Following_next_returns_every_line_that_stayed_exactly_once_and_none_twice_at_one_place_under_arrivals_and_moves(TeamList list, int seed)
    {
        var random = new Random(seed);
        var current = new Dictionary<string, WorklistItem>();
        for (var i = 0; i < 40; i++)
        {
            var line = RandomLine(random, list);
            await _lists.PutAsync(line, null, None);
            current[line.Id] = line;
        }
        var touched = new HashSet<string>();
        var seen = new List<WorklistItem>();
        var limit = random.Next(1, 9);
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await _lists.PageAsync(list, new WorklistFilter(), limit, cursor, None);
            Assert.NotNull(page);
            Assert.InRange(page.Items.Count, 0, limit);
            Assert.True(page.Next is null || page.Items.Count == limit, "a page before the last is full");
            seen.AddRange(page.Items);
            cursor = page.Next;
            pages++;

            // Between pages: some lines arrive, some of this walk's lines move.
            for (var c = random.Next(0, 4); c > 0; c--)
            {
                if (random.Next(2) == 0)
                {
                    var arriving = RandomLine(random, list);
                    await _lists.PutAsync(arriving, null, None);
                    current[arriving.Id] = arriving;
                    touched.Add(arriving.Id);
                }
                else
                {
                    var before = current.Values.ElementAt(random.Next(current.Count));
                    var after = Moved(random, before);
                    await _lists.PutAsync(after, before, None);
                    current[after.Id] = after;
                    touched.Add(after.Id);
                }
            }
        }
        while (cursor is not null);

        var places = seen.Select(i => (i.Id, WorklistOrder.KeyOf(i))).ToArray();
        Assert.Equal(places.Length, places.Distinct().Count());
        var stayed = current.Values.Where(i => !touched.Contains(i.Id) && i.List == list).Select(i => i.Id).ToHashSet();
        Assert.Equal(stayed.Count, seen.Count(i => stayed.Contains(i.Id)));
        Assert.All(stayed, id => Assert.Single(seen, i => i.Id == id));
        Assert.True(pages > 1);
        // In the list's order, page after page, each place after the one before (so no place twice).
        var keys = seen.Select(WorklistOrder.KeyOf).ToArray();
        Assert.All(keys.Zip(keys.Skip(1)), pair => Assert.True(string.CompareOrdinal(pair.First, pair.Second) < 0, $"{pair.First} before {pair.Second}"));
    }

    [Fact]
    public async Task A_page_is_filtered_in_order_and_its_cursor_continues_the_same_filter()
    {
        var random = new Random(7);
        var mine = new List<WorklistItem>();
        for (var i = 0; i < 12; i++)
        {
            var line = RandomLine(random, TeamList.Worklist) with { TeamStatus = TeamStatus.Declined, Priority = Priority.Urgent };
            await _lists.PutAsync(line, null, None);
            mine.Add(line);
        }
        var filter = new WorklistFilter(Priority.Urgent, TeamStatus.Declined);
        var seen = new List<WorklistItem>();
        string? cursor = null;
        do
        {
            var page = (await _lists.PageAsync(TeamList.Worklist, filter, 5, cursor, None))!;
            Assert.All(page.Items, i => Assert.Equal((Priority.Urgent, TeamStatus.Declined), (i.Priority!.Value, i.TeamStatus)));
            seen.AddRange(page.Items);
            cursor = page.Next;
        }
        while (cursor is not null);

        var mineSeen = seen.Where(i => mine.Any(m => m.Id == i.Id)).Select(i => i.Id).ToArray();
        Assert.Equal(mine.OrderBy(WorklistOrder.KeyOf, StringComparer.Ordinal).Select(i => i.Id), mineSeen);
    }

    [Fact]
    public async Task A_page_carries_the_contact_details_of_its_people()
    {
        var rig = new TeamRig(azurite);
        var id = await rig.SubmitAsync(TestData.Baseline);
        var line = await rig.WorklistLineAsync(id);
        var contact = (await rig.Store.GetFileAsync(id, None))!.Contact;

        var found = false;
        string? cursor = null;
        do
        {
            var page = (await _lists.PageAsync(TeamList.Worklist, new WorklistFilter(line.Priority, line.TeamStatus), WorklistPage.MaxLimit, cursor, None))!;
            if (page.Items.Any(i => i.Id == id))
            {
                Assert.Equal(contact, page.Contacts[id]);
                found = true;
            }
            cursor = page.Next;
        }
        while (cursor is not null && !found);
        Assert.True(found);
    }

    [Fact]
    public async Task A_cursor_made_up_edited_or_of_another_list_or_filter_is_refused()
    {
        for (var i = 0; i < 3; i++)
        {
            await _lists.PutAsync(RandomLine(new Random(i), TeamList.Worklist), null, None);
            await _lists.PutAsync(RandomLine(new Random(i), TeamList.ScreenedOut), null, None);
        }
        var next = (await _lists.PageAsync(TeamList.Worklist, new WorklistFilter(), 1, null, None))!.Next!;
        var edited = next[..5] + (next[5] == 'A' ? 'B' : 'A') + next[6..];

        Assert.NotNull(await _lists.PageAsync(TeamList.Worklist, new WorklistFilter(), 1, next, None));
        Assert.Null(await _lists.PageAsync(TeamList.Worklist, new WorklistFilter(), 1, edited, None));
        Assert.Null(await _lists.PageAsync(TeamList.ScreenedOut, new WorklistFilter(), 1, next, None));
        Assert.Null(await _lists.PageAsync(TeamList.Worklist, new WorklistFilter(Priority.High), 1, next, None));
        Assert.Null(await _lists.PageAsync(TeamList.Worklist, new WorklistFilter(), 1, "w-1-99991231-0638000000000000000-x", None));
        Assert.Null(await _lists.PageAsync(TeamList.Worklist, new WorklistFilter(), 1, "", None));
        Assert.Null(await _lists.PageAsync(TeamList.Worklist, new WorklistFilter(), 1, "not base64!", None));
        Assert.Null(await _lists.PageAsync(TeamList.Worklist, new WorklistFilter(), 1, new string('A', 600), None));
        // A cursor sealed under another person key (another deployment's) opens to nothing here.
        var other = new TableTeamLists(azurite.Tables, new PersonDigests(new byte[32]));
        Assert.Null(await other.PageAsync(TeamList.Worklist, new WorklistFilter(), 1, next, None));
        // No row key in clear: a worklist key holds the biopsy date.
        Assert.DoesNotContain("w-", System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(next.Replace('-', '+').Replace('_', '/') + new string('=', (4 - next.Length % 4) % 4))), StringComparison.Ordinal);
    }
}
