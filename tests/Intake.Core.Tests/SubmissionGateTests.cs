using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Intake.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Intake.Core.Tests;

/// <summary>Who may post to a public route: <see cref="SubmissionGate"/> with an in-memory store of used challenges.</summary>
public sealed class SubmissionGateTests
{
    private const string Partner = "partner-key-of-a-referring-practice-0001";
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 2, 7, 0, 0, TimeSpan.Zero));
    private readonly InMemoryUsedChallenges _used = new();
    private readonly ProofOfWork _proof;
    private readonly SubmissionGate _gate;

    public SubmissionGateTests()
    {
        _proof = new ProofOfWork(Encoding.UTF8.GetBytes("a-test-hmac-key-of-at-least-32-characters"), 1_000, TimeSpan.FromMinutes(5), _time);
        _gate = new SubmissionGate(_proof, new PartnerKeys(["", Partner, "another-partner-key-of-enough-length-02"]), _used);
    }

    private string Solved()
    {
        var c = _proof.Create();
        return ChallengeSolver.Payload(JsonSerializer.SerializeToElement(new { algorithm = c.Algorithm, challenge = c.Challenge, maxnumber = c.MaxNumber, salt = c.Salt, signature = c.Signature }));
    }

    [Fact]
    public async Task A_valid_partner_key_is_admitted_without_a_challenge_and_records_nothing()
    {
        var result = await _gate.CheckAsync(Partner, null, None);

        Assert.Equal(GateDecision.Partner, result.Decision);
        Assert.True(result.Admitted);
        Assert.Empty(_used.Records);
    }

    [Theory]
    [InlineData("partner-key-of-a-referring-practice-0002")]
    [InlineData("short")]
    [InlineData("PARTNER-KEY-OF-A-REFERRING-PRACTICE-0001")]
    public async Task A_wrong_partner_key_is_refused_even_with_a_valid_solution(string key)
    {
        var result = await _gate.CheckAsync(key, Solved(), None);

        Assert.Equal(GateDecision.WrongPartnerKey, result.Decision);
        Assert.False(result.Admitted);
        Assert.Empty(_used.Records);
    }

    [Fact]
    public async Task A_solved_challenge_is_admitted_once_and_refused_as_reused_after()
    {
        var payload = Solved();

        var first = await _gate.CheckAsync(null, payload, None);
        var again = await _gate.CheckAsync("", payload, None);

        Assert.Equal(GateDecision.Solved, first.Decision);
        Assert.Equal(GateDecision.ChallengeRefused, again.Decision);
        Assert.Equal(ProofOfWork.ReusedMessage, again.Problem);
    }

    [Fact]
    public async Task No_partner_key_and_no_solution_is_refused_naming_what_to_send()
    {
        var result = await _gate.CheckAsync(null, null, None);

        Assert.Equal(GateDecision.ChallengeRefused, result.Decision);
        Assert.Equal(ProofOfWork.MissingMessage, result.Problem);
        Assert.Equal("altcha", SubmissionGate.Field);
    }

    [Fact]
    public async Task A_refused_solution_is_not_recorded_so_it_uses_up_nothing()
    {
        var result = await _gate.CheckAsync(null, "bm90IGpzb24=", None);

        Assert.Equal(GateDecision.ChallengeRefused, result.Decision);
        Assert.Empty(_used.Records);
    }

    /// <summary>The used challenges in memory: an insert that fails on a second use, as the table's does.</summary>
    internal sealed class InMemoryUsedChallenges : IUsedChallenges
    {
        public ConcurrentDictionary<string, DateTimeOffset> Records { get; } = new(StringComparer.Ordinal);

        public HashSet<string> Failing { get; } = new(StringComparer.Ordinal);

        public Task<bool> TryUseAsync(string challenge, DateTimeOffset expires, CancellationToken cancellationToken) =>
            Task.FromResult(Records.TryAdd(challenge, expires));

        public Task<IReadOnlyList<string>> ExpiredBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<string>>([.. Records.Where(r => r.Value < cutoff).Select(r => r.Key).Order(StringComparer.Ordinal)]);

        public Task RemoveAsync(string record, CancellationToken cancellationToken)
        {
            if (Failing.Contains(record))
            {
                throw new IOException("storage hiccup");
            }
            Records.TryRemove(record, out _);
            return Task.CompletedTask;
        }
    }
}
