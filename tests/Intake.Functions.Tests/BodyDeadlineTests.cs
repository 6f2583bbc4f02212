using Intake.Functions.Triggers;
using Intake.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace Intake.Functions.Tests;

/// <summary>
/// A body must arrive within <see cref="HttpOptions.BodyReadSeconds"/>: a client that trickles it
/// is answered <c>408</c> when the deadline passes, the handler is free again, and nothing is
/// stored. The clock is a fake one and the body arrives byte by byte as the test lets it.
/// </summary>
public sealed class BodyDeadlineTests
{
    private const int Deadline = 10;

    private readonly Mock<ISubmissionStore> _store = new(MockBehavior.Strict);
    private readonly Mock<IPendingSubmissions> _pending = new(MockBehavior.Strict);
    private readonly Mock<IPrecheckQueue> _queue = new(MockBehavior.Strict);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 20, 15, 0, 0, TimeSpan.Zero));
    private readonly SubmissionFunctions _functions;

    public BodyDeadlineTests()
    {
        _pending.Setup(p => p.MarkAsync(It.IsAny<string>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);
        _queue.Setup(q => q.EnqueueAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);
        _store.Setup(s => s.AddAsync(It.IsAny<Submission>(), It.IsAny<Contact>(), It.IsAny<Referrer?>(), It.IsAny<HistoryEntry>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(AddResult.Added);
        var calendar = TestData.Calendar();
        _functions = new SubmissionFunctions(new SubmissionIntake(_store.Object, _pending.Object, _queue.Object, calendar, TestData.PersonDigests), calendar,
            new SubmissionRateLimit(Options.Create(new RateLimitOptions { PermitsPerMinute = 10_000_000 })), TestGates.Gate(), TestData.Metrics(), NullLogger<SubmissionFunctions>.Instance);
    }

    /// <summary>A screening whose body is <paramref name="body"/>, read with the deadline and the fake clock.</summary>
    private HttpRequest Screening(Stream body, long length) => HttpTesting.Post(body, length, _time, Deadline);

    private void AssertNothingStored()
    {
        _store.Verify(s => s.AddAsync(It.IsAny<Submission>(), It.IsAny<Contact>(), It.IsAny<Referrer?>(), It.IsAny<HistoryEntry>(), It.IsAny<CancellationToken>()), Times.Never);
        _pending.Verify(p => p.MarkAsync(It.IsAny<string>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()), Times.Never);
        _queue.Verify(q => q.EnqueueAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    private static void Assert408(Answer answer)
    {
        Assert.Equal(StatusCodes.Status408RequestTimeout, answer.Status);
        Assert.StartsWith(Problems.ContentType, answer.ContentType);
        var json = answer.Json();
        Assert.Equal(408, json.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(json.GetProperty("title").GetString()));
        Assert.Contains("Nothing was stored", json.GetProperty("detail").GetString());
        Assert.Contains($"{Deadline} seconds", json.GetProperty("detail").GetString());
        // The server closes the connection rather than wait for the rest (RFC 9110, 15.5.9).
        Assert.Equal("close", answer.Headers.Connection.ToString());
    }

    [Fact]
    public async Task A_client_sending_one_byte_a_second_gets_408_when_the_deadline_passes_and_nothing_is_stored()
    {
        var content = TestData.Utf8(TestData.ScreeningBody());
        using var body = new TricklingBody(content);
        var request = Screening(body, content.Length);

        var handling = _functions.SubmitScreening(request, CancellationToken.None);
        for (var second = 0; second < Deadline; second++)
        {
            await body.Waiting;
            Assert.False(handling.IsCompleted, $"answered after {second} s, before the deadline");
            body.Send(1);
            await body.Waiting;
            _time.Advance(TimeSpan.FromSeconds(1));
        }

        // The deadline cancels the waiting read: the handler is done, not holding a worker.
        var answer = await HttpTesting.ExecuteAsync(await handling.WaitAsync(TimeSpan.FromSeconds(30)), request);
        Assert408(answer);
        Assert.Equal(Deadline, body.Delivered);
        Assert.True(body.Delivered < content.Length);
        AssertNothingStored();
    }

    [Fact]
    public async Task A_body_that_arrives_slowly_but_whole_within_the_deadline_is_taken()
    {
        var content = TestData.Utf8(TestData.ScreeningBody());
        using var body = new TricklingBody(content);
        var request = Screening(body, content.Length);

        var handling = _functions.SubmitScreening(request, CancellationToken.None);
        var half = content.Length / 2;
        await body.Waiting;
        body.Send(half);
        await body.Waiting;
        _time.Advance(TimeSpan.FromSeconds(Deadline - 1));
        body.Send(content.Length - half);

        var answer = await HttpTesting.ExecuteAsync(await handling.WaitAsync(TimeSpan.FromSeconds(30)), request);
        Assert.Equal(StatusCodes.Status202Accepted, answer.Status);
    }

    [Fact]
    public async Task A_body_that_never_arrives_gets_408_at_the_deadline()
    {
        using var body = new TricklingBody(new byte[100]);
        var request = Screening(body, 100);

        var handling = _functions.SubmitScreening(request, CancellationToken.None);
        await body.Waiting;
        _time.Advance(TimeSpan.FromSeconds(Deadline) - TimeSpan.FromMilliseconds(1));
        Assert.False(handling.IsCompleted, "answered before the deadline");
        _time.Advance(TimeSpan.FromMilliseconds(1));

        Assert408(await HttpTesting.ExecuteAsync(await handling.WaitAsync(TimeSpan.FromSeconds(30)), request));
        Assert.Equal(0, body.Delivered);
        AssertNothingStored();
    }

    [Fact]
    public async Task The_servers_own_request_body_timeout_gets_the_same_408()
    {
        // Kestrel throws this from the read when the client falls below its minimum data rate.
        var request = Screening(new ThrowingBody(new BadHttpRequestException("Reading the request body timed out due to data arriving too slowly.", 408)), 100);

        var answer = await HttpTesting.ExecuteAsync(await _functions.SubmitScreening(request, CancellationToken.None), request);

        Assert408(answer);
        AssertNothingStored();
    }

    [Fact]
    public async Task A_client_that_goes_away_is_not_answered_408()
    {
        using var body = new TricklingBody(new byte[100]);
        var request = Screening(body, 100);
        using var aborted = new CancellationTokenSource();

        var handling = _functions.SubmitScreening(request, aborted.Token);
        await body.Waiting;
        await aborted.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => handling);
        AssertNothingStored();
    }

    [Theory]
    [InlineData("0")]
    [InlineData("301")]
    public void A_deadline_out_of_range_is_refused_at_start(string seconds)
    {
        using var provider = IntakeServices.With(("Intake:Http:BodyReadSeconds", seconds));

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<HttpOptions>>().Value);
        Assert.Contains("BodyReadSeconds", error.Message);
    }

    [Fact]
    public void The_deadline_is_ten_seconds_unless_set()
    {
        using var provider = IntakeServices.With();

        Assert.Equal(TimeSpan.FromSeconds(10), provider.GetRequiredService<IOptions<HttpOptions>>().Value.BodyReadDeadline);
    }

    /// <summary>A body whose every read fails as the server fails it.</summary>
    private sealed class ThrowingBody(Exception error) : MemoryStream
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => ValueTask.FromException<int>(error);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => Task.FromException<int>(error);
    }
}
