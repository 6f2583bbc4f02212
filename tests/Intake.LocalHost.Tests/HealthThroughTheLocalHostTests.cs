using System.Net;
using Intake.Testing;

namespace Intake.LocalHost.Tests;

/// <summary>
/// <c>GET /api/health</c> through the local host, anonymously: 200 while Azurite answers, 503 with
/// Retry-After while it is stopped, 200 again once it is back, never cached, saying nothing else.
/// </summary>
[Collection(DeadlineAndHealthCollection.Name)]
public sealed class HealthThroughTheLocalHostTests(DeadlineAndHealthFixture fixture)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Health_is_200_while_storage_answers_503_with_Retry_After_while_it_is_stopped_and_200_once_it_is_back()
    {
        var client = fixture.Host.Client;

        using var healthy = await client.GetAsync("/api/health");
        Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);
        Assert.Equal("""{"status":"ok"}""", await healthy.Content.ReadAsStringAsync());
        Assert.True(healthy.Headers.CacheControl?.NoStore);

        Assert.True(await fixture.Azurite.StopAsync(TimeSpan.FromSeconds(30)), "Azurite did not write its state when asked to stop.");
        try
        {
            // An answer given just before the stop may be given again for a few seconds.
            using var unhealthy = await Poll.UntilAsync(async () =>
            {
                var response = await client.GetAsync("/api/health");
                return response.StatusCode == HttpStatusCode.ServiceUnavailable ? response : null;
            }, Deadline, "the health route to report storage stopped");
            Assert.Equal("application/problem+json", unhealthy.Content.Headers.ContentType?.MediaType);
            Assert.NotNull(unhealthy.Headers.RetryAfter?.Delta);
            ApiHeaders.AssertPresent(unhealthy);
            var text = await unhealthy.Content.ReadAsStringAsync();
            foreach (var word in new[] { "storage", "azurite", "127.0.0.1", "exception", "refused", "devstoreaccount", "version" })
            {
                Assert.DoesNotContain(word, text, StringComparison.OrdinalIgnoreCase);
            }
        }
        finally
        {
            await fixture.Azurite.RestartAsync();
        }

        await Poll.UntilAsync(async () => (await client.GetAsync("/api/health")).StatusCode == HttpStatusCode.OK, Deadline, "the health route to report storage back");
    }
}
