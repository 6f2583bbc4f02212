using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Intake.Browser.Tests;

/// <summary>
/// The team page as it opens: the lists show before the funnel has loaded, and a coordinator may already
/// work an item. On a service of its own, so that its worklist holds only what this test sent.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class TeamPageStartTests(ChromiumFixture chromium, ServiceFixture service) : IClassFixture<ServiceFixture>
{
    [Fact]
    public Task A_status_saved_before_the_funnel_has_loaded_stays_said_and_keeps_the_focus_once_it_loads() =>
        BrowserPage.RunAsync(chromium, service.Host, nameof(A_status_saved_before_the_funnel_has_loaded_stays_said_and_keeps_the_focus_once_it_loads), async browser =>
        {
            var page = browser.Page;
            var id = await Submissions.RoutedScreeningAsync(service.Host, "Uma Early", "uma.early@example.org");

            // The funnel's answer is held until the status is saved: the order a slow funnel gives.
            var funnel = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            await page.RouteAsync("**/api/stats**", async route =>
            {
                await funnel.Task;
                await route.ContinueAsync();
            });

            // The three sections show before the funnel has loaded: signing in waits for them, not for the funnel.
            await TeamPage.OpenAsync(page, service.Host.Key);
            var open = TeamPage.Section(page, "Worklist").GetByRole(AriaRole.Button, new() { Name = $"Open submission {id[..8]}", Exact = true });
            await KeyboardOnly.PressAsync(page, open, "the item's Open button");
            var item = page.GetByRole(AriaRole.Region, new() { NameRegex = new Regex(Regex.Escape(id[..8])) });
            await item.GetByLabel("Team status", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Contacted" });
            var save = item.GetByRole(AriaRole.Button, new() { Name = "Save status", Exact = true });
            await KeyboardOnly.PressAsync(page, save, "Save status");
            var said = page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Team status saved" });
            await Expect(said).ToContainTextAsync("Contacted");
            await Expect(page.Locator("#workspace[data-loading]")).ToHaveCountAsync(1);

            funnel.SetResult();
            await Expect(TeamPage.Section(page, "Funnel")).ToContainTextAsync("Self-screenings");
            // Everything has loaded and been said: the page said nothing over the saved status and left the focus where it was.
            await Expect(page.Locator("#workspace[data-loading]")).ToHaveCountAsync(0);
            await Expect(said).ToContainTextAsync("Contacted");
            await Expect(save).ToBeFocusedAsync();
        });
}
