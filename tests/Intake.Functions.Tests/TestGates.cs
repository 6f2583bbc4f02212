using System.Text;

namespace Intake.Functions.Tests;

/// <summary>
/// The public routes' gate for tests: a known partner key (which <c>HttpTesting.Post</c>
/// sends, as every test that posts as a program does) and a proof of work with a low cost.
/// </summary>
internal static class TestGates
{
    /// <summary>The partner key the tests' gate knows.</summary>
    public const string PartnerKey = "functions-tests-partner-key-0123456789";

    /// <summary>The tests' HMAC key.</summary>
    public static readonly byte[] HmacKey = Encoding.UTF8.GetBytes("functions-tests-hmac-key-0123456789abcdef");

    /// <summary>A proof of work of cost 1,000 on <paramref name="time"/>.</summary>
    public static ProofOfWork ProofOfWork(TimeProvider? time = null) => new(HmacKey, 1_000, TimeSpan.FromMinutes(5), time ?? TimeProvider.System);

    /// <summary>A gate that knows <see cref="PartnerKey"/>, with <paramref name="used"/> or an in-memory store.</summary>
    public static SubmissionGate Gate(IUsedChallenges? used = null, TimeProvider? time = null) =>
        new(ProofOfWork(time), new PartnerKeys([PartnerKey]), used ?? new InMemoryUsedChallenges());

    /// <summary>Used challenges in memory (the Table one is tested on Azurite).</summary>
    public sealed class InMemoryUsedChallenges : IUsedChallenges
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, DateTimeOffset> _records = new(StringComparer.Ordinal);

        public Task<bool> TryUseAsync(string challenge, DateTimeOffset expires, CancellationToken cancellationToken) => Task.FromResult(_records.TryAdd(challenge, expires));

        public Task<IReadOnlyList<string>> ExpiredBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<string>>([.. _records.Where(r => r.Value < cutoff).Select(r => r.Key)]);

        public Task RemoveAsync(string record, CancellationToken cancellationToken) => Task.FromResult(_records.TryRemove(record, out _));
    }
}
