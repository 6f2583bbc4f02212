using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Intake.Testing;

namespace Intake.LocalHost.Tests;

/// <summary>Azurite, maildev, and a local host whose hourly budget of urgent e-mails is one.</summary>
public sealed class UrgentBudgetFixture : AlertsFixture
{
    protected override string? MaxPerHour => "1";
}

/// <summary>
/// <c>Intake__Alerts__MaxPerHour</c> as the app runs it: over the budget, an urgent item is not
/// e-mailed on its own but held for the hour's digest, and its history says so. (The digest itself
/// goes out once the hour is over: UrgentDigestTests move a clock for it.)
/// </summary>
public sealed class UrgentBudgetThroughTheLocalHostTests(UrgentBudgetFixture fixture) : IClassFixture<UrgentBudgetFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private LocalHostProcess Host => fixture.Host;

    private async Task<string> PostUrgentReferralAsync()
    {
        var answers = Bodies.BaselineAnswers()
            .With("scheduledClinicalBiopsy", new JsonObject { ["site"] = "liver", ["date"] = Bodies.Today.AddDays(5).ToString("yyyy-MM-dd") })
            .With("oncologistConcerns", new JsonObject { ["seriousComorbidity"] = false, ["biopsySafetyRisk"] = false, ["hazardousCondition"] = false });
        var response = await Host.Client.PostAsync("/api/referrals", new StringContent(Bodies.Referral(answers).ToJsonString(), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (string)(await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
    }

    /// <summary>The alert entries of the item's history, once it has one.</summary>
    private Task<string[]> AlertEntriesAsync(string id) => Poll.UntilAsync(async () =>
    {
        var submission = (await Host.Staff.GetFromJsonAsync<JsonObject>($"/api/submissions/{id}"))!;
        string[] entries = [.. submission["history"]!.AsArray().Select(h => (string)h!["event"]!)
            .Where(e => e == AlertDispatch.UrgentSentEvent || e.StartsWith(AlertDispatch.UrgentHeldEvent, StringComparison.Ordinal))];
        return entries.Length > 0 ? entries : null;
    }, Deadline, $"the urgent alert of {id} e-mailed or held");

    [Fact]
    public async Task Over_a_budget_of_one_an_hour_the_further_urgent_items_are_held_for_the_digest_and_not_e_mailed_one_by_one()
    {
        var startHour = AlertWindow.StartOf(DateTimeOffset.UtcNow);
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(await PostUrgentReferralAsync());
        }
        var entries = new Dictionary<string, string[]>();
        foreach (var id in ids)
        {
            entries[id] = await AlertEntriesAsync(id);
        }
        // Almost always one hour; two when the test straddles the top of an hour (then each hour has its own slot).
        var hours = AlertWindow.StartOf(DateTimeOffset.UtcNow) == startHour ? 1 : 2;

        Assert.All(entries.Values, e => Assert.Single(e));
        var emailed = ids.Where(id => entries[id][0] == AlertDispatch.UrgentSentEvent).ToArray();
        var held = ids.Except(emailed).ToArray();
        Assert.InRange(emailed.Length, 1, hours);
        Assert.All(held, id => Assert.Contains("over 1 urgent e-mails in that hour", entries[id][0], StringComparison.Ordinal));

        var emails = await Poll.UntilAsync(async () =>
        {
            var found = (await fixture.MailDev.EmailsAsync()).Where(e => ids.Any(id => e.Text.Contains(id, StringComparison.Ordinal))).ToArray();
            return found.Length >= emailed.Length ? found : null;
        }, Deadline, "the single urgent e-mails in maildev");
        Assert.Equal(emailed.Order(), ids.Where(id => emails.Any(e => e.Text.Contains(id, StringComparison.Ordinal))).Order());
    }
}
