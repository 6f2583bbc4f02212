using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Intake.Browser.Tests;

/// <summary>
/// The team page on a list longer than a page (api-2.md, "Lists that stay fast at any size") and its
/// search (api-2.md, "Finding a person"), from the keyboard, on a service of its own.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class TeamPagePagingAndFindTests(ChromiumFixture chromium, ServiceFixture service) : IClassFixture<ServiceFixture>
{
    private const int Items = 53;

    // Names differ in letters (digits are not part of a name's key), so that every item is a person of its own.
    private static string Letters(int i) => $"{(char)('a' + i / 26)}{(char)('a' + i % 26)}";

    private async Task<string[]> SeedAsync()
    {
        var answers = ReferralForm.BaselineAnswers();
        answers.Remove("oncologistConcerns");
        var ids = new List<string>();
        for (var i = 0; i < Items; i++)
        {
            var response = await service.Host.Client.PostAsJsonAsync("/api/screenings", new JsonObject
            {
                ["answers"] = answers.DeepClone(),
                ["contact"] = new JsonObject { ["name"] = $"Pat Paged {Letters(i)}", ["email"] = $"pat.paged.{i}@example.org", ["phone"] = $"+1 507 555 {i:D4}" },
                ["consentToContact"] = true,
            });
            Assert.True(response.IsSuccessStatusCode, $"POST /api/screenings: {(int)response.StatusCode}");
            ids.Add((string)(await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!);
        }
        foreach (var id in ids)
        {
            await Submissions.RoutedAsync(service.Host, id);
        }
        return [.. ids];
    }

    [Fact]
    public Task Load_more_shows_the_next_page_from_the_keyboard_and_a_person_is_found_by_e_mail_with_name_and_phone() =>
        BrowserPage.RunAsync(chromium, service.Host, nameof(Load_more_shows_the_next_page_from_the_keyboard_and_a_person_is_found_by_e_mail_with_name_and_phone), async browser =>
        {
            var ids = await SeedAsync();
            var page = browser.Page;
            await TeamPage.OpenAsync(page, service.Host.Key);
            var worklist = TeamPage.Section(page, "Worklist");
            var opens = worklist.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Open submission") });

            // The first page: 50 items, their people's names and phones, and a button for the rest.
            await Expect(opens).ToHaveCountAsync(50);
            await Expect(page.Locator("#worklist-count")).ToContainTextAsync("more to load");
            await Expect(worklist).ToContainTextAsync("Pat Paged aa");
            await Expect(worklist).ToContainTextAsync("+1 507 555 0000");
            var more = worklist.GetByRole(AriaRole.Button, new() { Name = "Load more of the worklist", Exact = true });
            await KeyboardOnly.PressAsync(page, more, "Load more");

            await Expect(opens).ToHaveCountAsync(Items);
            await Expect(more).ToBeHiddenAsync();
            await Expect(page.Locator("#worklist-count")).Not.ToContainTextAsync("more to load");
            // The focus is on the first new item, so the keyboard goes on where the list grew.
            var focused = await page.EvaluateAsync<string>("() => document.activeElement ? document.activeElement.outerHTML.slice(0, 200) : 'nothing'");
            Assert.True(await KeyboardOnly.HasFocusAsync(opens.Nth(50)), $"the focus is on the first item loaded, not on {focused}");
            var shown = await opens.EvaluateAllAsync<string[]>("els => els.map(e => e.getAttribute('data-open'))");
            Assert.Equal(ids.Order(StringComparer.Ordinal), shown.Order(StringComparer.Ordinal));
            var axe = await page.RunAxe();
            Assert.DoesNotContain(axe.Violations, v => v.Impact is "serious" or "critical");

            // Finding a person: the e-mail in another case, from the keyboard.
            var find = TeamPage.Section(page, "Find a person");
            await KeyboardOnly.PressAsync(page, find.GetByRole(AriaRole.Button, new() { Name = "Find", Exact = true }), "Find, with nothing filled in");
            await Expect(page.Locator("#find-email-error")).Not.ToBeEmptyAsync();
            await KeyboardOnly.TypeAsync(page, find.GetByLabel("E-mail", new() { Exact = true }), "PAT.PAGED.7@example.org", "the e-mail");
            await KeyboardOnly.PressAsync(page, find.GetByRole(AriaRole.Button, new() { Name = "Find", Exact = true }), "Find");
            await Expect(page.Locator("#find-count")).ToHaveTextAsync("Found 1 person.");
            var results = page.Locator("#find-results");
            await Expect(results.GetByRole(AriaRole.Button, new() { Name = $"Open submission {ids[7][..8]}", Exact = true })).ToBeVisibleAsync();
            await Expect(results).ToContainTextAsync("Pat Paged ah");
            await Expect(results).ToContainTextAsync("+1 507 555 0007");
            axe = await page.RunAxe();
            Assert.DoesNotContain(axe.Violations, v => v.Impact is "serious" or "critical");
        });
}
