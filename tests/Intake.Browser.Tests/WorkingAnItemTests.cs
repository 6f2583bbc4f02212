using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Intake.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Intake.Browser.Tests;

/// <summary>
/// Working an item on the team page, from the keyboard alone in Chromium: "a" assigns the open item to
/// me, "c" puts the focus on the contact attempt's first field, the attempt is logged, and the
/// worklist's Mine and Due today views show what they should; the follow-up block is axe-clean at a
/// phone's width and a desktop's. On a service of its own, so its worklist holds only these items.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class WorkingAnItemTests(ChromiumFixture chromium, ServiceFixture service) : IClassFixture<ServiceFixture>
{
    private static string Short(string id) => id[..8];

    private static ILocator OpenButton(ILocator list, string id) =>
        list.GetByRole(AriaRole.Button, new() { Name = $"Open submission {Short(id)}", Exact = true });

    private static ILocator Item(IPage page, string id) => page.GetByRole(AriaRole.Region, new() { NameRegex = new Regex(Regex.Escape(Short(id))) });

    private Task<string> RoutedScreeningAsync(string name) =>
        Submissions.RoutedScreeningAsync(service.Host, name, $"{Guid.NewGuid():N}@example.org");

    private async Task StaffPostAsync(string path, JsonObject body)
    {
        using var response = await service.Host.Client.SendAsync(new HttpRequestMessage(HttpMethod.Post, path)
        {
            Headers = { { "x-functions-key", service.Host.Key } },
            Content = JsonContent.Create(body),
        });
        Assert.True(response.IsSuccessStatusCode, $"POST {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    [Fact]
    public Task An_item_is_assigned_to_me_with_a_and_a_contact_attempt_logged_after_c_from_the_keyboard_and_the_Mine_and_Due_today_views_show_them() =>
        BrowserPage.RunAsync(chromium, service.Host, nameof(An_item_is_assigned_to_me_with_a_and_a_contact_attempt_logged_after_c_from_the_keyboard_and_the_Mine_and_Due_today_views_show_them), async browser =>
        {
            var page = browser.Page;
            var mine = await RoutedScreeningAsync("Ines Working");
            var due = await RoutedScreeningAsync("Jon Working");
            // Someone else's attempt on the other item asks for a call today.
            await StaffPostAsync($"/api/submissions/{due}/contact-attempts", new JsonObject
            {
                ["channel"] = "email", ["outcome"] = "noAnswer", ["note"] = null, ["nextContactOn"] = Submissions.Iso(Submissions.Today),
            });

            await TeamPage.OpenAsync(page, service.Host.Key);
            var worklist = TeamPage.Section(page, "Worklist");
            await KeyboardOnly.PressAsync(page, OpenButton(worklist, mine), "the item's Open button");
            var item = Item(page, mine);
            await Expect(item).ToBeVisibleAsync();
            await Expect(item.GetByRole(AriaRole.Heading, new() { Level = 2 })).ToBeFocusedAsync();

            // One key: "a" assigns the open item to me (locally the staff key is local-staff).
            await page.Keyboard.PressAsync("a");
            await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "assigned to local-staff" })).ToBeVisibleAsync();
            Assert.Equal("local-staff", (string?)(await Submissions.GetAsync(service.Host, mine))["assignedTo"]);
            await Expect(item.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Assign to me") })).ToBeDisabledAsync();

            // One key: "c" puts the focus on the attempt's first field; the rest is typed and tabbed.
            await page.Keyboard.PressAsync("c");
            var channel = item.GetByLabel("Channel", new() { Exact = true });
            await Expect(channel).ToBeFocusedAsync();
            await page.Keyboard.PressAsync("ArrowDown");
            await Expect(channel).ToHaveValueAsync("email");
            await page.Keyboard.PressAsync("Tab");
            var outcome = item.GetByLabel("Outcome of the attempt", new() { Exact = true });
            await Expect(outcome).ToBeFocusedAsync();
            await page.Keyboard.PressAsync("ArrowDown");
            await Expect(outcome).ToHaveValueAsync("leftMessage");
            await KeyboardOnly.TypeAsync(page, item.GetByLabel("Attempt note", new() { Exact = true }), "Wrote to her; she prefers mornings.", "the attempt's note");
            await KeyboardOnly.PressAsync(page, item.GetByRole(AriaRole.Button, new() { Name = "Log the attempt", Exact = true }), "Log the attempt");
            await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Contact attempt logged" })).ToContainTextAsync("left a message");
            var stored = await Submissions.GetAsync(service.Host, mine);
            Assert.Equal("email", (string?)stored["lastContactAttempt"]!["channel"]);
            Assert.Equal("Wrote to her; she prefers mornings.", (string?)stored["lastContactAttempt"]!["note"]);
            Assert.Contains(stored["history"]!.AsArray(), e => ((string?)e!["event"])!.Contains("Wrote to her; she prefers mornings.", StringComparison.Ordinal));
            await Expect(item).ToContainTextAsync("Wrote to her; she prefers mornings.");
            // The list shows the attempt, never its note.
            await Expect(worklist).ToContainTextAsync("left a message");
            await Expect(worklist).Not.ToContainTextAsync("prefers mornings");

            // Mine: only the item assigned to me. Due today: only the one whose next contact is today.
            await KeyboardOnly.CheckAsync(page, worklist.GetByLabel("Mine (assigned to me)"), "the Mine view");
            await Expect(OpenButton(worklist, mine)).ToHaveCountAsync(1);
            await Expect(OpenButton(worklist, due)).ToHaveCountAsync(0);
            await KeyboardOnly.TabToAsync(page, worklist.GetByLabel("Mine (assigned to me)"), "the Mine view");
            await page.Keyboard.PressAsync("Space");
            await KeyboardOnly.CheckAsync(page, worklist.GetByLabel("Due today (next contact today or earlier)"), "the Due today view");
            await Expect(OpenButton(worklist, due)).ToHaveCountAsync(1);
            await Expect(OpenButton(worklist, mine)).ToHaveCountAsync(0);

            // Off the worklist again, so that this service's worklist holds only what the next test sends.
            foreach (var id in new[] { mine, due })
            {
                await StaffPostAsync($"/api/submissions/{id}/not-genuine", new JsonObject { ["reason"] = "A test of working an item" });
            }
        });

    [Fact]
    public Task With_shortcuts_turned_off_a_does_nothing_and_typing_a_or_c_in_a_field_is_only_typing() =>
        BrowserPage.RunAsync(chromium, service.Host, nameof(With_shortcuts_turned_off_a_does_nothing_and_typing_a_or_c_in_a_field_is_only_typing), async browser =>
        {
            var page = browser.Page;
            var id = await RoutedScreeningAsync("Kai Working");
            await TeamPage.OpenAsync(page, service.Host.Key);
            await KeyboardOnly.PressAsync(page, OpenButton(TeamPage.Section(page, "Worklist"), id), "the item's Open button");
            var item = Item(page, id);
            await Expect(item).ToBeVisibleAsync();

            // Typing in a field is typing.
            var name = item.GetByLabel("Assign to", new() { Exact = true });
            await KeyboardOnly.TypeAsync(page, name, "ac", "Assign to");
            await Expect(name).ToHaveValueAsync("ac");
            Assert.Null((string?)(await Submissions.GetAsync(service.Host, id))["assignedTo"]);

            // Turned off: "a" on the item's own "Assign to me" button does nothing.
            var shortcuts = item.GetByRole(AriaRole.Checkbox, new() { NameRegex = new Regex("Single-key shortcuts") });
            await KeyboardOnly.CheckAsync(page, shortcuts, "the shortcuts switch");
            await page.Keyboard.PressAsync("Space");
            await Expect(shortcuts).Not.ToBeCheckedAsync();
            await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("shortcuts off");
            await KeyboardOnly.TabToAsync(page, item.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Assign to me") }), "Assign to me");
            await page.Keyboard.PressAsync("a");
            await page.Keyboard.PressAsync("c");
            await Expect(item.GetByLabel("Channel", new() { Exact = true })).Not.ToBeFocusedAsync();
            Assert.Null((string?)(await Submissions.GetAsync(service.Host, id))["assignedTo"]);

            await StaffPostAsync($"/api/submissions/{id}/not-genuine", new JsonObject { ["reason"] = "A test of working an item" });
        });

    [Theory]
    [InlineData(390, 844)]
    [InlineData(1280, 900)]
    public Task The_follow_up_block_and_the_views_pass_an_axe_scan_at_a_phones_width_and_a_desktops(int width, int height) =>
        BrowserPage.RunAsync(chromium, service.Host, $"axe-working-{width}", async browser =>
        {
            var page = browser.Page;
            var id = await RoutedScreeningAsync("Lea Working");
            await StaffPostAsync($"/api/submissions/{id}/assignment", new JsonObject { ["assignedTo"] = "local-staff" });
            await StaffPostAsync($"/api/submissions/{id}/contact-attempts", new JsonObject
            {
                ["channel"] = "phone", ["outcome"] = "reached", ["note"] = "Spoke with her.", ["nextContactOn"] = Submissions.Iso(Submissions.Today.AddDays(1)),
            });
            await TeamPage.OpenAsync(page, service.Host.Key);
            await OpenButton(TeamPage.Section(page, "Worklist"), id).ClickAsync();
            var item = Item(page, id);
            await Expect(item.GetByRole(AriaRole.Button, new() { Name = "Log the attempt", Exact = true })).ToBeVisibleAsync();
            // A refused attempt shows its errors too, which the scan must also find clean.
            await item.GetByLabel("Next contact on", new() { Exact = true }).FillAsync(Submissions.Iso(Submissions.Today.AddDays(-3)));
            await item.GetByRole(AriaRole.Button, new() { Name = "Log the attempt", Exact = true }).ClickAsync();
            await Expect(item.Locator("#ca-next-error")).Not.ToBeEmptyAsync();

            var result = await page.RunAxe();

            var blocking = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
            Assert.True(blocking.Count == 0, $"axe found {blocking.Count} serious or critical violation(s) at {width}px:\n{string.Join("\n", blocking.Select(Describe))}");
            await StaffPostAsync($"/api/submissions/{id}/not-genuine", new JsonObject { ["reason"] = "A test of working an item" });
        }, width, height);

    private static string Describe(AxeResultItem v) =>
        $"  [{v.Impact}] {v.Id}: {v.Help}\n" + string.Join("\n", v.Nodes.Select(n => $"      {n.Target}: {n.Html}"));
}
