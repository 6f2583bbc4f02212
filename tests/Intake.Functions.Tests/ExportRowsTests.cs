using Microsoft.Extensions.Time.Testing;
using Moq;

namespace Intake.Functions.Tests;

/// <summary>
/// What the manager's export reads (<see cref="ExportRows"/>): with a range, only the lines received in
/// it (never the whole list) and each person's contact (never the whole file); in the list's order,
/// whatever order the store gave; a submission gone while reading has no row. Strict mocks: a read the
/// export should not make fails the test.
/// </summary>
public sealed class ExportRowsTests
{
    private static readonly SiteCalendar Chicago = SiteCalendar.For(SiteCalendar.DefaultTimeZoneId, new FakeTimeProvider(new DateTimeOffset(2026, 12, 2, 18, 0, 0, TimeSpan.Zero)));

    private static WorklistItem Line(string id, Priority priority, DateTimeOffset receivedAt) => new()
    {
        Id = id,
        List = TeamList.Worklist,
        Kind = SubmissionKind.SelfScreening,
        Result = PrecheckResult.LikelyEligible,
        Priority = priority,
        ReceivedAt = receivedAt,
        TeamStatus = TeamStatus.New,
        Summary = "All criteria met",
        PersonId = id,
    };

    [Fact]
    public async Task A_ranged_export_reads_the_range_and_the_contacts_only_in_the_lists_order()
    {
        // Noon UTC on 1 December is 1 December in Chicago; 3 December 03:00 UTC is still 2 December there.
        var normal = Line("a0000000-0000-4000-8000-000000000001", Priority.Normal, new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));
        var urgent = Line("a0000000-0000-4000-8000-000000000002", Priority.Urgent, new DateTimeOffset(2026, 12, 3, 3, 0, 0, TimeSpan.Zero));
        var outside = Line("a0000000-0000-4000-8000-000000000003", Priority.Urgent, new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero));
        var erased = Line("a0000000-0000-4000-8000-000000000004", Priority.High, new DateTimeOffset(2026, 12, 2, 12, 0, 0, TimeSpan.Zero));
        var lists = new Mock<ITeamLists>(MockBehavior.Strict);
        lists.Setup(l => l.ReceivedBetweenAsync(TeamList.Worklist, new DateTimeOffset(2026, 11, 30, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 12, 4, 0, 0, 0, TimeSpan.Zero), It.IsAny<CancellationToken>()))
            .ReturnsAsync([normal, outside, erased, urgent]);
        var store = new Mock<ISubmissionStore>(MockBehavior.Strict);
        store.Setup(s => s.GetContactAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string id, CancellationToken _) => id == erased.Id ? null : new Contact("Person " + id[^1], null, null, "en"));

        var rows = await new ExportRows(lists.Object, store.Object, Chicago).ReadAsync(TeamList.Worklist, new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 2), CancellationToken.None);

        Assert.Equal([urgent.Id, normal.Id], rows.Select(r => r.Line.Id));
        Assert.Equal(["Person 2", "Person 1"], rows.Select(r => r.Contact!.Name));
        store.Verify(s => s.GetContactAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Exactly(3));
    }

    [Fact]
    public async Task An_export_without_a_range_reads_the_whole_list()
    {
        var line = Line("a0000000-0000-4000-8000-000000000005", Priority.High, new DateTimeOffset(2025, 1, 1, 12, 0, 0, TimeSpan.Zero));
        var lists = new Mock<ITeamLists>(MockBehavior.Strict);
        lists.Setup(l => l.ListAsync(TeamList.Worklist, new WorklistFilter(), It.IsAny<CancellationToken>())).ReturnsAsync([line]);
        var store = new Mock<ISubmissionStore>(MockBehavior.Strict);
        store.Setup(s => s.GetContactAsync(line.Id, It.IsAny<CancellationToken>())).ReturnsAsync(new Contact("Ann", null, null, "en"));

        var rows = await new ExportRows(lists.Object, store.Object, Chicago).ReadAsync(TeamList.Worklist, null, null, CancellationToken.None);

        Assert.Equal(line.Id, Assert.Single(rows).Line.Id);
    }
}
