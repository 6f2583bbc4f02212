using System.Security.Cryptography;
using Intake.Functions.Storage;

namespace Intake.Functions.Tests;

/// <summary>The used challenges in Table storage (Azurite): a solution is accepted once, across instances.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class TableUsedChallengesTests(AzuriteFixture azurite)
{
    private static readonly CancellationToken None = CancellationToken.None;

    private static string NewChallenge() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    [Fact]
    public async Task A_challenge_is_used_once_and_a_second_use_from_another_instance_is_refused()
    {
        var challenge = NewChallenge();
        var expires = DateTimeOffset.UtcNow.AddMinutes(5);

        Assert.True(await new TableUsedChallenges(azurite.Tables).TryUseAsync(challenge, expires, None));
        Assert.False(await new TableUsedChallenges(azurite.Tables).TryUseAsync(challenge, expires, None));
    }

    [Fact]
    public async Task Of_many_instances_using_one_challenge_at_once_exactly_one_succeeds()
    {
        var challenge = NewChallenge();
        var expires = DateTimeOffset.UtcNow.AddMinutes(5);
        using var gate = new ManualResetEventSlim();

        var uses = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            var instance = new TableUsedChallenges(azurite.Tables);
            gate.Wait();
            return await instance.TryUseAsync(challenge, expires, None);
        })).ToArray();
        gate.Set();

        Assert.Equal(1, (await Task.WhenAll(uses)).Count(used => used));
    }

    [Fact]
    public async Task Expired_records_are_found_by_whole_hours_and_removed_each_once_even_if_already_gone()
    {
        var used = new TableUsedChallenges(azurite.Tables);
        var old = NewChallenge();
        var live = NewChallenge();
        var now = DateTimeOffset.UtcNow;
        await used.TryUseAsync(old, now.AddHours(-3), None);
        await used.TryUseAsync(live, now.AddMinutes(5), None);

        var expired = await used.ExpiredBeforeAsync(now, None);

        Assert.Contains(expired, r => r.EndsWith("/" + old, StringComparison.Ordinal));
        Assert.DoesNotContain(expired, r => r.EndsWith("/" + live, StringComparison.Ordinal));
        var record = expired.Single(r => r.EndsWith("/" + old, StringComparison.Ordinal));
        await used.RemoveAsync(record, None);
        await used.RemoveAsync(record, None); // another instance's pass got there first: not an error
        Assert.DoesNotContain(await used.ExpiredBeforeAsync(now, None), r => r.EndsWith("/" + old, StringComparison.Ordinal));
        // Once removed, the expired challenge could be recorded again, but its solution is refused as expired before that.
    }

    [Fact]
    public async Task The_cleanup_pass_removes_only_what_expired()
    {
        var used = new TableUsedChallenges(azurite.Tables);
        var old = NewChallenge();
        var live = NewChallenge();
        var (expired, expires) = (DateTimeOffset.UtcNow.AddHours(-2), DateTimeOffset.UtcNow.AddMinutes(5));
        await used.TryUseAsync(old, expired, None);
        await used.TryUseAsync(live, expires, None);

        var (removed, failed) = await new UsedChallengeCleanup(used, TimeProvider.System).RunAsync(None);

        Assert.True(removed >= 1);
        Assert.Equal(0, failed);
        Assert.True(await used.TryUseAsync(old, expired, None), "the expired record is gone");
        Assert.False(await used.TryUseAsync(live, expires, None), "the live record is kept");
    }
}
