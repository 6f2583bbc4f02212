using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Intake.Functions.Http;
using Xunit.Abstractions;

namespace Intake.LocalHost.Tests;

/// <summary>
/// Nobody without the key gets in: every keyed route of functions.metadata, on every method, refuses
/// a missing, wrong or misplaced key with the same fixed 401 whether the id exists or not, and
/// changes nothing; the public routes never answer with stored data.
/// </summary>
[Collection(AbuseCollection.Name)]
public sealed partial class AccessTests(AbuseFixture fixture, ITestOutputHelper output)
{
    /// <summary>Ways to send a request without the key in its place; each gets the key and the request to change.</summary>
    private static readonly (string Name, Action<HttpRequestMessage, string> Apply)[] Ways =
    [
        ("no key", (_, _) => { }),
        ("a wrong key in x-functions-key", (r, _) => r.Headers.Add("x-functions-key", "not-the-key")),
        ("a wrong key in ?code=", (r, _) => Query(r, "code=not-the-key")),
        ("an empty x-functions-key", (r, _) => r.Headers.TryAddWithoutValidation("x-functions-key", "")),
        ("an empty ?code=", (r, _) => Query(r, "code=")),
        ("the key in upper case in x-functions-key", (r, key) => r.Headers.Add("x-functions-key", key.ToUpperInvariant())),
        ("the key in upper case in ?code=", (r, key) => Query(r, $"code={key.ToUpperInvariant()}")),
        ("the key and one character more", (r, key) => r.Headers.Add("x-functions-key", key + "0")),
        ("the key without its last character", (r, key) => r.Headers.Add("x-functions-key", key[..^1])),
        ("Authorization: Bearer <key>", (r, key) => r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key)),
        ("Authorization: <key>", (r, key) => r.Headers.TryAddWithoutValidation("Authorization", key)),
        ("Basic authentication with the key as password", (r, key) => r.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"staff:{key}")))),
        ("?key=<key>", (r, key) => Query(r, $"key={key}")),
        ("?apikey=<key>", (r, key) => Query(r, $"apikey={key}")),
        ("?api_key=<key>", (r, key) => Query(r, $"api_key={key}")),
        ("?x-functions-key=<key>", (r, key) => Query(r, $"x-functions-key={key}")),
        ("code: <key> as a header", (r, key) => r.Headers.Add("code", key)),
        ("x-function-key: <key> (misspelt)", (r, key) => r.Headers.Add("x-function-key", key)),
        ("x-functions-keys: <key>", (r, key) => r.Headers.Add("x-functions-keys", key)),
        ("x-api-key: <key>", (r, key) => r.Headers.Add("x-api-key", key)),
        ("the key in a cookie", (r, key) => r.Headers.Add("Cookie", $"code={key}; x-functions-key={key}")),
        ("the key in the JSON body", (r, key) => r.Content = AbuseFixture.Json(new JsonObject { ["code"] = key, ["x-functions-key"] = key, ["status"] = "Declined" })),
        ("the key in a form body", (r, key) => r.Content = new FormUrlEncodedContent([new("code", key), new("x-functions-key", key)])),
        ("a spoofed App Service sign-in (x-ms-client-principal-name)", (r, _) => r.Headers.Add("x-ms-client-principal-name", "admin@study.example")),
        ("a spoofed App Service principal (x-ms-client-principal)", (r, _) => r.Headers.Add("x-ms-client-principal",
            Convert.ToBase64String(Encoding.UTF8.GetBytes("""{"auth_typ":"aad","claims":[{"typ":"name","val":"admin"}]}""")))),
        ("forwarded from localhost (X-Forwarded-For, X-Real-IP)", (r, _) => { r.Headers.Add("X-Forwarded-For", "127.0.0.1"); r.Headers.Add("X-Real-IP", "127.0.0.1"); }),
        ("a rewrite header to a public route (X-Original-URL)", (r, _) => { r.Headers.Add("X-Original-URL", "/api/screenings"); r.Headers.Add("X-Rewrite-URL", "/api/screenings"); }),
    ];

    private static void Query(HttpRequestMessage request, string query)
    {
        var uri = request.RequestUri!.OriginalString;
        request.RequestUri = new Uri(uri + (uri.Contains('?', StringComparison.Ordinal) ? "&" : "?") + query, UriKind.Relative);
    }

    [GeneratedRegex(@"\{(\w+)\??\}")]
    private static partial Regex Parameter();

    /// <summary>A body that would be acted on, were the key accepted.</summary>
    private static JsonObject? ActionBody(string route, string method) => method is "GET" or "HEAD" ? null : route.Split('/')[^1] switch
    {
        "team-status" => new JsonObject { ["status"] = "Declined", ["note"] = "let in without the key" },
        "answers" => new JsonObject { ["answers"] = Bodies.BaselineAnswers().With("ecog", 4) },
        "referrer-updates" => new JsonObject { ["status"] = "enrolled" },
        "referrer-confirmation" => new JsonObject { ["email"] = "dr.seeded@example.org" },
        "assignment" => new JsonObject { ["assignedTo"] = "let in without the key" },
        "contact-attempts" => new JsonObject { ["channel"] = "phone", ["outcome"] = "reached", ["note"] = "let in without the key" },
        _ => new JsonObject(),
    };

    [Fact]
    public async Task Every_keyed_route_refuses_a_missing_wrong_or_misplaced_key_with_one_fixed_401_and_changes_nothing()
    {
        var seeded = await fixture.SeedAsync();
        var before = await FileAsync(seeded.ReferralId);
        var keyed = AbuseFixture.HttpFunctions.Where(f => !string.Equals(f.Trigger.AuthLevel, "Anonymous", StringComparison.OrdinalIgnoreCase)).ToArray();
        Assert.NotEmpty(keyed);
        string? reference = null;
        var failures = new List<string>();
        var sent = 0;

        foreach (var function in keyed)
        {
            var template = "/" + function.Trigger.Route!;
            string[] ids = Parameter().IsMatch(template) ? [seeded.ReferralId, Guid.NewGuid().ToString()] : [""];
            foreach (var method in function.Trigger.Methods!.Select(m => m.ToUpperInvariant()))
            {
                foreach (var id in ids)
                {
                    var path = Fill(template, id);
                    foreach (var (way, apply) in Ways)
                    {
                        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative));
                        if (ActionBody(function.Trigger.Route!, method) is { } body)
                        {
                            request.Content = AbuseFixture.Json(body);
                        }
                        apply(request, fixture.Host.Key);
                        using var response = await fixture.Host.Client.SendAsync(request);
                        sent++;
                        var text = await response.Content.ReadAsStringAsync();
                        reference ??= text;
                        var what = $"{method} {function.Trigger.Route} ({(id == seeded.ReferralId ? "stored id" : id.Length > 0 ? "unknown id" : "no id")}) with {way}";
                        if (response.StatusCode != HttpStatusCode.Unauthorized)
                        {
                            failures.Add($"{what}: {(int)response.StatusCode}, not 401");
                        }
                        else if (response.Content.Headers.ContentType?.MediaType != "application/problem+json" || text != reference)
                        {
                            failures.Add($"{what}: a 401 that is not the one fixed problem: {response.Content.Headers.ContentType} {text}");
                        }
                        if (seeded.Revealed(text) is { } revealed)
                        {
                            failures.Add($"{what}: shows stored data ({revealed})");
                        }
                    }
                }
                // The route is there, and the key in its place opens it (the refusals above are not from a missing route).
                using var keyedRequest = new HttpRequestMessage(new HttpMethod(method), new Uri(Fill(template, seeded.ScreeningId), UriKind.Relative))
                {
                    Content = method is "GET" ? null : AbuseFixture.Json(new JsonObject()),
                };
                using var admitted = await fixture.Host.Staff.SendAsync(keyedRequest);
                Assert.True(admitted.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed),
                    $"{method} {function.Trigger.Route} with the key: {(int)admitted.StatusCode}");
            }
        }

        output.WriteLine($"Keyed routes: {keyed.Sum(f => f.Trigger.Methods!.Length)} route-methods ({string.Join(", ", keyed.Select(f => $"{string.Join("/", f.Trigger.Methods!).ToUpperInvariant()} {f.Trigger.Route}"))})"
            + $" × {Ways.Length} ways without the key in its place, with a stored and an unknown id where the route has one: {sent} requests, all 401.");
        output.WriteLine("Ways: " + string.Join("; ", Ways.Select(w => w.Name)));
        Assert.True(failures.Count == 0, $"{failures.Count} of {sent} requests without the key in its place were not refused as they should be:\n{string.Join("\n", failures.Take(20))}");
        Assert.Equal(before, await FileAsync(seeded.ReferralId));
    }

    [Fact]
    public async Task Public_routes_and_pages_never_answer_with_stored_data()
    {
        var seeded = await fixture.SeedAsync();
        var open = AbuseFixture.HttpFunctions.Where(f => string.Equals(f.Trigger.AuthLevel, "Anonymous", StringComparison.OrdinalIgnoreCase)).ToArray();
        var failures = new List<string>();
        var sent = 0;

        async Task CheckAsync(HttpMethod method, string path, Func<HttpStatusCode, bool> expected, string expectation)
        {
            using var response = await fixture.Host.Client.SendAsync(new HttpRequestMessage(method, new Uri(path, UriKind.Relative)));
            sent++;
            var text = await response.Content.ReadAsStringAsync();
            if (!expected(response.StatusCode))
            {
                failures.Add($"{method} {path}: {(int)response.StatusCode}, not {expectation}");
            }
            if (seeded.Revealed(text) is { } revealed)
            {
                failures.Add($"{method} {path}: shows stored data ({revealed})");
            }
        }

        // The public API routes take submissions and give nothing back on any other method or address.
        var api = open.Where(f => !f.Trigger.Methods!.Contains("get", StringComparer.OrdinalIgnoreCase)).ToArray();
        Assert.Contains(api, f => f.Trigger.Route == "api/screenings");
        Assert.Contains(api, f => f.Trigger.Route == "api/referrals");
        Assert.Contains(api, f => f.Trigger.Route == "api/fhir/referrals");
        HttpMethod[] others = [HttpMethod.Get, HttpMethod.Head, HttpMethod.Put, HttpMethod.Patch, HttpMethod.Delete, HttpMethod.Options];
        foreach (var route in api.Select(f => "/" + f.Trigger.Route))
        {
            foreach (var method in others.Where(m => !api.Single(f => "/" + f.Trigger.Route == route).Trigger.Methods!.Contains(m.Method, StringComparer.OrdinalIgnoreCase)))
            {
                await CheckAsync(method, route, s => s is HttpStatusCode.MethodNotAllowed or HttpStatusCode.NotFound, "405 or 404");
                await CheckAsync(method, $"{route}?id={seeded.ReferralId}", s => s is HttpStatusCode.MethodNotAllowed or HttpStatusCode.NotFound, "405 or 404");
            }
            foreach (var id in new[] { seeded.ScreeningId, seeded.ReferralId })
            {
                await CheckAsync(HttpMethod.Get, $"{route}/{id}", s => s is HttpStatusCode.MethodNotAllowed or HttpStatusCode.NotFound, "405 or 404");
            }
        }

        // The anonymous API and FHIR routes that read (the health route, the Questionnaire and the code
        // systems among them) answer anyone, holding no submission.
        var reads = open.Where(f => (f.Trigger.Route!.StartsWith("api/", StringComparison.Ordinal) || f.Trigger.Route!.StartsWith("fhir/", StringComparison.Ordinal))
            && f.Trigger.Methods!.Contains("get", StringComparer.OrdinalIgnoreCase)).ToArray();
        Assert.Contains(reads, f => f.Trigger.Route == "api/health");
        Assert.Contains(reads, f => f.Trigger.Route == "fhir/Questionnaire/referral");
        Assert.Contains(reads, f => f.Trigger.Route == "fhir/CodeSystem/{id}");
        // A code system's id is a published one: "site".
        foreach (var route in reads.Select(f => "/" + f.Trigger.Route!.Replace("{id}", "site", StringComparison.Ordinal)))
        {
            await CheckAsync(HttpMethod.Get, route, s => s is HttpStatusCode.OK, "200");
            foreach (var id in new[] { seeded.ScreeningId, seeded.ReferralId })
            {
                await CheckAsync(HttpMethod.Get, $"{route}?id={id}", s => s is HttpStatusCode.OK, "200");
                await CheckAsync(HttpMethod.Get, $"{route}/{id}", s => s is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed, "404 or 405");
            }
        }

        // The pages and their assets: served to anyone, holding no submission.
        var pages = StaticFiles.Paths.Where(p => !p.Contains('/', StringComparison.Ordinal) && p.EndsWith(".html", StringComparison.Ordinal))
            .Select(p => p == "index.html" ? "/" : "/" + p[..^".html".Length]).ToArray();
        var assets = StaticFiles.Paths.Where(p => p.StartsWith("assets/", StringComparison.Ordinal)).Select(p => "/" + p).ToArray();
        Assert.Contains("/team", pages);
        foreach (var path in pages.Concat(assets))
        {
            await CheckAsync(HttpMethod.Get, path, s => s == HttpStatusCode.OK, "200");
        }
        foreach (var id in new[] { seeded.ScreeningId, seeded.ReferralId })
        {
            await CheckAsync(HttpMethod.Get, $"/{id}", s => s == HttpStatusCode.NotFound, "404");
            await CheckAsync(HttpMethod.Get, $"/assets/{id}", s => s == HttpStatusCode.NotFound, "404");
            await CheckAsync(HttpMethod.Get, $"/team?id={id}", s => s == HttpStatusCode.OK, "200");
        }

        output.WriteLine($"Public routes: {api.Length} API routes × every other method of {string.Join("/", others.Select(m => m.Method))} (with and without ?id=), "
            + $"GET of a stored id below each, {reads.Length} anonymous API routes that read, {pages.Length} pages and {assets.Length} assets, stored ids as page and asset names: {sent} requests, none showing stored data.");
        Assert.True(failures.Count == 0, $"{failures.Count} of {sent} requests to public routes answered wrongly:\n{string.Join("\n", failures.Take(20))}");
    }

    /// <summary>A route template with its parameters filled: the id given, a real queue name (replaying the empty alerts-poison changes nothing).</summary>
    private static string Fill(string template, string id) => Parameter().Replace(template, m => m.Groups[1].Value switch
    {
        "id" or "personId" => id,
        "queue" => "alerts",
        _ => "x",
    });

    private async Task<string> FileAsync(string id) => (await fixture.Host.Staff.GetFromJsonAsync<JsonObject>($"/api/submissions/{id}"))!.ToJsonString();
}
