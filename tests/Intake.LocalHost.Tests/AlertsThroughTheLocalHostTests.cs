using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Intake.Testing;

namespace Intake.LocalHost.Tests;

/// <summary>Azurite, maildev, and the local host on them with maildev as its SMTP server: the alerts as a newcomer sees them.</summary>
public class AlertsFixture : IAsyncLifetime
{
    public const string PublicBaseUrl = "http://intake.test.example";

    public Azurite Azurite { get; private set; } = null!;

    public MailDev MailDev { get; private set; } = null!;

    public LocalHostProcess Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Azurite = await Azurite.StartAsync();
        MailDev = await MailDev.StartAsync();
        Host = await LocalHostProcess.StartAsync(Azurite.ConnectionString, new Dictionary<string, string?>
        {
            ["Intake__Alerts__SmtpHost"] = "localhost",
            ["Intake__Alerts__SmtpPort"] = $"{MailDev.SmtpPort}",
            ["Intake__Alerts__PublicBaseUrl"] = PublicBaseUrl,
            ["Intake__Alerts__TeamAddress"] = "mbc-team@study.example",
            ["Intake__Alerts__MaxPerHour"] = MaxPerHour,
        });
    }

    /// <summary>The hourly budget of urgent e-mails the host runs with (the default unless a fixture needs another).</summary>
    protected virtual string? MaxPerHour => null;

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await MailDev.DisposeAsync();
        await Azurite.DisposeAsync();
        // Last, once everything is stopped: a leak anywhere in this fixture's tests fails the run.
        Host.AssertNoPatientDataInOutput();
        Host.AssertAnswersMatchTheApiDocument();
    }
}

/// <summary>
/// An urgent item posted over HTTP reaches the team's inbox as a link, and a referrer update the
/// team asks for reaches the referrer: through the alerts queue, the local host's queue trigger
/// and a real SMTP server.
/// </summary>
public sealed class AlertsThroughTheLocalHostTests(AlertsFixture fixture) : IClassFixture<AlertsFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private LocalHostProcess Host => fixture.Host;

    private static StringContent Json(JsonNode body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");

    private static JsonObject ReferralAnswers(int biopsyInDays) => Bodies.BaselineAnswers()
        .With("scheduledClinicalBiopsy", new JsonObject { ["site"] = "liver", ["date"] = Bodies.Today.AddDays(biopsyInDays).ToString("yyyy-MM-dd") })
        .With("oncologistConcerns", new JsonObject { ["seriousComorbidity"] = false, ["biopsySafetyRisk"] = false, ["hazardousCondition"] = false });

    private async Task<string> PostReferralAsync(JsonObject answers)
    {
        var response = await Host.Client.PostAsync("/api/referrals", Json(Bodies.Referral(answers)));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (string)(await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
    }

    private Task<JsonObject> HistoryHasAsync(string id, string eventStart) => Poll.UntilAsync(async () =>
    {
        var submission = (await Host.Staff.GetFromJsonAsync<JsonObject>($"/api/submissions/{id}"))!;
        return submission["history"]!.AsArray().Any(h => ((string)h!["event"]!).StartsWith(eventStart, StringComparison.Ordinal)) ? submission : null;
    }, Deadline, $"'{eventStart}' in the history of {id}");

    private static void AssertNoPatientDetails(ReceivedEmail email)
    {
        foreach (var detail in new[] { "Grace Example", "+1 507 555 0101", Bodies.BaselineAnswers()["dateOfBirth"]!.GetValue<string>(), "liver", "biopsy", "cancer" })
        {
            Assert.DoesNotContain(detail, email.Subject, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(detail, email.Text, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task An_urgent_referral_reaches_the_team_inbox_as_a_link_once_and_the_history_says_so()
    {
        var id = await PostReferralAsync(ReferralAnswers(biopsyInDays: 5));

        var email = await fixture.MailDev.WaitForAsync(e => e.Text.Contains(id, StringComparison.Ordinal), Deadline, $"the urgent alert for {id}");
        var submission = await HistoryHasAsync(id, "Urgent alert e-mailed to the study team");

        Assert.Equal("Urgent", (string?)submission["precheck"]!["priority"]);
        Assert.Equal(["mbc-team@study.example"], email.To);
        Assert.Equal("MbcIntake: an urgent item is on the worklist", email.Subject);
        Assert.Contains($"{AlertsFixture.PublicBaseUrl}/team#submission/{id}", email.Text, StringComparison.Ordinal);
        Assert.Contains($"{AlertsFixture.PublicBaseUrl}/api/submissions/{id}", email.Text, StringComparison.Ordinal);
        AssertNoPatientDetails(email);
        Assert.Single(submission["history"]!.AsArray(), h => (string?)h!["by"] == "system" && (string?)h["event"] == "Urgent alert e-mailed to the study team");
        Assert.Single(await fixture.MailDev.EmailsAsync(), e => e.Text.Contains(id, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_referrer_update_the_team_asks_for_reaches_the_referrer_and_the_history_says_so()
    {
        var id = await PostReferralAsync(ReferralAnswers(biopsyInDays: 40));
        var unconfirmed = await Host.Staff.PostAsync($"/api/submissions/{id}/referrer-updates", Json(new JsonObject { ["status"] = "UnderReview" }));
        var confirmed = await Host.Staff.PostAsync($"/api/submissions/{id}/referrer-confirmation", Json(new JsonObject { ["email"] = "LIN@example.org" }));

        var response = await Host.Staff.PostAsync($"/api/submissions/{id}/referrer-updates", Json(new JsonObject { ["status"] = "UnderReview" }));

        Assert.Equal(HttpStatusCode.Conflict, unconfirmed.StatusCode);
        Assert.Contains("referrer-confirmation", await unconfirmed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.NotNull((await confirmed.Content.ReadFromJsonAsync<JsonObject>())!["referrer"]!["emailConfirmed"]);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var accepted = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        var requestId = (string)accepted["requestId"]!;
        Assert.Equal("UnderReview", (string?)accepted["status"]);
        var email = await fixture.MailDev.WaitForAsync(e => e.Subject.Contains(id, StringComparison.Ordinal), Deadline, $"the referrer update for {id}");
        Assert.Equal(["lin@example.org"], email.To);
        Assert.Equal($"<referrer-{requestId}@mbcintake>", email.MessageId);
        Assert.Contains("under review by the study team", email.Text, StringComparison.Ordinal);
        AssertNoPatientDetails(email);
        var submission = await HistoryHasAsync(id, "Referrer told:");
        var events = submission["history"]!.AsArray().Select(h => (string)h!["event"]!).ToList();
        Assert.Contains($"Referrer update requested: under review by the study team (request {requestId})", events);
        Assert.Contains("Referrer's e-mail address confirmed for referrer updates", events);
        Assert.Contains($"Referrer told: under review by the study team (request {requestId})", events);
    }

    [Fact]
    public async Task A_referrer_update_for_a_self_screening_is_409_and_for_a_bad_status_400()
    {
        var screening = await Host.Client.PostAsync("/api/screenings", Json(Bodies.Screening(Bodies.BaselineAnswers())));
        var id = (string)(await screening.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;

        var conflict = await Host.Staff.PostAsync($"/api/submissions/{id}/referrer-updates", Json(new JsonObject { ["status"] = "Received" }));
        var bad = await Host.Staff.PostAsync($"/api/submissions/{id}/referrer-updates", Json(new JsonObject { ["status"] = "RECEIVED" }));

        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.Equal("application/problem+json", conflict.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.NotNull((await bad.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!["status"]);
    }

    [Fact]
    public async Task The_referrer_update_route_refuses_a_missing_key_with_401()
    {
        var response = await Host.Client.PostAsync($"/api/submissions/{Guid.NewGuid()}/referrer-updates", Json(new JsonObject { ["status"] = "received" }));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
