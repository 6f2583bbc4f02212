using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Intake.Core.Fhir;
using Intake.Functions.Http;
using Intake.Testing;
using Xunit.Abstractions;

namespace Intake.LocalHost.Tests;

/// <summary>
/// No answer under /api or /fhir may be kept by a browser or a proxy, nor sniffed as another type:
/// every route of functions.metadata, on every kind of answer it gives (the success, the 202, the
/// 400/401/404/405/409/413/415 problems, the local host's own refusals), carries
/// <c>Cache-Control: no-store</c> and <c>X-Content-Type-Options: nosniff</c>; the pages keep their
/// own caching. (The 408, 429 and 503 are checked where those answers are made: SlowSenderTests,
/// RateLimitThroughTheLocalHostTests, HealthThroughTheLocalHostTests.)
/// </summary>
[Collection(AbuseCollection.Name)]
public sealed partial class ApiResponseHeadersTests(AbuseFixture fixture, ITestOutputHelper output)
{
    [GeneratedRegex(@"\{(\w+)\??\}")]
    private static partial Regex Parameter();

    [Fact]
    public async Task Every_api_route_answers_every_kind_of_answer_with_no_store_and_nosniff()
    {
        var seeded = await fixture.SeedAsync();
        var routes = AbuseFixture.HttpFunctions.Where(f => ApiResponseHeaders.Covers("/" + f.Trigger.Route)).ToArray();
        Assert.Contains(routes, f => f.Trigger.Route == "api/worklist");
        Assert.Contains(routes, f => f.Trigger.Route == "api/screenings");
        Assert.Contains(routes, f => f.Trigger.Route == "api/fhir/referrals");
        Assert.Contains(routes, f => f.Trigger.Route == "fhir/Questionnaire/referral");
        Assert.Contains(routes, f => f.Trigger.Route == "fhir/CodeSystem/{id}");
        Assert.Contains(routes, f => f.Trigger.Route == "api/submissions/{id}/fhir");
        var failures = new List<string>();
        var statuses = new SortedSet<int>();
        var sent = 0;

        async Task CheckAsync(HttpClient client, HttpMethod method, string path, HttpContent? content = null, Action<HttpRequestMessage>? change = null)
        {
            using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = content };
            change?.Invoke(request);
            using var response = await client.SendAsync(request);
            sent++;
            statuses.Add((int)response.StatusCode);
            if (ApiHeaders.Missing(response) is { } missing)
            {
                failures.Add($"{method} {path}: {(int)response.StatusCode} with {missing}");
            }
        }

        foreach (var function in routes)
        {
            var template = "/" + function.Trigger.Route!;
            string[] ids = Parameter().IsMatch(template) ? [seeded.ScreeningId, Guid.NewGuid().ToString()] : [""];
            foreach (var method in function.Trigger.Methods!.Select(m => new HttpMethod(m.ToUpperInvariant())))
            {
                var reads = method == HttpMethod.Get;
                foreach (var path in ids.Select(id => Fill(template, id)))
                {
                    // Without the staff key (the local host's own 401 on a keyed route), with it, with a body that is not JSON and with one that cannot be read.
                    await CheckAsync(fixture.Host.Anonymous, method, path, reads ? null : AbuseFixture.Json(new JsonObject()));
                    await CheckAsync(fixture.Host.Staff, method, path, reads ? null : AbuseFixture.Json(new JsonObject()));
                    if (!reads)
                    {
                        await CheckAsync(fixture.Host.Staff, method, path, new StringContent("{", Encoding.UTF8, "application/json"));
                        await CheckAsync(fixture.Host.Staff, method, path, new StringContent("status=Declined", Encoding.UTF8, "text/plain"));
                    }
                    // A method the route does not take: the local host's own 405.
                    await CheckAsync(fixture.Host.Staff, HttpMethod.Delete, path);
                }
            }
        }

        // The public forms' answers: accepted, the same id with another body, too large, not JSON,
        // a wrong partner key, no challenge at all.
        var id = Guid.NewGuid().ToString("D");
        await CheckAsync(fixture.Host.Client, HttpMethod.Post, "/api/screenings", AbuseFixture.Json(Bodies.Screening(Bodies.BaselineAnswers(), id)));
        await CheckAsync(fixture.Host.Client, HttpMethod.Post, "/api/screenings", AbuseFixture.Json(Bodies.Screening(Bodies.BaselineAnswers().With("ecog", 2), id)));
        await CheckAsync(fixture.Host.Client, HttpMethod.Post, "/api/screenings",
            AbuseFixture.Json(Bodies.Screening(Bodies.BaselineAnswers()).With("padding", new string('x', 70 * 1024))));
        await CheckAsync(fixture.Host.Client, HttpMethod.Post, "/api/referrals", new StringContent("answers", Encoding.UTF8, "text/plain"));
        await CheckAsync(fixture.Host.Anonymous, HttpMethod.Post, "/api/referrals", AbuseFixture.Json(Bodies.Referral(Bodies.BaselineAnswers())),
            r => r.Headers.Add(LocalHostProcess.PartnerKeyHeader, "not-a-partner-key-not-a-partner-key-0000"));
        await CheckAsync(fixture.Host.Anonymous, HttpMethod.Post, "/api/screenings", AbuseFixture.Json(Bodies.Screening(Bodies.BaselineAnswers())));

        // The FHIR routes' answers: a referral Bundle accepted, the same id with another Bundle,
        // not FHIR, another content type, a code system there is and one there is not, the
        // submission as FHIR and an id there is none of.
        var fhirId = Guid.NewGuid().ToString("D");
        await CheckAsync(fixture.Host.Client, HttpMethod.Post, "/api/fhir/referrals", Fhir(FhirReferrals.For(SpecExamples.Baseline, fhirId)));
        await CheckAsync(fixture.Host.Client, HttpMethod.Post, "/api/fhir/referrals", Fhir(FhirReferrals.For(SpecExamples.Baseline with { Ecog = 2 }, fhirId)));
        await CheckAsync(fixture.Host.Client, HttpMethod.Post, "/api/fhir/referrals", new StringContent("{\"resourceType\":\"Patient\"}", Encoding.UTF8, "application/fhir+json"));
        await CheckAsync(fixture.Host.Client, HttpMethod.Post, "/api/fhir/referrals", new StringContent("<Bundle/>", Encoding.UTF8, "application/fhir+xml"));
        await CheckAsync(fixture.Host.Client, HttpMethod.Get, "/fhir/CodeSystem/site");
        await CheckAsync(fixture.Host.Client, HttpMethod.Get, "/fhir/CodeSystem/nothing");
        await CheckAsync(fixture.Host.Staff, HttpMethod.Get, $"/api/submissions/{fhirId}/fhir");
        await CheckAsync(fixture.Host.Staff, HttpMethod.Get, $"/api/submissions/{Guid.NewGuid()}/fhir");

        // Addresses no function has, under /api and /fhir (the pipeline's own 404, or the page route's),
        // and a route asked for in another case (routes match in any case, and so do the headers).
        foreach (var path in new[] { "/api", "/api/", "/api/nothing/here", "/fhir", "/fhir/Patient/1", "/fhir/Questionnaire", "/api/submissions" })
        {
            await CheckAsync(fixture.Host.Staff, HttpMethod.Get, path);
        }
        await CheckAsync(fixture.Host.Staff, HttpMethod.Get, "/API/Worklist");
        await CheckAsync(fixture.Host.Staff, HttpMethod.Head, "/api/worklist");

        output.WriteLine($"{routes.Length} functions under /api and /fhir and the public forms' answers: {sent} requests, answers {string.Join(", ", statuses)}.");
        Assert.True(failures.Count == 0, $"{failures.Count} of {sent} answers lack the headers:\n{string.Join("\n", failures.Take(20))}");
        Assert.Superset(new SortedSet<int> { 200, 202, 400, 401, 404, 405, 409, 413, 415 }, statuses);
    }

    private static StringContent Fhir(Hl7.Fhir.Model.Bundle bundle) => new(FhirJson.Serialize(bundle), Encoding.UTF8, "application/fhir+json");

    [Theory]
    [InlineData("/", "no-cache")]
    [InlineData("/refer", "no-cache")]
    [InlineData("/team", "no-cache")]
    public async Task The_pages_keep_their_own_caching(string path, string cacheControl)
    {
        using var response = await fixture.Host.Client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(cacheControl, response.Headers.CacheControl?.ToString());
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
    }

    [Fact]
    public async Task The_assets_keep_their_own_caching()
    {
        var asset = StaticFiles.Paths.First(p => p.StartsWith("assets/", StringComparison.Ordinal));

        using var response = await fixture.Host.Client.GetAsync(new Uri("/" + asset, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(new CacheControlHeaderValue { Public = true, MaxAge = TimeSpan.FromMinutes(5) }, response.Headers.CacheControl);
    }

    /// <summary>A route template with its parameters filled: the id given, a real queue name (replaying the empty alerts-poison changes nothing).</summary>
    private static string Fill(string template, string id) => Parameter().Replace(template, m => m.Groups[1].Value switch
    {
        "id" or "personId" => id,
        "queue" => "alerts",
        _ => "x",
    });
}
