using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Intake.Testing;
using Microsoft.Playwright;

namespace Intake.Browser.Tests;

/// <summary>What the service stored, read back through the staff API, and comparisons that name every difference.</summary>
public static class Submissions
{
    /// <summary>The site's date (America/Chicago), as the service reckons "today".</summary>
    public static DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("America/Chicago")).DateTime);

    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The id in a <c>202</c> the page's POST received.</summary>
    public static async Task<string> AcceptedIdAsync(IResponse response)
    {
        var body = await response.TextAsync();
        Assert.True(response.Status == 202, $"The form's POST {response.Url} was answered {response.Status}: {body}");
        return (string)JsonNode.Parse(body)!["id"]!;
    }

    /// <summary><c>GET /api/submissions/{id}</c> with the staff key.</summary>
    public static async Task<JsonObject> GetAsync(LocalHostProcess host, string id) =>
        (await host.Staff.GetFromJsonAsync<JsonObject>($"/api/submissions/{id}"))!;

    /// <summary>Waits until the submission is pre-checked and on a list.</summary>
    public static Task<JsonObject> RoutedAsync(LocalHostProcess host, string id) => Poll.UntilAsync(async () =>
    {
        var submission = await GetAsync(host, id);
        return (string?)submission["status"] is "Routed" or "ScreenedOut" ? submission : null;
    }, TimeSpan.FromSeconds(30), $"submission {id} to be pre-checked and routed");

    /// <summary>
    /// Posts a self-screening of the baseline answers (likely eligible: it goes on the worklist) for
    /// <paramref name="name"/> with <paramref name="email"/>, and waits until it is routed: its id.
    /// </summary>
    public static async Task<string> RoutedScreeningAsync(LocalHostProcess host, string name, string email)
    {
        var answers = ReferralForm.BaselineAnswers();
        answers.Remove("oncologistConcerns");
        var response = await host.Client.PostAsJsonAsync("/api/screenings", new JsonObject
        {
            ["answers"] = answers,
            ["contact"] = new JsonObject { ["name"] = name, ["email"] = email },
            ["consentToContact"] = true,
        });
        Assert.True(response.IsSuccessStatusCode, $"POST /api/screenings: {(int)response.StatusCode}");
        var id = (string)(await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        await RoutedAsync(host, id);
        return id;
    }

    /// <summary>Asserts that <paramref name="actual"/> holds exactly <paramref name="expected"/>, field by field (lists of sites compared as sets).</summary>
    public static void AssertSameAnswers(JsonObject expected, JsonNode? actual)
    {
        var stored = actual as JsonObject ?? [];
        var differences = expected.Select(e => e.Key).Union(stored.Select(a => a.Key))
            .Where(name => !Same(expected[name], stored[name]))
            .Select(name => $"  {name}: meant {Show(expected[name])}, stored {Show(stored[name])}")
            .ToList();
        Assert.True(differences.Count == 0, "The submission's answers differ from what the choices meant:\n" + string.Join('\n', differences));
    }

    private static bool Same(JsonNode? a, JsonNode? b) =>
        a is JsonArray x && b is JsonArray y
            ? x.Select(Show).Order().SequenceEqual(y.Select(Show).Order())
            : JsonNode.DeepEquals(a, b);

    private static string Show(JsonNode? node) => node?.ToJsonString() ?? "(absent)";
}
