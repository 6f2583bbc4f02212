using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Intake.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Intake.Browser.Tests;

/// <summary>
/// The team page behind (planted) App Service Authentication: it names who is signed in, and offers a
/// submission's access log to a manager only; a coordinator's page has no such section, so the
/// coordinator is never shown a button that can only be refused.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class TeamPageRolesTests(ChromiumFixture chromium, SignedInServiceFixture service) : IClassFixture<SignedInServiceFixture>
{
    private static Dictionary<string, string> Principal(string name, string appRole) => AppServiceSignIn.Headers(name, appRole);

    /// <summary>A screening on the worklist: its id.</summary>
    private async Task<string> RoutedScreeningAsync()
    {
        var answers = ReferralForm.BaselineAnswers();
        answers.Remove("oncologistConcerns");
        var posted = await service.Host.Client.PostAsJsonAsync("/api/screenings", new JsonObject
        {
            ["answers"] = answers,
            ["contact"] = new JsonObject { ["name"] = "Rae Roles", ["email"] = "rae.roles@example.org" },
            ["consentToContact"] = true,
        });
        Assert.True(posted.IsSuccessStatusCode, $"POST /api/screenings: {(int)posted.StatusCode}");
        var id = (string)(await posted.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        await Poll.UntilAsync(async () =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/submissions/{id}");
            foreach (var (header, value) in Principal("poller@example.org", "Intake.Coordinator"))
            {
                request.Headers.Add(header, value);
            }
            using var read = await service.Host.Staff.SendAsync(request);
            return read.IsSuccessStatusCode && (string?)(await read.Content.ReadFromJsonAsync<JsonObject>())!["status"] is "Routed";
        }, TimeSpan.FromSeconds(30), $"submission {id} to be routed");
        return id;
    }

    private async Task<ILocator> OpenItemAsAsync(IPage page, string id, string name, string appRole)
    {
        await page.Context.SetExtraHTTPHeadersAsync(Principal(name, appRole));
        await TeamPage.OpenAsync(page, service.Host.Key);
        await TeamPage.Section(page, "Worklist").GetByRole(AriaRole.Button, new() { Name = $"Open submission {id[..8]}", Exact = true }).ClickAsync();
        var item = page.GetByRole(AriaRole.Region, new() { NameRegex = new Regex(Regex.Escape(id[..8])) });
        await Expect(item).ToBeVisibleAsync();
        await Expect(item.GetByRole(AriaRole.Heading, new() { Name = "History", Exact = true })).ToBeVisibleAsync();
        return item;
    }

    [Fact]
    public async Task A_coordinator_is_named_and_is_not_offered_the_access_log()
    {
        var id = await RoutedScreeningAsync();
        await BrowserPage.RunAsync(chromium, service.Host, nameof(A_coordinator_is_named_and_is_not_offered_the_access_log), async browser =>
        {
            var item = await OpenItemAsAsync(browser.Page, id, "ann.coordinator@example.org", "Intake.Coordinator");

            await Expect(browser.Page.GetByText("Signed in as ann.coordinator@example.org (coordinator)", new() { Exact = true })).ToBeVisibleAsync();
            await Expect(item.GetByRole(AriaRole.Heading, new() { Name = "Access log", Exact = true })).ToHaveCountAsync(0);
            await Expect(item.GetByRole(AriaRole.Button, new() { Name = "Show who opened or changed it", Exact = true })).ToHaveCountAsync(0);
            // Nor the manager's export: no section, no link to it.
            await Expect(browser.Page.GetByRole(AriaRole.Heading, new() { Name = "Export", Exact = true })).ToHaveCountAsync(0);
            await Expect(browser.Page.GetByRole(AriaRole.Link, new() { Name = "Export", Exact = true })).ToHaveCountAsync(0);
        });
    }

    [Fact]
    public async Task A_manager_is_named_and_sees_who_opened_the_submission()
    {
        var id = await RoutedScreeningAsync();
        await BrowserPage.RunAsync(chromium, service.Host, nameof(A_manager_is_named_and_sees_who_opened_the_submission), async browser =>
        {
            var item = await OpenItemAsAsync(browser.Page, id, "bea.manager@example.org", "Intake.Manager");

            await Expect(browser.Page.GetByText("Signed in as bea.manager@example.org (manager)", new() { Exact = true })).ToBeVisibleAsync();
            await item.GetByRole(AriaRole.Button, new() { Name = "Show who opened or changed it", Exact = true }).ClickAsync();
            var log = item.GetByRole(AriaRole.Region, new() { Name = "Access log table" });
            await Expect(log).ToContainTextAsync("GetSubmission");
            await Expect(log).ToContainTextAsync("bea.manager@example.org");
            await Expect(log).ToContainTextAsync("poller@example.org");
        });
    }

    [Fact]
    public async Task A_manager_downloads_a_days_worklist_as_CSV_from_the_keyboard_and_a_wrong_range_is_shown_beside_its_date()
    {
        var id = await RoutedScreeningAsync();
        await BrowserPage.RunAsync(chromium, service.Host, nameof(A_manager_downloads_a_days_worklist_as_CSV_from_the_keyboard_and_a_wrong_range_is_shown_beside_its_date), async browser =>
        {
            var page = browser.Page;
            await page.Context.SetExtraHTTPHeadersAsync(Principal("bea.manager@example.org", "Intake.Manager"));
            await TeamPage.OpenAsync(page, service.Host.Key);
            var export = TeamPage.Section(page, "Export");
            var today = Submissions.Iso(Submissions.Today);

            // A range that ends before it starts: the service's 400, shown beside "From".
            await export.GetByLabel("From", new() { Exact = true }).FillAsync(today);
            await export.GetByLabel("To", new() { Exact = true }).FillAsync(Submissions.Iso(Submissions.Today.AddDays(-1)));
            var button = export.GetByRole(AriaRole.Button, new() { Name = "Download the CSV file", Exact = true });
            await KeyboardOnly.TabToAsync(page, button, "the download button");
            await page.Keyboard.PressAsync("Enter");
            await Expect(export.Locator("#export-from-error")).ToContainTextAsync("on or before to");
            await Expect(export.GetByLabel("From", new() { Exact = true })).ToHaveAttributeAsync("aria-invalid", "true");

            // Today's worklist: a file named for the list and the day, with the person's row.
            await export.GetByLabel("To", new() { Exact = true }).FillAsync(today);
            await KeyboardOnly.TabToAsync(page, button, "the download button");
            var download = await page.RunAndWaitForDownloadAsync(() => page.Keyboard.PressAsync("Enter"));
            Assert.Matches(@"^worklist-\d{4}-\d{2}-\d{2}\.csv$", download.SuggestedFilename);
            var csv = await File.ReadAllTextAsync((await download.PathAsync())!);
            var rows = csv.TrimStart('\uFEFF').Split("\r\n");
            Assert.StartsWith("id,", rows[0], StringComparison.Ordinal);
            Assert.Contains(rows, r => r.StartsWith(id, StringComparison.Ordinal) && r.Contains("Rae Roles", StringComparison.Ordinal));
            await Expect(page.Locator("#announce")).ToContainTextAsync("Downloaded worklist-");
            await Expect(export.Locator("#export-from-error")).ToBeHiddenAsync();
        });
    }
}
