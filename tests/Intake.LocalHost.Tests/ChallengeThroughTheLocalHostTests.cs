using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Intake.Testing;

namespace Intake.LocalHost.Tests;

/// <summary>The public routes' challenge and partner key over real HTTP, as a browser or a script meets them.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class ChallengeThroughTheLocalHostTests(EndToEndFixture fixture)
{
    private LocalHostProcess Host => fixture.Host;

    private static HttpRequestMessage Screening(string? altcha = null, string? partnerKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/screenings")
        {
            Content = new StringContent(Bodies.Screening(Bodies.BaselineAnswers()).ToJsonString(), Encoding.UTF8, "application/json"),
        };
        if (altcha is not null)
        {
            request.Headers.Add("X-Altcha", altcha);
        }
        if (partnerKey is not null)
        {
            request.Headers.Add(LocalHostProcess.PartnerKeyHeader, partnerKey);
        }
        return request;
    }

    private static async Task<JsonObject> ProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    [Fact]
    public async Task The_challenge_route_is_public_uncached_and_in_the_ALTCHA_shape()
    {
        using var response = await Host.Anonymous.GetAsync("/api/challenge");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore);
        var challenge = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["algorithm", "challenge", "maxnumber", "salt", "signature"], challenge.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task A_post_without_a_solution_is_400_naming_altcha_and_a_solved_one_is_accepted_once()
    {
        using var missing = await Host.Anonymous.SendAsync(Screening());
        var payload = await ChallengeSolver.FetchAndSolveAsync(Host.Anonymous);
        using var solved = await Host.Anonymous.SendAsync(Screening(payload));
        using var reused = await Host.Anonymous.SendAsync(Screening(payload));

        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.NotNull((await ProblemAsync(missing))["errors"]!["altcha"]);
        Assert.Equal(HttpStatusCode.Accepted, solved.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, reused.StatusCode);
        Assert.Contains("already used", (string)(await ProblemAsync(reused))["errors"]!["altcha"]![0]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_partner_key_is_401_and_the_right_one_is_accepted_without_a_challenge()
    {
        using var wrong = await Host.Anonymous.SendAsync(Screening(partnerKey: "not-the-partner-key-of-this-host-0000000"));
        using var right = await Host.Anonymous.SendAsync(Screening(partnerKey: Host.PartnerKey));

        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(401, (int)(await ProblemAsync(wrong))["status"]!);
        Assert.Equal(HttpStatusCode.Accepted, right.StatusCode);
    }
}
