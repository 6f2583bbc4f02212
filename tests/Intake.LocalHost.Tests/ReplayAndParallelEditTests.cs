using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Azure.Data.Tables;
using Intake.Functions.Storage;
using Xunit.Abstractions;

namespace Intake.LocalHost.Tests;

/// <summary>
/// Nothing lost, nothing doubled under concurrency over real HTTP: one submission replayed at once
/// by many clients is stored and listed once; parallel staff edits of one submission are all kept.
/// </summary>
[Collection(AbuseCollection.Name)]
public sealed class ReplayAndParallelEditTests(AbuseFixture fixture, ITestOutputHelper output)
{
    private static IEnumerable<string> Events(JsonObject file) => file["history"]!.AsArray().Select(h => (string)h!["event"]!);

    /// <summary>A self-screening of a person no other test of the fixture sends, so that linking finds nobody.</summary>
    private static JsonObject Person(string name, int ageDays) => new()
    {
        ["answers"] = Answers(ageDays),
        ["contact"] = new JsonObject { ["name"] = name, ["email"] = $"{name.Replace(' ', '.').ToLowerInvariant()}@example.org" },
        ["consentToContact"] = true,
    };

    private static JsonObject Answers(int ageDays) => Bodies.BaselineAnswers().With("dateOfBirth", Bodies.Today.AddDays(-ageDays).ToString("yyyy-MM-dd"));

    [Fact]
    public async Task The_same_submission_sent_fifty_times_at_once_is_accepted_each_time_and_stored_prechecked_and_listed_once()
    {
        const int Copies = 50;
        var id = Guid.NewGuid().ToString();
        var body = Person("Replay Person", 20_000);
        body["id"] = id;
        var text = body.ToJsonString();
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var posts = Enumerable.Range(0, Copies).Select(_ => Task.Run(async () =>
        {
            await start.Task;
            return await fixture.Host.Client.PostAsync("/api/screenings", new StringContent(text, Encoding.UTF8, "application/json"));
        })).ToArray();
        start.SetResult();
        var responses = await Task.WhenAll(posts);

        foreach (var response in responses)
        {
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            Assert.Equal($"/api/submissions/{id}", response.Headers.Location!.OriginalString);
            var accepted = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
            Assert.Equal((id, "Received"), ((string?)accepted["id"], (string?)accepted["status"]));
        }
        await fixture.RoutedAsync(id);
        // Every message queued for it has been handled (each replay seen while it was still Received queues one).
        await fixture.QuietAsync();
        var file = (await fixture.Host.Staff.GetFromJsonAsync<JsonObject>($"/api/submissions/{id}"))!;

        // One entity set: the record, the contact, and one history row per event, each row key ending with the id.
        var rows = new List<string>();
        await foreach (var entity in fixture.Tables.GetTableClient(SubmissionTables.NameFor(id)).QueryAsync<TableEntity>(e => e.PartitionKey == id, select: ["RowKey"]))
        {
            rows.Add(entity.RowKey);
        }
        Assert.Equal([$"contact-{id}", $"history-000001-{id}", $"history-000002-{id}", $"record-{id}"], rows.Order(StringComparer.Ordinal));
        Assert.Equal(["Self-screening received", "Pre-checked"], Events(file).Select(e => e.StartsWith("Pre-checked", StringComparison.Ordinal) ? "Pre-checked" : e));
        Assert.Single((await fixture.Host.Staff.GetFromJsonAsync<JsonObject>("/api/worklist"))!["items"]!.AsArray(), i => (string?)i!["id"] == id);
        Assert.Equal(id, (string?)file["personId"]);
        Assert.Empty(file["linkedSubmissions"]!.AsArray());
        var deliveries = Regex.Matches(fixture.Host.Output, $"Pre-check of {id}: (\\w+)").Select(m => m.Groups[1].Value).ToArray();
        Assert.Equal(1, deliveries.Count(d => d == "Routed"));
        output.WriteLine($"{Copies} concurrent copies of one screening: {Copies} × 202 with its id; stored once ({rows.Count} rows), 2 history entries, 1 worklist line; "
            + $"pre-check queue messages handled for it: {deliveries.Length} (1 routed it, {deliveries.Length - 1} found it done).");
    }

    [Fact]
    public async Task Twenty_parallel_status_changes_and_corrections_through_http_are_all_kept_in_the_history()
    {
        var id = await fixture.PostAsync("/api/screenings", Person("Parallel Edit Person", 21_000));
        var before = Events(await fixture.RoutedAsync(id)).Count();
        string[] statuses = ["Contacted", "Scheduled", "Unreachable", "New"];
        string[] tissues = ["ffpe", "freshFrozen"];
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var edits = Enumerable.Range(1, 20).Select(n => Task.Run(async () =>
        {
            await start.Task;
            return n % 2 == 0
                ? await fixture.Host.Staff.PostAsync($"/api/submissions/{id}/team-status",
                    AbuseFixture.Json(new JsonObject { ["status"] = statuses[n / 2 % statuses.Length], ["note"] = $"parallel note {n:D2}" }))
                : await fixture.Host.Staff.PutAsync($"/api/submissions/{id}/answers",
                    AbuseFixture.Json(new JsonObject { ["answers"] = Answers(21_000).With("ecog", n % 3).With("primaryTissue", tissues[n / 2 % 2]) }));
        })).ToArray();
        start.SetResult();
        var responses = await Task.WhenAll(edits);

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var file = (await fixture.Host.Staff.GetFromJsonAsync<JsonObject>($"/api/submissions/{id}"))!;
        var entries = file["history"]!.AsArray().Skip(before).Select(h => (Event: (string)h!["event"]!, By: (string)h["by"]!)).ToArray();
        Assert.Equal(20, entries.Length);
        Assert.All(entries, e => Assert.Equal("local-staff", e.By));
        Assert.Equal(Enumerable.Range(1, 10).Select(n => $"parallel note {2 * n:D2}"),
            entries.Where(e => e.Event.StartsWith("Team status ", StringComparison.Ordinal)).Select(e => e.Event[(e.Event.LastIndexOf(": ", StringComparison.Ordinal) + 2)..]).Order(StringComparer.Ordinal));
        Assert.Equal(10, entries.Count(e => e.Event.StartsWith("Answers corrected", StringComparison.Ordinal)));
        // Each status change read the status the one before it left: none was written over.
        var chain = entries.Where(e => e.Event.StartsWith("Team status ", StringComparison.Ordinal)).Select(e => e.Event["Team status ".Length..].Split(' ')).ToArray();
        Assert.Equal("New", chain[0][0]);
        for (var i = 1; i < chain.Length; i++)
        {
            Assert.Equal(chain[i - 1][2].TrimEnd(':'), chain[i][0]);
        }
        var line = Assert.Single((await fixture.Host.Staff.GetFromJsonAsync<JsonObject>("/api/worklist"))!["items"]!.AsArray(), i => (string?)i!["id"] == id)!;
        Assert.Equal(chain[^1][2].TrimEnd(':'), (string?)file["teamStatus"]);
        Assert.Equal((string?)file["teamStatus"], (string?)line["teamStatus"]);
        output.WriteLine($"20 parallel edits (10 status changes, 10 corrections) of one submission over HTTP: all 200, history {before} → {before + entries.Length} entries.");
    }
}
