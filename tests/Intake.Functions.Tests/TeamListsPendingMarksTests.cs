using Intake.Functions.Storage;

namespace Intake.Functions.Tests;

[Collection(AzuriteCollection.Name)]
public sealed class TeamListsPendingMarksTests(AzuriteFixture azurite)
{
    private readonly IPendingSubmissions _pending = new TableTeamLists(azurite.Tables, TestData.PersonDigests);
    private static readonly CancellationToken None = CancellationToken.None;

    private async Task<string[]> MineOlderThanAsync(DateTimeOffset cutoff, params string[] mine) =>
        [.. (await _pending.OlderThanAsync(cutoff, None)).Where(mine.Contains)];

    [Fact]
    public async Task OlderThan_gives_the_ids_marked_before_the_cutoff_only()
    {
        var now = DateTimeOffset.UtcNow;
        string old = TestData.NewId(), recent = TestData.NewId();

        await _pending.MarkAsync(old, now.AddMinutes(-10), None);
        await _pending.MarkAsync(recent, now, None);

        Assert.Equal([old], await MineOlderThanAsync(now.AddMinutes(-5), old, recent));
        Assert.Equal(new[] { old, recent }.Order(), (await MineOlderThanAsync(now.AddMinutes(1), old, recent)).Order());
        Assert.Empty(await MineOlderThanAsync(now.AddMinutes(-20), old, recent));
    }

    [Fact]
    public async Task OlderThan_compares_instants_whatever_their_offset()
    {
        var id = TestData.NewId();
        var since = new DateTimeOffset(2026, 11, 26, 23, 30, 0, TimeSpan.FromHours(-6)); // 05:30 UTC on the 27th

        await _pending.MarkAsync(id, since, None);

        Assert.Empty(await MineOlderThanAsync(new DateTimeOffset(2026, 11, 27, 5, 0, 0, TimeSpan.Zero), id));
        Assert.Equal([id], await MineOlderThanAsync(new DateTimeOffset(2026, 11, 27, 6, 0, 0, TimeSpan.Zero), id));
    }

    [Fact]
    public async Task Mark_again_moves_the_mark_to_the_new_time()
    {
        var now = DateTimeOffset.UtcNow;
        var id = TestData.NewId();

        await _pending.MarkAsync(id, now.AddHours(-1), None);
        await _pending.MarkAsync(id, now, None);

        Assert.Empty(await MineOlderThanAsync(now.AddMinutes(-1), id));
        Assert.Equal([id], await MineOlderThanAsync(now.AddMinutes(1), id));
    }

    [Fact]
    public async Task Clear_removes_the_mark()
    {
        var id = TestData.NewId();
        await _pending.MarkAsync(id, DateTimeOffset.UtcNow.AddHours(-1), None);

        await _pending.ClearAsync(id, None);

        Assert.Empty(await MineOlderThanAsync(DateTimeOffset.MaxValue.AddDays(-1), id));
    }

    [Fact]
    public async Task Clear_of_a_missing_id_does_not_throw()
    {
        var id = TestData.NewId();

        await _pending.ClearAsync(id, None);
        await _pending.MarkAsync(id, DateTimeOffset.UtcNow.AddHours(-1), None);
        await _pending.ClearAsync(id, None);
        await _pending.ClearAsync(id, None);

        Assert.Empty(await MineOlderThanAsync(DateTimeOffset.UtcNow.AddDays(1), id));
    }
}
