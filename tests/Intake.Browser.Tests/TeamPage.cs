using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Intake.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Intake.Browser.Tests;

/// <summary>The study team's page at <c>/team</c>: the staff key, the worklist, the screened-out list, the funnel.</summary>
public static class TeamPage
{
    private static readonly ConcurrentDictionary<Uri, Task> Seeded = new();

    /// <summary>Opens <c>/team</c>, gives the staff key ("Staff key", "Open") and waits for the lists.</summary>
    public static async Task OpenAsync(IPage page, string key)
    {
        await page.GotoAsync("/team");
        await SignInIfAskedAsync(page, key);
    }

    /// <summary>Gives the key when the page asks for it (a reload may remember it for the tab), then waits for the three sections.</summary>
    public static async Task SignInIfAskedAsync(IPage page, string key)
    {
        var keyField = page.GetByLabel("Staff key", new() { Exact = true });
        var worklist = Section(page, "Worklist");
        await Expect(keyField.Or(worklist).Filter(new() { Visible = true }).First).ToBeVisibleAsync();
        if (await keyField.IsVisibleAsync())
        {
            await keyField.FillAsync(key);
            await page.GetByRole(AriaRole.Button, new() { Name = "Open", Exact = true }).ClickAsync();
        }
        await Expect(worklist).ToBeVisibleAsync();
        await Expect(Section(page, "Screened out")).ToBeVisibleAsync();
        await Expect(Section(page, "Funnel")).ToBeVisibleAsync();
    }

    /// <summary>A section of the page by its heading (h2).</summary>
    public static ILocator Section(IPage page, string heading) =>
        page.GetByRole(AriaRole.Region, new() { Name = heading, Exact = true });

    /// <summary>Puts something on each list once per service (a high screening, an urgent referral, a screened-out screening), and waits until they are routed.</summary>
    public static Task SeedAsync(LocalHostProcess host) => Seeded.GetOrAdd(host.Address, _ => SeedOnceAsync(host));

    private static async Task SeedOnceAsync(LocalHostProcess host)
    {
        var answers = ReferralForm.BaselineAnswers();
        answers.Remove("oncologistConcerns");
        var screened = (JsonObject)answers.DeepClone();
        screened["ecog"] = 3;
        var referral = ReferralForm.BaselineAnswers();
        referral["scheduledClinicalBiopsy"] = new JsonObject { ["site"] = "liver", ["date"] = Submissions.Iso(Submissions.Today.AddDays(5)) };
        var ids = new[]
        {
            await PostAsync(host, "/api/screenings", new JsonObject
            {
                ["answers"] = answers,
                ["contact"] = new JsonObject { ["name"] = "Ada Seeded", ["email"] = "ada@example.org" },
                ["consentToContact"] = true,
            }),
            await PostAsync(host, "/api/screenings", new JsonObject
            {
                ["answers"] = screened,
                ["contact"] = new JsonObject { ["name"] = "Bea Seeded", ["phone"] = "+1 507 555 0102" },
                ["consentToContact"] = true,
            }),
            await PostAsync(host, "/api/referrals", new JsonObject
            {
                ["answers"] = referral,
                ["patient"] = new JsonObject { ["name"] = "Cleo Seeded", ["phone"] = "+1 507 555 0103" },
                ["referrer"] = new JsonObject { ["name"] = "Dr. Lin", ["institution"] = "Example Oncology", ["email"] = "lin@example.org" },
                ["patientAwareOfReferral"] = true,
            }),
        };
        foreach (var id in ids)
        {
            await Submissions.RoutedAsync(host, id);
        }
    }

    private static async Task<string> PostAsync(LocalHostProcess host, string route, JsonObject body)
    {
        var response = await host.Client.PostAsJsonAsync(route, body);
        Assert.True(response.IsSuccessStatusCode, $"POST {route}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (string)(await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
    }
}
