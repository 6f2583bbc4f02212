using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using Intake.Testing;

namespace Intake.LocalHost.Tests;

/// <summary>
/// Azurite and the local host with a low rate limit, reached from several loopback addresses, and
/// set up as behind Front Door and App Service's front end: the client is the X-Forwarded-For entry
/// two from the right (a request without the header counts by its connection's address).
/// </summary>
public sealed class RateLimitFixture : IAsyncLifetime
{
    public const int PermitsPerMinute = 4;

    public const int TrustedProxyHops = 2;

    public Azurite Azurite { get; private set; } = null!;

    public LocalHostProcess Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Azurite = await Azurite.StartAsync();
        Host = await LocalHostProcess.StartAsync(Azurite.ConnectionString, new Dictionary<string, string?>
        {
            ["Intake__RateLimit__PermitsPerMinute"] = $"{PermitsPerMinute}",
            ["Intake__RateLimit__ClientAddressHeader"] = "X-Forwarded-For",
            ["Intake__RateLimit__TrustedProxyHops"] = $"{TrustedProxyHops}",
        });
    }

    /// <summary>A client whose connections come from <paramref name="address"/> (any of 127.0.0.0/8 on Linux).</summary>
    public HttpClient ClientFrom(string address) => new(new SocketsHttpHandler
    {
        ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                socket.Bind(new IPEndPoint(IPAddress.Parse(address), 0));
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    })
    { BaseAddress = Host.Address, DefaultRequestHeaders = { { LocalHostProcess.PartnerKeyHeader, Host.PartnerKey } } };

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Azurite.DisposeAsync();
        // Last, once everything is stopped: a leak anywhere in this fixture's tests fails the run.
        Host.AssertNoPatientDataInOutput();
        Host.AssertAnswersMatchTheApiDocument();
    }
}

/// <summary>One client sending too many submissions is told to wait; other clients are not.</summary>
public sealed class RateLimitThroughTheLocalHostTests(RateLimitFixture fixture) : IClassFixture<RateLimitFixture>
{
    [Fact]
    public async Task A_client_over_the_limit_gets_429_with_Retry_After_while_another_client_is_unaffected()
    {
        using var flooding = fixture.ClientFrom("127.0.0.2");
        using var other = fixture.ClientFrom("127.0.0.3");
        var accepted = new List<string>();
        for (var i = 0; i < RateLimitFixture.PermitsPerMinute; i++)
        {
            var response = await flooding.PostAsJsonAsync("/api/screenings", Bodies.Screening(Bodies.BaselineAnswers()));
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            accepted.Add((await response.Content.ReadFromJsonAsync<Accepted>())!.Id);
        }

        var refusedId = Guid.NewGuid().ToString("D");
        var refused = await flooding.PostAsJsonAsync("/api/referrals", Bodies.Referral(Bodies.BaselineAnswers()).With("id", refusedId));
        // The FHIR route counts against the same limit, and says so as an OperationOutcome.
        var refusedFhirId = Guid.NewGuid().ToString("D");
        using var refusedFhir = await flooding.PostAsync("/api/fhir/referrals", new StringContent(
            Intake.Core.Fhir.FhirJson.Serialize(FhirReferrals.For(SpecExamples.Baseline, refusedFhirId)), System.Text.Encoding.UTF8, "application/fhir+json"));
        var otherAnswer = await other.PostAsJsonAsync("/api/screenings", Bodies.Screening(Bodies.BaselineAnswers()));

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        ApiHeaders.AssertPresent(refused);
        Assert.InRange(refused.Headers.RetryAfter?.Delta ?? TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60 / RateLimitFixture.PermitsPerMinute));
        Assert.Equal(HttpStatusCode.TooManyRequests, refusedFhir.StatusCode);
        Assert.Equal("application/fhir+json", refusedFhir.Content.Headers.ContentType?.MediaType);
        Assert.Contains("\"throttled\"", await refusedFhir.Content.ReadAsStringAsync());
        Assert.NotNull(refusedFhir.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Host.Staff.GetAsync($"/api/submissions/{refusedFhirId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, otherAnswer.StatusCode);
        // What the flooding client had sent before the limit is kept; the refused one was not stored.
        foreach (var id in accepted)
        {
            Assert.Equal(HttpStatusCode.OK, (await fixture.Host.Staff.GetAsync($"/api/submissions/{id}")).StatusCode);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Host.Staff.GetAsync($"/api/submissions/{refusedId}")).StatusCode);
    }

    /// <summary>Posts a screening through <paramref name="frontEnd"/> as if the front ends had added <paramref name="forwardedFor"/>.</summary>
    private static async Task<HttpStatusCode> PostForwardedAsync(HttpClient frontEnd, string forwardedFor)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/screenings") { Content = JsonContent.Create(Bodies.Screening(Bodies.BaselineAnswers())) };
        request.Headers.TryAddWithoutValidation("X-Forwarded-For", forwardedFor);
        using var response = await frontEnd.SendAsync(request);
        return response.StatusCode;
    }

    [Fact]
    public async Task Two_clients_behind_one_front_end_fall_into_two_buckets()
    {
        // Every request comes from the front end's one address; Front Door added the client's, the
        // App Service front end Front Door's.
        using var frontEnd = fixture.ClientFrom("127.0.0.4");
        for (var i = 0; i < RateLimitFixture.PermitsPerMinute; i++)
        {
            Assert.Equal(HttpStatusCode.Accepted, await PostForwardedAsync(frontEnd, $"203.0.113.10:{50000 + i}, 198.51.100.1"));
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, await PostForwardedAsync(frontEnd, "203.0.113.10:51000, 198.51.100.1"));
        Assert.Equal(HttpStatusCode.Accepted, await PostForwardedAsync(frontEnd, "203.0.113.11:50000, 198.51.100.1"));
    }

    [Fact]
    public async Task One_client_rotating_within_its_IPv6_64_and_forging_entries_on_the_left_falls_into_one_bucket()
    {
        using var frontEnd = fixture.ClientFrom("127.0.0.5");
        for (var i = 0; i < RateLimitFixture.PermitsPerMinute; i++)
        {
            // A new address of its /64 each time, and a new forged entry in front of it.
            Assert.Equal(HttpStatusCode.Accepted, await PostForwardedAsync(frontEnd, $"192.0.2.{i + 1}, [2001:db8:5:6:{i + 1:x}::{i + 7:x}]:443, 198.51.100.1"));
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, await PostForwardedAsync(frontEnd, "10.9.8.7, 203.0.113.99, 2001:db8:5:6:ffff::1, 198.51.100.1"));
        Assert.Equal(HttpStatusCode.Accepted, await PostForwardedAsync(frontEnd, "2001:db8:5:7::1, 198.51.100.1"));
    }

    private sealed record Accepted(string Id);
}
