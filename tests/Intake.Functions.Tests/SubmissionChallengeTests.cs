using System.Text.Json;
using Azure;
using Intake.Functions.Triggers;
using Intake.Functions.Http;
using Intake.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;

namespace Intake.Functions.Tests;

/// <summary>
/// The public routes' proof-of-work challenge and partner keys (api-2.md), through
/// <see cref="SubmissionFunctions"/> and <see cref="ChallengeFunction"/> with the stores mocked.
/// </summary>
public sealed class SubmissionChallengeTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    private readonly Mock<ISubmissionStore> _store = new();
    private readonly Mock<IPendingSubmissions> _pending = new();
    private readonly Mock<IPrecheckQueue> _queue = new();
    private readonly Mock<IUsedChallenges> _used = new();
    private readonly TestGates.InMemoryUsedChallenges _memory = new();
    private readonly CapturingLogger _log = new();
    private readonly SubmissionFunctions _functions;
    private readonly ChallengeFunction _challenges;

    public SubmissionChallengeTests()
    {
        _store.Setup(s => s.AddAsync(It.IsAny<Submission>(), It.IsAny<Contact>(), It.IsAny<Referrer?>(), It.IsAny<HistoryEntry>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(AddResult.Added);
        _used.Setup(u => u.TryUseAsync(It.IsAny<string>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()))
            .Returns((string c, DateTimeOffset e, CancellationToken ct) => _memory.TryUseAsync(c, e, ct));
        var calendar = TestData.Calendar();
        _functions = new SubmissionFunctions(new SubmissionIntake(_store.Object, _pending.Object, _queue.Object, calendar, TestData.PersonDigests), calendar,
            new SubmissionRateLimit(Options.Create(new RateLimitOptions { PermitsPerMinute = 10_000_000 })), TestGates.Gate(_used.Object), TestData.Metrics(), _log);
        _challenges = new ChallengeFunction(TestGates.ProofOfWork());
    }

    private static HttpRequest Screening(string? partnerKey = null, string? altcha = null)
    {
        var request = HttpTesting.Post(TestData.Utf8(TestData.ScreeningBody()), asPartner: false);
        if (partnerKey is not null)
        {
            request.Headers[SubmissionFunctions.PartnerKeyHeader] = partnerKey;
        }
        if (altcha is not null)
        {
            request.Headers[SubmissionFunctions.ChallengeHeader] = altcha;
        }
        return request;
    }

    private async Task<Answer> SendAsync(HttpRequest request) => await HttpTesting.ExecuteAsync(await _functions.SubmitScreening(request, None), request);

    private async Task<Answer> ReferAsync(HttpRequest request) => await HttpTesting.ExecuteAsync(await _functions.SubmitReferral(request, None), request);

    private async Task<JsonElement> ChallengeAsync()
    {
        var request = HttpTesting.Get();
        var answer = await HttpTesting.ExecuteAsync(_challenges.Challenge(request), request);
        Assert.Equal(StatusCodes.Status200OK, answer.Status);
        Assert.Equal("no-store", answer.Headers.CacheControl.ToString());
        return answer.Json();
    }

    private void AssertNothingStored() =>
        _store.Verify(s => s.AddAsync(It.IsAny<Submission>(), It.IsAny<Contact>(), It.IsAny<Referrer?>(), It.IsAny<HistoryEntry>(), It.IsAny<CancellationToken>()), Times.Never);

    private static void AssertRefusedNamingAltcha(Answer answer, string message)
    {
        Assert.Equal(StatusCodes.Status400BadRequest, answer.Status);
        Assert.StartsWith(Problems.ContentType, answer.ContentType);
        Assert.Equal(["altcha"], answer.ErrorPaths());
        Assert.Equal([message], answer.ErrorsAt("altcha"));
    }

    [Fact]
    public async Task The_challenge_route_gives_a_fresh_uncached_ALTCHA_challenge_each_time()
    {
        var first = await ChallengeAsync();
        var second = await ChallengeAsync();

        Assert.Equal(["algorithm", "challenge", "maxnumber", "salt", "signature"], first.EnumerateObject().Select(p => p.Name));
        Assert.Equal("SHA-256", first.GetProperty("algorithm").GetString());
        Assert.Equal(1_000, first.GetProperty("maxnumber").GetInt32());
        Assert.Contains("?expires=", first.GetProperty("salt").GetString(), StringComparison.Ordinal);
        Assert.NotEqual(first.GetProperty("challenge").GetString(), second.GetProperty("challenge").GetString());
    }

    [Fact]
    public async Task A_solved_challenge_is_accepted_on_both_routes()
    {
        var screening = await SendAsync(Screening(altcha: ChallengeSolver.Payload(await ChallengeAsync())));
        var referralRequest = HttpTesting.Post(TestData.Utf8(TestData.ReferralBody()), asPartner: false);
        referralRequest.Headers[SubmissionFunctions.ChallengeHeader] = ChallengeSolver.Payload(await ChallengeAsync());
        var referral = await ReferAsync(referralRequest);

        Assert.Equal(StatusCodes.Status202Accepted, screening.Status);
        Assert.Equal(StatusCodes.Status202Accepted, referral.Status);
    }

    [Fact]
    public async Task A_missing_solution_is_400_naming_altcha_and_nothing_is_stored()
    {
        AssertRefusedNamingAltcha(await SendAsync(Screening()), ProofOfWork.MissingMessage);
        AssertRefusedNamingAltcha(await ReferAsync(HttpTesting.Post(TestData.Utf8(TestData.ReferralBody()), asPartner: false)), ProofOfWork.MissingMessage);
        AssertNothingStored();
    }

    [Fact]
    public async Task A_wrong_number_is_400_naming_altcha()
    {
        var challenge = await ChallengeAsync();
        var right = ChallengeSolver.Solve(challenge.GetProperty("salt").GetString()!, challenge.GetProperty("challenge").GetString()!, 1_000);

        AssertRefusedNamingAltcha(await SendAsync(Screening(altcha: ChallengeSolver.Payload(challenge, right + 1))), ProofOfWork.WrongMessage);
        AssertNothingStored();
    }

    [Fact]
    public async Task A_malformed_payload_is_400_naming_altcha()
    {
        AssertRefusedNamingAltcha(await SendAsync(Screening(altcha: "%%% not base64")), ProofOfWork.MalformedMessage);
        AssertRefusedNamingAltcha(await SendAsync(Screening(altcha: Convert.ToBase64String("{\"number\":"u8.ToArray()))), ProofOfWork.MalformedMessage);
        AssertNothingStored();
    }

    [Fact]
    public async Task A_reused_solution_is_400_naming_altcha_and_the_second_body_is_not_stored()
    {
        var payload = ChallengeSolver.Payload(await ChallengeAsync());

        var first = await SendAsync(Screening(altcha: payload));
        var again = await SendAsync(Screening(altcha: payload));

        Assert.Equal(StatusCodes.Status202Accepted, first.Status);
        AssertRefusedNamingAltcha(again, ProofOfWork.ReusedMessage);
        _store.Verify(s => s.AddAsync(It.IsAny<Submission>(), It.IsAny<Contact>(), It.IsAny<Referrer?>(), It.IsAny<HistoryEntry>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task A_valid_partner_key_skips_the_challenge()
    {
        var answer = await SendAsync(Screening(partnerKey: TestGates.PartnerKey));

        Assert.Equal(StatusCodes.Status202Accepted, answer.Status);
        _used.Verify(u => u.TryUseAsync(It.IsAny<string>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task A_wrong_partner_key_is_a_401_problem_that_never_echoes_or_logs_the_key()
    {
        const string wrong = "a-wrong-partner-key-sent-by-mistake-42";

        var answer = await SendAsync(Screening(partnerKey: wrong, altcha: ChallengeSolver.Payload(await ChallengeAsync())));

        Assert.Equal(StatusCodes.Status401Unauthorized, answer.Status);
        Assert.StartsWith(Problems.ContentType, answer.ContentType);
        Assert.DoesNotContain(wrong, answer.Body, StringComparison.Ordinal);
        Assert.NotEmpty(_log.Lines);
        Assert.DoesNotContain(_log.Lines, l => l.Contains(wrong, StringComparison.Ordinal));
        AssertNothingStored();
    }

    [Fact]
    public async Task The_rate_limit_comes_before_the_challenge()
    {
        var calendar = TestData.Calendar();
        var limited = new SubmissionFunctions(new SubmissionIntake(_store.Object, _pending.Object, _queue.Object, calendar, TestData.PersonDigests), calendar,
            new SubmissionRateLimit(Options.Create(new RateLimitOptions { PermitsPerMinute = 1 })), TestGates.Gate(_used.Object), TestData.Metrics(), _log);
        await limited.SubmitScreening(Screening(), None);

        var request = Screening(altcha: ChallengeSolver.Payload(await ChallengeAsync()));
        var answer = await HttpTesting.ExecuteAsync(await limited.SubmitScreening(request, None), request);

        Assert.Equal(StatusCodes.Status429TooManyRequests, answer.Status);
        _used.Verify(u => u.TryUseAsync(It.IsAny<string>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task Storage_that_cannot_record_the_used_challenge_is_a_503_and_nothing_is_stored()
    {
        _used.Setup(u => u.TryUseAsync(It.IsAny<string>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new RequestFailedException(503, "storage down"));

        var answer = await SendAsync(Screening(altcha: ChallengeSolver.Payload(await ChallengeAsync())));

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, answer.Status);
        Assert.Equal(SubmissionFunctions.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture), answer.Headers.RetryAfter.ToString());
        AssertNothingStored();
    }

    private sealed class CapturingLogger : ILogger<SubmissionFunctions>
    {
        public System.Collections.Concurrent.ConcurrentQueue<string> Lines { get; } = new();

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Enqueue(formatter(state, exception) + " " + string.Join(" ", (state as IEnumerable<KeyValuePair<string, object?>> ?? []).Select(p => $"{p.Key}={p.Value}")));
    }
}
