using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using Intake.Testing;
using Xunit.Abstractions;

namespace Intake.LocalHost.Tests;

/// <summary>
/// A client that sends its body slowly, over a real socket to the local host: cut off with a 408
/// problem once the body deadline passes, whatever its pace, while another client is answered as
/// usual; nothing of the slow one is stored.
/// </summary>
[Collection(DeadlineAndHealthCollection.Name)]
public sealed class SlowSenderTests(DeadlineAndHealthFixture fixture, ITestOutputHelper output)
{
    /// <summary>Room for a loaded machine on top of the deadline; the wait itself is the deadline.</summary>
    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(6);

    /// <summary>A screening padded with spaces to about 32 KiB (still under the 64 KiB limit): at any pace below, it takes far longer than the deadline.</summary>
    private static byte[] PaddedScreening(string id) =>
        Encoding.UTF8.GetBytes(Bodies.Screening(Bodies.BaselineAnswers(), id).ToJsonString() + new string(' ', 32 * 1024));

    // Kestrel's own minimum data rate (240 bytes a second after a 5 s grace) also cuts off the first
    // pace, at about 5 s, with the same 408 problem (JsonBody maps it); only the app's deadline cuts
    // off the second, which without it would hold the connection for almost a minute.
    [Theory]
    [InlineData(1, 1000, "one byte a second (below Kestrel's minimum rate)")]
    [InlineData(64, 100, "640 bytes a second (above Kestrel's minimum rate of 240, so only the app's deadline cuts it off)")]
    public async Task A_trickling_body_gets_408_at_the_deadline_while_another_client_is_answered_and_nothing_is_stored(int bytesPerStep, int stepMilliseconds, string pace)
    {
        // A first post, so that the one made during the trickle measures a warm host.
        Assert.Equal(HttpStatusCode.Accepted, (await fixture.Host.Client.PostAsync("/api/screenings", AbuseFixture.Json(Bodies.Screening(Bodies.BaselineAnswers())))).StatusCode);
        var id = Guid.NewGuid().ToString("D");
        var body = PaddedScreening(id);
        var clock = Stopwatch.StartNew();

        var trickle = RawHttp.TrickleAsync(fixture.Host.Address, "/api/screenings", [new("Content-Type", "application/json"), new(LocalHostProcess.PartnerKeyHeader, fixture.Host.PartnerKey)], body,
            bytesPerStep, TimeSpan.FromMilliseconds(stepMilliseconds), TimeSpan.FromSeconds(DeadlineAndHealthFixture.BodyReadSeconds) + Margin);
        var other = await fixture.Host.Client.PostAsync("/api/screenings", AbuseFixture.Json(Bodies.Screening(Bodies.BaselineAnswers())));
        var otherAnsweredFirst = !trickle.IsCompleted;
        var otherAt = clock.Elapsed;
        var (response, sent) = await trickle;
        var cutOffAt = clock.Elapsed;

        output.WriteLine($"{pace}: the other client answered {(int)other.StatusCode} after {otherAt.TotalSeconds:0.00} s; "
            + $"the slow one {response.Status} after {cutOffAt.TotalSeconds:0.00} s (deadline {DeadlineAndHealthFixture.BodyReadSeconds} s), having sent {sent} of {body.Length} bytes");
        Assert.Equal(HttpStatusCode.Accepted, other.StatusCode);
        Assert.True(otherAnsweredFirst, "the other client was answered only after the slow one was cut off");
        Assert.Equal(408, response.Status);
        Assert.Equal("application/problem+json", response.MediaType);
        ApiHeaders.AssertPresent(response);
        using var problem = JsonDocument.Parse(response.Body);
        Assert.Equal(408, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Contains("Nothing was stored", problem.RootElement.GetProperty("detail").GetString());
        Assert.True(sent < body.Length);
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Host.Staff.GetAsync($"/api/submissions/{id}")).StatusCode);
    }
}
