using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Intake.Testing;

namespace Intake.LocalHost.Tests;

/// <summary>Submissions posted over real HTTP to the local host, pre-checked from the queue, and found on the right list.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class EndToEndTests(EndToEndFixture fixture)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private LocalHostProcess Host => fixture.Host;

    private async Task<string> PostAsync(string route, JsonObject body)
    {
        var response = await Host.Client.PostAsync(route, new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var accepted = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("Received", (string?)accepted["status"]);
        var id = (string)accepted["id"]!;
        Assert.Equal($"/api/submissions/{id}", response.Headers.Location!.OriginalString);
        return id;
    }

    private Task<JsonObject> RoutedAsync(string id) => Poll.UntilAsync(async () =>
    {
        var submission = await Host.Staff.GetFromJsonAsync<JsonObject>($"/api/submissions/{id}");
        return (string?)submission!["status"] is "Routed" or "ScreenedOut" ? submission : null;
    }, Deadline, $"submission {id} to be routed");

    private Task<JsonArray> ListAsync(string route) => TeamListPages.AllAsync(Host.Staff, route);

    private static string Outcome(JsonObject submission, string criterion) =>
        (string)submission["precheck"]!["criteria"]!.AsArray().Single(c => (string?)c!["id"] == criterion)!["outcome"]!;

    [Fact]
    public async Task A_baseline_screening_is_prechecked_likely_eligible_high_and_is_on_the_worklist_with_every_criterion()
    {
        var id = await PostAsync("/api/screenings", Bodies.Screening(Bodies.BaselineAnswers()));

        var submission = await RoutedAsync(id);

        Assert.Equal("Routed", (string?)submission["status"]);
        Assert.Equal("selfScreening", (string?)submission["kind"]);
        Assert.Equal("LikelyEligible", (string?)submission["precheck"]!["result"]);
        Assert.Equal("High", (string?)submission["precheck"]!["priority"]);
        Assert.Equal("liver", (string?)submission["precheck"]!["collectionSource"]);
        Assert.Equal(["I1", "I2", "I3", "I4", "I5", "I6", "I7", "I8", "I9", "E1", "E2", "E3", "E4", "E5", "E6"],
            submission["precheck"]!["criteria"]!.AsArray().Select(c => (string)c!["id"]!));
        Assert.Equal("ClinicianReview", Outcome(submission, "E1"));
        Assert.Equal("Ada Example", (string?)submission["contact"]!["name"]);
        Assert.Null(submission["referrer"]);
        Assert.Equal(2, submission["history"]!.AsArray().Count);
        Assert.Contains(await ListAsync("/api/worklist"), item => (string?)item!["id"] == id && (string?)item["priority"] == "High");
    }

    [Fact]
    public async Task A_referral_with_a_clinical_biopsy_in_five_days_is_urgent_and_ahead_of_high_items()
    {
        var high = await PostAsync("/api/screenings", Bodies.Screening(Bodies.BaselineAnswers()));
        var answers = Bodies.BaselineAnswers()
            .With("metastaticSites", new JsonArray("brain"))
            .With("scheduledClinicalBiopsy", new JsonObject { ["site"] = "brain", ["date"] = Bodies.Today.AddDays(5).ToString("yyyy-MM-dd") })
            .With("oncologistConcerns", new JsonObject { ["seriousComorbidity"] = false, ["biopsySafetyRisk"] = false, ["hazardousCondition"] = false });
        var urgent = await PostAsync("/api/referrals", Bodies.Referral(answers));

        var submission = await RoutedAsync(urgent);
        await RoutedAsync(high);

        Assert.Equal("referral", (string?)submission["kind"]);
        Assert.Equal("Urgent", (string?)submission["precheck"]!["priority"]);
        Assert.Equal("Met", Outcome(submission, "E1"));
        Assert.Equal("Example Oncology", (string?)submission["referrer"]!["institution"]);
        var ids = (await ListAsync("/api/worklist")).Select(i => (string)i!["id"]!).ToList();
        Assert.True(ids.IndexOf(urgent) < ids.IndexOf(high), "The urgent referral must come before the high screening.");
        Assert.Contains(await ListAsync("/api/worklist?priority=Urgent"), i => (string?)i!["id"] == urgent);
        Assert.DoesNotContain(await ListAsync("/api/worklist?priority=Urgent"), i => (string?)i!["id"] == high);
    }

    public static TheoryData<string, string, string?, string> PublicExamples => new()
    {
        // changed answers (as JSON members), expected list, priority, criterion that decides
        { """{"ecog":3}""", "ScreenedOut", null, "I8" },
        { """{"primaryTissue":"unknown"}""", "Routed", "Normal", "I4" },
        { """{"metastaticSites":["brain"]}""", "ScreenedOut", null, "I5" },
        { """{"metastaticSites":["pleuralFluid"],"effusionCytologyConfirmed":"no"}""", "ScreenedOut", null, "I6" },
        { """{"sex":"male","pregnant":null}""", "Routed", "High", "E5" },
    };

    [Theory]
    [MemberData(nameof(PublicExamples))]
    public async Task A_public_example_lands_on_the_right_list_with_the_right_priority(string changes, string status, string? priority, string criterion)
    {
        var answers = Bodies.BaselineAnswers();
        foreach (var (field, value) in JsonNode.Parse(changes)!.AsObject())
        {
            if (value is null)
            {
                answers.Without(field);
            }
            else
            {
                answers.With(field, value.DeepClone());
            }
        }
        var id = await PostAsync("/api/screenings", Bodies.Screening(answers));

        var submission = await RoutedAsync(id);

        Assert.Equal(status, (string?)submission["status"]);
        Assert.Equal(priority, (string?)submission["precheck"]!["priority"]);
        var expectedOutcome = status == "ScreenedOut" ? "NotMet" : priority == "Normal" ? "Unknown" : "Met";
        Assert.Equal(expectedOutcome, Outcome(submission, criterion));
        if (status == "ScreenedOut")
        {
            var line = Assert.Single(await ListAsync("/api/screened-out"), i => (string?)i!["id"] == id);
            Assert.Contains(line!["notMetReasons"]!.AsArray(), r => ((string)r!).StartsWith(criterion + ":", StringComparison.Ordinal));
            Assert.DoesNotContain(await ListAsync("/api/worklist"), i => (string?)i!["id"] == id);
        }
    }

    [Fact]
    public async Task The_same_id_and_body_twice_is_stored_once_and_a_different_body_under_it_is_a_conflict()
    {
        var id = Guid.NewGuid().ToString();
        var body = Bodies.Screening(Bodies.BaselineAnswers(), id);

        Assert.Equal(id, await PostAsync("/api/screenings", body));
        Assert.Equal(id, await PostAsync("/api/screenings", body));
        var submission = await RoutedAsync(id);
        var conflict = await Host.Client.PostAsync("/api/screenings",
            new StringContent(Bodies.Screening(Bodies.BaselineAnswers().With("ecog", 0), id).ToJsonString(), Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.Equal("application/problem+json", conflict.Content.Headers.ContentType!.MediaType);
        Assert.Equal(2, submission["history"]!.AsArray().Count);
        Assert.Single(await ListAsync("/api/worklist"), i => (string?)i!["id"] == id);
    }

    [Fact]
    public async Task Bad_answers_get_a_400_problem_naming_each_field_and_nothing_is_stored()
    {
        var answers = Bodies.BaselineAnswers().With("ecog", 7).With("ecg", 1);
        var response = await Host.Client.PostAsync("/api/screenings", new StringContent(Bodies.Screening(answers).ToJsonString(), Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(400, (int?)problem["status"]);
        Assert.NotNull(problem["errors"]!["answers.ecog"]);
        Assert.NotNull(problem["errors"]!["answers.ecg"]);
    }

    public static TheoryData<string> StaffRoutes => new()
    {
        "/api/worklist",
        "/api/screened-out",
        $"/api/submissions/{Guid.NewGuid()}",
    };

    [Theory]
    [MemberData(nameof(StaffRoutes))]
    public async Task A_staff_route_refuses_a_missing_or_wrong_key_with_401(string route)
    {
        var missing = await Host.Client.GetAsync(route);
        var wrong = new HttpRequestMessage(HttpMethod.Get, route);
        wrong.Headers.Add("x-functions-key", "not-the-key");
        var wrongKey = await Host.Client.SendAsync(wrong);
        var wrongCode = await Host.Client.GetAsync($"{route}?code=not-the-key");

        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongKey.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongCode.StatusCode);
        var rightCode = await Host.Client.GetAsync($"{route}?code={Host.Key}");
        Assert.NotEqual(HttpStatusCode.Unauthorized, rightCode.StatusCode);
    }

    [Fact]
    public async Task A_401_for_an_existing_id_says_the_same_as_for_an_unknown_one()
    {
        var id = await PostAsync("/api/screenings", Bodies.Screening(Bodies.BaselineAnswers()));

        var existing = await Host.Client.GetAsync($"/api/submissions/{id}");
        var unknown = await Host.Client.GetAsync($"/api/submissions/{Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.Unauthorized, existing.StatusCode);
        Assert.Equal(await unknown.Content.ReadAsStringAsync(), await existing.Content.ReadAsStringAsync());
    }
}
