using Microsoft.Extensions.Time.Testing;

namespace Intake.Core.Tests;

/// <summary>The pass that removes records of expired challenges, each on its own.</summary>
public sealed class UsedChallengeCleanupTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 2, 7, 0, 0, TimeSpan.Zero));
    private readonly SubmissionGateTests.InMemoryUsedChallenges _used = new();

    [Fact]
    public async Task Expired_records_are_removed_and_live_ones_kept()
    {
        var now = _time.GetUtcNow();
        _used.Records["old"] = now.AddHours(-2);
        _used.Records["just-expired"] = now - UsedChallengeCleanup.Margin - TimeSpan.FromSeconds(1);
        _used.Records["within-margin"] = now.AddMinutes(-1);
        _used.Records["live"] = now.AddMinutes(4);

        var (removed, failed) = await new UsedChallengeCleanup(_used, _time).RunAsync(None);

        Assert.Equal((2, 0), (removed, failed));
        Assert.Equal(["live", "within-margin"], _used.Records.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_record_that_cannot_be_removed_is_counted_and_does_not_stop_the_others()
    {
        var old = _time.GetUtcNow().AddHours(-2);
        foreach (var record in new[] { "a", "b", "c" })
        {
            _used.Records[record] = old;
        }
        _used.Failing.Add("a");

        var (removed, failed) = await new UsedChallengeCleanup(_used, _time).RunAsync(None);

        Assert.Equal((2, 1), (removed, failed));
        Assert.Equal(["a"], _used.Records.Keys);
    }
}
