using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Intake.Testing;

namespace Intake.LocalHost.Tests;

/// <summary>The study team's actions over real HTTP through the local host: each sticks, moves the item, and is in the history.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class TeamEndToEndTests(EndToEndFixture fixture)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private LocalHostProcess Host => fixture.Host;

    private static StringContent Json(JsonNode body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");

    private async Task<JsonObject> SubmitAndRouteAsync(JsonObject answers)
    {
        var response = await Host.Client.PostAsync("/api/screenings", Json(Bodies.Screening(answers)));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = (string)(await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        return await Poll.UntilAsync(async () =>
        {
            var submission = await Host.Staff.GetFromJsonAsync<JsonObject>($"/api/submissions/{id}");
            return (string?)submission!["status"] is "Routed" or "ScreenedOut" ? submission : null;
        }, Deadline, $"submission {id} to be routed");
    }

    private Task<JsonArray> ListAsync(string route) => TeamListPages.AllAsync(Host.Staff, route);

    private static IEnumerable<string> Events(JsonObject submission) => submission["history"]!.AsArray().Select(h => (string)h!["event"]!);

    [Fact]
    public async Task A_status_change_with_a_note_sticks_is_on_the_worklist_line_and_is_in_the_history_with_who()
    {
        var id = (string)(await SubmitAndRouteAsync(Bodies.BaselineAnswers()))["id"]!;

        var response = await Host.Staff.PostAsync($"/api/submissions/{id}/team-status", Json(new JsonObject { ["status"] = "Contacted", ["note"] = "Left a voicemail; she called back." }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var submission = (await Host.Staff.GetFromJsonAsync<JsonObject>($"/api/submissions/{id}"))!;
        Assert.Equal("Contacted", (string?)submission["teamStatus"]);
        var entry = submission["history"]!.AsArray().Last()!;
        Assert.Equal("Team status New → Contacted: Left a voicemail; she called back.", (string?)entry["event"]);
        Assert.Equal("local-staff", (string?)entry["by"]);
        Assert.Contains(await ListAsync("/api/worklist?teamStatus=Contacted"), i => (string?)i!["id"] == id);
        Assert.DoesNotContain(await ListAsync("/api/worklist?teamStatus=New"), i => (string?)i!["id"] == id);
    }

    [Fact]
    public async Task A_screened_out_submission_reopened_joins_the_worklist_and_leaves_the_screened_out_list()
    {
        var screened = await SubmitAndRouteAsync(Bodies.BaselineAnswers().With("ecog", 3));
        var id = (string)screened["id"]!;
        Assert.Equal("ScreenedOut", (string?)screened["status"]);

        var response = await Host.Staff.PostAsync($"/api/submissions/{id}/reopen", null);
        var again = await Host.Staff.PostAsync($"/api/submissions/{id}/reopen", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var line = Assert.Single(await ListAsync("/api/worklist"), i => (string?)i!["id"] == id)!;
        Assert.Equal("Normal", (string?)line["priority"]);
        Assert.True((bool)line["reopened"]!);
        Assert.DoesNotContain(await ListAsync("/api/screened-out"), i => (string?)i!["id"] == id);
    }

    [Fact]
    public async Task Corrected_answers_are_prechecked_again_move_the_item_up_and_keep_the_earlier_result_in_the_history()
    {
        var needsReview = await SubmitAndRouteAsync(Bodies.BaselineAnswers().With("primaryTissue", "unknown"));
        var id = (string)needsReview["id"]!;
        Assert.Equal("Normal", (string?)needsReview["precheck"]!["priority"]);
        Assert.Contains(needsReview["followUps"]!.AsArray(), q => ((string)q!).StartsWith("I4:", StringComparison.Ordinal));

        var response = await Host.Staff.PutAsync($"/api/submissions/{id}/answers", Json(new JsonObject { ["answers"] = Bodies.BaselineAnswers() }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var corrected = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("High", (string?)corrected["precheck"]!["priority"]);
        Assert.Empty(corrected["followUps"]!.AsArray());
        var entry = Events(corrected).Last();
        Assert.Contains("primaryTissue", entry);
        Assert.Contains("NeedsReview (Normal) → LikelyEligible (High)", entry);
        Assert.Contains("I4 Unknown → Met", entry);
        Assert.Contains(Events(corrected), e => e.StartsWith("Pre-checked", StringComparison.Ordinal));
        Assert.Equal("High", (string?)Assert.Single(await ListAsync("/api/worklist"), i => (string?)i!["id"] == id)!["priority"]);
    }

    [Fact]
    public async Task A_correction_that_rules_the_person_out_moves_the_item_to_the_screened_out_list()
    {
        var id = (string)(await SubmitAndRouteAsync(Bodies.BaselineAnswers()))["id"]!;

        var response = await Host.Staff.PutAsync($"/api/submissions/{id}/answers", Json(new JsonObject { ["answers"] = Bodies.BaselineAnswers().With("ecog", 4) }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(await ListAsync("/api/screened-out"), i => (string?)i!["id"] == id);
        Assert.DoesNotContain(await ListAsync("/api/worklist"), i => (string?)i!["id"] == id);
    }

    [Fact]
    public async Task A_bad_correction_is_a_400_naming_the_field_and_changes_nothing()
    {
        var before = await SubmitAndRouteAsync(Bodies.BaselineAnswers());
        var id = (string)before["id"]!;

        var response = await Host.Staff.PutAsync($"/api/submissions/{id}/answers", Json(new JsonObject { ["answers"] = Bodies.BaselineAnswers().With("ecog", 9) }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!["answers.ecog"]);
        var after = (await Host.Staff.GetFromJsonAsync<JsonObject>($"/api/submissions/{id}"))!;
        Assert.Equal(before["history"]!.AsArray().Count, after["history"]!.AsArray().Count);
    }

    public static TheoryData<string, string> TeamRoutes => new()
    {
        { "POST", $"/api/submissions/{Guid.NewGuid()}/team-status" },
        { "POST", $"/api/submissions/{Guid.NewGuid()}/reopen" },
        { "PUT", $"/api/submissions/{Guid.NewGuid()}/answers" },
    };

    [Theory]
    [MemberData(nameof(TeamRoutes))]
    public async Task A_team_route_refuses_a_missing_or_wrong_key_with_401(string method, string route)
    {
        var missing = await Host.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), route) { Content = Json(new JsonObject()) });
        var wrong = new HttpRequestMessage(new HttpMethod(method), route) { Content = Json(new JsonObject()) };
        wrong.Headers.Add("x-functions-key", "wrong");

        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Host.Client.SendAsync(wrong)).StatusCode);
    }
}
