using System.Net;
using System.Text.Json;
using Intake.Functions.Triggers;
using Intake.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;

namespace Intake.Functions.Tests;

/// <summary>The public routes' limit per client (<see cref="SubmissionRateLimit"/>), with the stores mocked.</summary>
public sealed class SubmissionRateLimitTests
{
    private const int Permits = 3;

    private readonly Mock<ISubmissionStore> _store = new();
    private readonly Mock<IPendingSubmissions> _pending = new();
    private readonly Mock<IPrecheckQueue> _queue = new();

    private static SubmissionRateLimit Limit(string? clientAddressHeader = null, int trustedProxyHops = 1) =>
        new(Options.Create(new RateLimitOptions { PermitsPerMinute = Permits, ClientAddressHeader = clientAddressHeader, TrustedProxyHops = trustedProxyHops }));

    private SubmissionFunctions Functions(string? clientAddressHeader = null, int trustedProxyHops = 1)
    {
        _store.Setup(s => s.AddAsync(It.IsAny<Submission>(), It.IsAny<Contact>(), It.IsAny<Referrer?>(), It.IsAny<HistoryEntry>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(AddResult.Added);
        var calendar = TestData.Calendar();
        return new SubmissionFunctions(new SubmissionIntake(_store.Object, _pending.Object, _queue.Object, calendar, TestData.PersonDigests), calendar,
            Limit(clientAddressHeader, trustedProxyHops),
            TestGates.Gate(), TestData.Metrics(), NullLogger<SubmissionFunctions>.Instance);
    }

    private static HttpRequest Screening(string address, string? forwardedFor = null)
    {
        var request = HttpTesting.Post(TestData.Utf8(TestData.ScreeningBody()));
        request.HttpContext.Connection.RemoteIpAddress = IPAddress.Parse(address);
        if (forwardedFor is not null)
        {
            request.Headers["X-Forwarded-For"] = forwardedFor;
        }
        return request;
    }

    private static async Task<Answer> SendAsync(SubmissionFunctions functions, HttpRequest request) =>
        await HttpTesting.ExecuteAsync(await functions.SubmitScreening(request, CancellationToken.None), request);

    [Fact]
    public async Task A_client_over_the_limit_gets_429_with_Retry_After_and_nothing_is_stored()
    {
        var functions = Functions();
        for (var i = 0; i < Permits; i++)
        {
            Assert.Equal(StatusCodes.Status202Accepted, (await SendAsync(functions, Screening("203.0.113.7"))).Status);
        }

        var refused = await SendAsync(functions, Screening("203.0.113.7"));

        Assert.Equal(StatusCodes.Status429TooManyRequests, refused.Status);
        Assert.StartsWith(Problems.ContentType, refused.ContentType);
        var wait = int.Parse(refused.Headers.RetryAfter.ToString(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(wait, 1, 60 / Permits);
        using var problem = JsonDocument.Parse(refused.Body);
        Assert.Equal(429, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Contains("Nothing was stored", problem.RootElement.GetProperty("detail").GetString());
        _store.Verify(s => s.AddAsync(It.IsAny<Submission>(), It.IsAny<Contact>(), It.IsAny<Referrer?>(), It.IsAny<HistoryEntry>(), It.IsAny<CancellationToken>()),
            Times.Exactly(Permits));
    }

    [Fact]
    public async Task Another_client_is_unaffected_by_one_over_the_limit()
    {
        var functions = Functions();
        for (var i = 0; i <= Permits; i++)
        {
            await SendAsync(functions, Screening("203.0.113.7"));
        }

        Assert.Equal(StatusCodes.Status202Accepted, (await SendAsync(functions, Screening("198.51.100.20"))).Status);
        Assert.Equal(StatusCodes.Status429TooManyRequests, (await SendAsync(functions, Screening("203.0.113.7"))).Status);
    }

    [Fact]
    public async Task Bad_requests_count_against_the_limit_too()
    {
        var functions = Functions();
        for (var i = 0; i < Permits; i++)
        {
            var bad = HttpTesting.Post("{");
            bad.HttpContext.Connection.RemoteIpAddress = IPAddress.Parse("203.0.113.7");
            Assert.Equal(StatusCodes.Status400BadRequest, (await SendAsync(functions, bad)).Status);
        }

        Assert.Equal(StatusCodes.Status429TooManyRequests, (await SendAsync(functions, Screening("203.0.113.7"))).Status);
    }

    [Fact]
    public async Task Behind_a_front_end_the_client_is_the_last_forwarded_address_whatever_the_client_prepends()
    {
        // Every request arrives from the same front end (one connection address); the front end
        // appends the real client's address and port. A client that forges entries in front of it
        // still lands in its own bucket.
        var functions = Functions("X-Forwarded-For");
        for (var i = 0; i < Permits; i++)
        {
            Assert.Equal(StatusCodes.Status202Accepted,
                (await SendAsync(functions, Screening("10.0.0.1", $"192.0.2.{i}, 203.0.113.7:{50000 + i}"))).Status);
        }

        Assert.Equal(StatusCodes.Status429TooManyRequests, (await SendAsync(functions, Screening("10.0.0.1", "203.0.113.7:61000"))).Status);
        Assert.Equal(StatusCodes.Status202Accepted, (await SendAsync(functions, Screening("10.0.0.1", "203.0.113.7, 198.51.100.20:443"))).Status);
    }

    [Theory]
    [InlineData("203.0.113.7:4711", "203.0.113.7")]
    [InlineData("[2001:db8::1]:443", "2001:db8::/64")]
    [InlineData("2001:db8::1", "2001:db8::/64")]
    [InlineData("::ffff:203.0.113.7", "203.0.113.7")]
    [InlineData("[::ffff:203.0.113.7]:443", "203.0.113.7")]
    public void A_forwarded_address_is_read_without_its_port(string forwarded, string client)
    {
        using var limit = Limit("X-Forwarded-For");
        Assert.Equal(client, limit.ClientOf(Screening("10.0.0.1", forwarded)));
    }

    [Theory]
    [InlineData("unknown-proxy")]
    [InlineData("unknown")]
    [InlineData("")]
    [InlineData("7")]
    [InlineData("203.0.113.7, ")]
    [InlineData("203.0.113.7, _hidden")]
    public void A_forwarded_entry_that_is_not_an_address_counts_as_the_connection(string forwarded)
    {
        using var limit = Limit("X-Forwarded-For");
        Assert.Equal("10.0.0.1", limit.ClientOf(Screening("10.0.0.1", forwarded)));
    }

    [Fact]
    public void Without_the_header_the_client_is_the_connection_address()
    {
        using var limit = Limit("X-Forwarded-For");
        Assert.Equal("203.0.113.7", limit.ClientOf(Screening("203.0.113.7")));
    }

    [Theory]
    [InlineData("::ffff:203.0.113.7", "203.0.113.7")]
    [InlineData("2001:db8:aa:bb:1:2:3:4", "2001:db8:aa:bb::/64")]
    public void The_connection_address_is_counted_like_a_forwarded_one(string connection, string client)
    {
        using var limit = Limit();
        Assert.Equal(client, limit.ClientOf(Screening(connection)));
    }

    [Fact]
    public async Task Two_clients_behind_one_front_end_fall_into_two_buckets()
    {
        // Front Door, then App Service's front end: each appends the address it was reached from.
        var functions = Functions("X-Forwarded-For", trustedProxyHops: 2);
        for (var i = 0; i < Permits; i++)
        {
            Assert.Equal(StatusCodes.Status202Accepted, (await SendAsync(functions, Screening("10.0.0.1", "203.0.113.7, 198.51.100.99"))).Status);
        }

        Assert.Equal(StatusCodes.Status429TooManyRequests, (await SendAsync(functions, Screening("10.0.0.1", "203.0.113.7, 198.51.100.99"))).Status);
        Assert.Equal(StatusCodes.Status202Accepted, (await SendAsync(functions, Screening("10.0.0.1", "203.0.113.8, 198.51.100.99"))).Status);
    }

    [Fact]
    public async Task One_client_rotating_its_IPv6_address_within_its_64_falls_into_one_bucket()
    {
        var functions = Functions("X-Forwarded-For");
        for (var i = 0; i < Permits; i++)
        {
            Assert.Equal(StatusCodes.Status202Accepted, (await SendAsync(functions, Screening("10.0.0.1", $"[2001:db8:7:8:{i:x}::{i + 1:x}]:{40000 + i}"))).Status);
        }

        Assert.Equal(StatusCodes.Status429TooManyRequests, (await SendAsync(functions, Screening("10.0.0.1", "2001:db8:7:8:ffff:ffff:ffff:fffe"))).Status);
        // The neighbouring /64 is another client.
        Assert.Equal(StatusCodes.Status202Accepted, (await SendAsync(functions, Screening("10.0.0.1", "2001:db8:7:9::1"))).Status);
    }

    [Theory]
    [InlineData("203.0.113.7, 198.51.100.99")]
    [InlineData("192.0.2.1, 203.0.113.7, 198.51.100.99")]
    [InlineData("192.0.2.1, 192.0.2.2, 192.0.2.3, 203.0.113.7, 198.51.100.99")]
    [InlineData("unknown, 203.0.113.7, 198.51.100.99")]
    public void Entries_a_client_forges_on_the_left_cannot_change_its_bucket(string forwarded)
    {
        using var limit = Limit("X-Forwarded-For", trustedProxyHops: 2);
        Assert.Equal("203.0.113.7", limit.ClientOf(Screening("10.0.0.1", forwarded)));
    }

    [Fact]
    public void With_fewer_entries_than_trusted_hops_the_client_is_the_connection_address()
    {
        using var limit = Limit("X-Forwarded-For", trustedProxyHops: 2);
        Assert.Equal("10.0.0.1", limit.ClientOf(Screening("10.0.0.1", "203.0.113.7")));
    }

    [Fact]
    public void A_front_ends_own_client_address_header_is_read_as_it_is()
    {
        using var limit = Limit("X-Azure-ClientIP");
        var request = Screening("10.0.0.1", "192.0.2.1");
        request.Headers["X-Azure-ClientIP"] = "203.0.113.7";

        Assert.Equal("203.0.113.7", limit.ClientOf(request));
        Assert.Equal("10.0.0.1", limit.ClientOf(Screening("10.0.0.1", "203.0.113.7")));
    }

    [Fact]
    public void A_limit_below_one_is_refused_at_start()
    {
        using var provider = IntakeServices.With(("Intake:RateLimit:PermitsPerMinute", "0"));

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<RateLimitOptions>>().Value);
        Assert.Contains("PermitsPerMinute", error.Message);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("11")]
    public void A_trusted_hop_count_out_of_range_is_refused_at_start(string hops)
    {
        using var provider = IntakeServices.With(("Intake:RateLimit:TrustedProxyHops", hops));

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<RateLimitOptions>>().Value);
        Assert.Contains("TrustedProxyHops", error.Message);
    }
}
