using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace Intake.LocalHost.Tests;

/// <summary>
/// Ids and query values holding OData, path traversal, control characters or thousands of
/// characters, sent with the staff key to every route that takes one: each is refused with a 400
/// or 404 problem, none reads or changes stored data, though two real submissions are there to find.
/// </summary>
[Collection(AbuseCollection.Name)]
public sealed class InjectionTests(AbuseFixture fixture, ITestOutputHelper output)
{
    /// <summary>Kestrel's limit on the request line: beyond it, it answers 414 itself.</summary>
    private const int RequestLineLimit = 8 * 1024;

    /// <summary>The query values each keyed route without an id reads (api.md, api-extensions.md).</summary>
    private static readonly Dictionary<string, string[]> QueryParameters = new(StringComparer.Ordinal)
    {
        // assignedTo is an exact-match name like the audit log's by: its own test below.
        ["api/worklist"] = ["priority", "teamStatus", "due", "limit", "cursor"],
        ["api/screened-out"] = ["priority", "teamStatus", "due", "limit", "cursor"],
        ["api/people"] = ["email", "phone", "name", "dateOfBirth"],
        ["api/stats"] = ["from", "to"],
        // by is an exact-match name (an apostrophe is a real name's), so it has its own test below.
        ["api/audit"] = ["from", "to", "submissionId", "limit", "cursor"],
        ["api/export.csv"] = ["list", "from", "to"],
        // Takes no query: who asks comes from the sign-in alone.
        ["api/me"] = [],
    };

    /// <summary>Values as a client means them; sent percent-encoded, as a client puts a value in a URL. {S} and {R} are the seeded ids.</summary>
    private static readonly string[] Meant =
    [
        "' or PartitionKey ne '", "') or true or ('", "' or 1 eq 1 or '", "x' or RowKey ne 'x", "{R}' or PartitionKey ne '{S}", "{S}' or '1' eq '1",
        "PartitionKey eq '{S}'", "(PartitionKey='{S}',RowKey='record-{S}')", "{S}(PartitionKey='{S}',RowKey='contact-{S}')", "*", "%", "'", "''", "\"",
        "$filter=PartitionKey ne ''", "?$filter=true", "{S}&$select=*", "{S}?$filter=true", "{S};DROP TABLE submissions;--", "submissions()",
        "Tables('submissions')", "{S}/contact-{S}", "{S}/../{R}", "../../appsettings.json", "..\\..\\appsettings.json", "{S}%00", "<script>alert(1)</script>",
        "${jndi:ldap://x.example/a}", "{{7*7}}", "\u202E{S}", "{{S}}", "{S}\u0000", "{S}\u200B",
    ];

    /// <summary>Values as they go on the wire, byte for byte: traversal and control characters in their encoded forms, and long values.</summary>
    private static readonly string[] Wire =
    [
        "%2e%2e%2f%2e%2e%2fappsettings.json", "..%2f..%2f..%2fetc%2fpasswd", "..%5c..%5cappsettings.json", "%2e%2e%5c%2e%2e%5c", "..%252f..%252fappsettings.json",
        "%252e%252e%252f", "%c0%ae%c0%ae%2f", "....%2f%2f", "..%2f{S}", "{S}%2f..%2f{R}", "{S}%2f%2e%2e", ".%2e%2fworklist",
        "%00", "{S}%00", "%0d%0a", "x%0d%0aSet-Cookie:%20a=b", "{S}%0d%0aX-Injected:%201", "%1b%5b31m", "%7f", "%c2%85", "%e2%80%a8", "%ef%bb%bf{S}",
        "%ff%fe", "%c0%af", "{S}%09x", new string('a', 1_000), "{S}" + new string('a', 3_000), string.Concat(Enumerable.Repeat("%27", 1_000)),
        string.Concat(Enumerable.Repeat("{S}", 100)), new string('a', 10_000),
    ];

    private static IEnumerable<(string Label, string Wire)> Values(Seeded seeded) =>
        Meant.Select(v => (v, Uri.EscapeDataString(Fill(v, seeded)))).Concat(Wire.Select(v => (v, Fill(v, seeded))));

    private static string Fill(string value, Seeded seeded) => value.Replace("{S}", seeded.ScreeningId, StringComparison.Ordinal).Replace("{R}", seeded.ReferralId, StringComparison.Ordinal);

    /// <summary>The route with every parameter (<c>{id}</c>, <c>{page?}</c>) given <paramref name="wire"/>.</summary>
    private static string Substitute(string route, string wire) => Regex.Replace(route, @"\{[^}]+\}", _ => wire);

    private static string Label(string value) => value.Length > 60 ? $"{value[..40]}… ({value.Length:N0} characters)" : value;

    [Fact]
    public async Task Injected_ids_get_only_a_400_or_404_problem_and_neither_read_nor_change_stored_data()
    {
        var seeded = await fixture.SeedAsync();
        var before = await FilesAsync(seeded);
        var routes = AbuseFixture.HttpFunctions.Where(f => f.Trigger.Route!.Contains('{', StringComparison.Ordinal)).ToArray();
        Assert.Contains(routes, f => f.Trigger.Route == "api/submissions/{id}");
        var requests = (from function in routes
                        from method in function.Trigger.Methods!
                        from value in Values(seeded)
                        select (Function: function, Method: method.ToUpperInvariant(), Value: value)).ToArray();

        var outcome = await SendAllAsync(requests.Select(r => (Label: $"{r.Method} {r.Function.Trigger.Route} with {Label(r.Value.Label)}",
            Target: "/" + Substitute(r.Function.Trigger.Route!, r.Value.Wire), r.Method, Body: BodyFor(r.Function.Trigger.Route!, r.Method), Parameter: (string?)null)), seeded);

        output.WriteLine($"Injected ids: {Meant.Length + Wire.Length} values × {routes.Sum(r => r.Trigger.Methods!.Length)} route-methods " +
            $"({string.Join(", ", routes.Select(r => $"{string.Join("/", r.Trigger.Methods!).ToUpperInvariant()} {r.Trigger.Route}"))}) = {requests.Length} requests.");
        output.WriteLine("Answers: " + outcome.Summary);
        Assert.True(outcome.Failures.IsEmpty, $"{outcome.Failures.Count} injected ids were not refused as they should be:\n{string.Join("\n", outcome.Failures.Take(20))}");
        Assert.Equal(before, await FilesAsync(seeded));
    }

    [Fact]
    public async Task Injected_query_values_get_a_400_problem_naming_the_parameter_and_reveal_nothing()
    {
        var seeded = await fixture.SeedAsync();
        // Every keyed GET route without an id must be listed with its query values, so that a new one is not forgotten here.
        var routes = AbuseFixture.HttpFunctions
            .Where(f => !string.Equals(f.Trigger.AuthLevel, "Anonymous", StringComparison.OrdinalIgnoreCase) && !f.Trigger.Route!.Contains('{', StringComparison.Ordinal))
            .Select(f => f.Trigger.Route!).ToArray();
        Assert.Equal(routes.Order(StringComparer.Ordinal), QueryParameters.Keys.Order(StringComparer.Ordinal));
        var requests = (from route in routes
                        from parameter in QueryParameters[route]
                        from value in Values(seeded)
                        select (Label: $"GET {route}?{parameter}={Label(value.Label)}", Target: $"/{route}?{parameter}={value.Wire}", Method: "GET", Body: (byte[]?)null, Parameter: (string?)parameter)).ToArray();

        var outcome = await SendAllAsync(requests, seeded);

        output.WriteLine($"Injected query values: {Meant.Length + Wire.Length} values × {QueryParameters.Sum(q => q.Value.Length)} parameters " +
            $"({string.Join(", ", QueryParameters.SelectMany(q => q.Value.Select(p => $"{q.Key}?{p}")))}) = {requests.Length} requests.");
        output.WriteLine("Answers: " + outcome.Summary);
        Assert.True(outcome.Failures.IsEmpty, $"{outcome.Failures.Count} injected query values were not refused as they should be:\n{string.Join("\n", outcome.Failures.Take(20))}");
    }

    [Fact]
    public async Task Injected_names_in_the_audit_logs_by_filter_match_only_themselves()
    {
        var seeded = await fixture.SeedAsync();
        using var read = await fixture.Host.Staff.GetAsync($"/api/submissions/{seeded.ScreeningId}");
        var failures = new List<string>();

        foreach (var value in Meant.Select(v => Fill(v, seeded)))
        {
            using var response = await fixture.Host.Staff.GetAsync($"/api/audit?by={Uri.EscapeDataString(value)}");
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != System.Net.HttpStatusCode.OK)
            {
                failures.Add($"by={Label(value)}: {(int)response.StatusCode}");
            }
            else if (JsonDocument.Parse(body).RootElement.GetProperty("items").EnumerateArray().Any(i => i.GetProperty("by").GetString() != value))
            {
                failures.Add($"by={Label(value)}: entries of someone else");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task Injected_names_in_the_worklists_assignedTo_filter_match_only_themselves()
    {
        var seeded = await fixture.SeedAsync();
        var failures = new List<string>();
        // An item assigned to a name that reads like a filter: found by exactly that name, by no other value.
        const string Assignee = "' or 1 eq 1 or '";
        using (var assigned = await fixture.Host.Staff.PostAsJsonAsync($"/api/submissions/{seeded.ScreeningId}/assignment", new JsonObject { ["assignedTo"] = Assignee }))
        {
            Assert.Equal(System.Net.HttpStatusCode.OK, assigned.StatusCode);
        }
        var found = (await fixture.Host.Staff.GetFromJsonAsync<JsonObject>($"/api/worklist?assignedTo={Uri.EscapeDataString(Assignee)}"))!["items"]!.AsArray();
        Assert.Contains(found, i => (string?)i!["id"] == seeded.ScreeningId);

        foreach (var value in Meant.Select(v => Fill(v, seeded)).Where(v => v.Trim().Length > 0 && !v.Any(char.IsControl)))
        {
            using var response = await fixture.Host.Staff.GetAsync($"/api/worklist?assignedTo={Uri.EscapeDataString(value)}");
            var body = await response.Content.ReadAsStringAsync();
            if (value.Trim().Length > 100)
            {
                // Longer than any name: refused, naming the parameter.
                if (response.StatusCode != System.Net.HttpStatusCode.BadRequest || !body.Contains("\"assignedTo\"", StringComparison.Ordinal))
                {
                    failures.Add($"assignedTo={Label(value)}: {(int)response.StatusCode}, not a 400 naming assignedTo");
                }
            }
            else if (response.StatusCode != System.Net.HttpStatusCode.OK)
            {
                failures.Add($"assignedTo={Label(value)}: {(int)response.StatusCode}");
            }
            else if (JsonDocument.Parse(body).RootElement.GetProperty("items").EnumerateArray().Any(i => i.GetProperty("assignedTo").GetString() != value.Trim()))
            {
                failures.Add($"assignedTo={Label(value)}: items of someone else");
            }
        }

        using (await fixture.Host.Staff.PostAsJsonAsync($"/api/submissions/{seeded.ScreeningId}/assignment", new JsonObject { ["assignedTo"] = null }))
        {
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private sealed record Outcome(ConcurrentBag<string> Failures, string Summary);

    private async Task<Outcome> SendAllAsync(IEnumerable<(string Label, string Target, string Method, byte[]? Body, string? Parameter)> requests, Seeded seeded)
    {
        var failures = new ConcurrentBag<string>();
        var statuses = new ConcurrentDictionary<string, int>();
        await Parallel.ForEachAsync(requests, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (r, _) =>
        {
            List<KeyValuePair<string, string>> headers = [new("x-functions-key", fixture.Host.Key), new(Intake.Testing.LocalHostProcess.PartnerKeyHeader, fixture.Host.PartnerKey)];
            if (r.Body is not null)
            {
                headers.Add(new("Content-Type", "application/json"));
            }
            var response = await RawHttp.SendAsync(fixture.Host.Address, r.Method, r.Target, headers, r.Body);
            var (kind, problem) = Judge(response, r.Target, r.Parameter, seeded);
            statuses.AddOrUpdate(kind, 1, (_, n) => n + 1);
            if (problem is not null)
            {
                failures.Add($"{r.Label}: {problem}");
            }
        });
        return new Outcome(failures, string.Join(", ", statuses.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key} × {s.Value}")));
    }

    /// <summary>How the answer is counted, and what is wrong with it (<c>null</c> when it is a proper refusal).</summary>
    private static (string Kind, string? Problem) Judge(RawResponse response, string target, string? parameter, Seeded seeded)
    {
        if (seeded.Revealed(response.Text) is { } revealed)
        {
            return ($"{response.Status} revealing", $"{response.Status} shows stored data ({revealed})");
        }
        if (response.Status == 414 && target.Length > RequestLineLimit && response.Body.Length == 0)
        {
            return ("414 from Kestrel (request line over 8 KiB)", null);
        }
        if (response.Status == 400 && response.Body.Length == 0 && parameter is null && target.Contains("%00", StringComparison.Ordinal))
        {
            // Kestrel refuses a path holding a NUL before any route or function runs.
            return ("400 from Kestrel (NUL in the path, no body)", null);
        }
        if (response.Status is not (400 or 404))
        {
            return ($"{response.Status}", $"{response.Status}, not 400 or 404");
        }
        // The FHIR routes refuse with an OperationOutcome (api-2.md, "FHIR R4"), the others with problem details.
        var fhir = target.StartsWith("/fhir/", StringComparison.Ordinal) || target.StartsWith("/api/fhir/", StringComparison.Ordinal) || target.EndsWith("/fhir", StringComparison.Ordinal);
        var mediaType = response.MediaType.Length == 0 ? null : new System.Net.Http.Headers.MediaTypeHeaderValue(response.MediaType);
        var wrong = fhir ? MalformedBodyTests.JudgeOutcome(response.Status, mediaType, response.Text, expressionRoot: "") : MalformedBodyTests.Judge(response.Status, mediaType, response.Text);
        if (wrong is null && parameter is not null)
        {
            using var problem = JsonDocument.Parse(response.Body);
            wrong = response.Status == 400 && problem.RootElement.GetProperty("errors").TryGetProperty(parameter, out _) ? null : $"{response.Status} not naming {parameter}";
        }
        return ($"{response.Status} {(fhir ? "OperationOutcome" : "problem")}", wrong);
    }

    /// <summary>A body that would be acted on, were the id a stored submission's.</summary>
    private static byte[]? BodyFor(string route, string method) => method is "GET" or "HEAD" ? null : Encoding.UTF8.GetBytes((route.Split('/')[^1] switch
    {
        "team-status" => new JsonObject { ["status"] = "Contacted", ["note"] = "injected" },
        "answers" => new JsonObject { ["answers"] = Bodies.BaselineAnswers().With("ecog", 0) },
        "referrer-updates" => new JsonObject { ["status"] = "underReview" },
        "referrer-confirmation" => new JsonObject { ["email"] = "dr.seeded@example.org" },
        "assignment" => new JsonObject { ["assignedTo"] = "injected" },
        "contact-attempts" => new JsonObject { ["channel"] = "phone", ["outcome"] = "reached", ["note"] = "injected" },
        _ => new JsonObject(),
    }).ToJsonString());

    /// <summary>The seeded submissions' files as the staff API shows them.</summary>
    private async Task<string> FilesAsync(Seeded seeded) =>
        (await fixture.Host.Staff.GetFromJsonAsync<JsonObject>($"/api/submissions/{seeded.ScreeningId}"))!.ToJsonString()
        + (await fixture.Host.Staff.GetFromJsonAsync<JsonObject>($"/api/submissions/{seeded.ReferralId}"))!.ToJsonString();
}
