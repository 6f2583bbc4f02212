using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Intake.Browser.Tests;

/// <summary>The study team's page at <c>/team</c>, on a service of its own so that its worklist holds only what this test sent.</summary>
[Collection(BrowserCollection.Name)]
public sealed class TeamPageTests(ChromiumFixture chromium, ServiceFixture service) : IClassFixture<ServiceFixture>
{
    [Fact]
    public Task The_team_page_shows_a_screening_and_an_urgent_referral_on_the_worklist_urgent_first_and_a_status_change_sticks() =>
        BrowserPage.RunAsync(chromium, service.Host, nameof(The_team_page_shows_a_screening_and_an_urgent_referral_on_the_worklist_urgent_first_and_a_status_change_sticks), async browser =>
        {
            var page = browser.Page;
            // First a patient's screening from the form (High), then a referral from /refer with a
            // clinical biopsy in 5 days (Urgent): the newer, urgent one must come first.
            var form = await PatientForm.OpenAsync(page, PatientWords.English);
            await form.FillAsync(new JsonObject
            {
                ["dateOfBirth"] = "1975-05-05", ["sex"] = "female", ["breastCancer"] = "invasiveConfirmed", ["distantMetastasis"] = "yes",
                ["metastaticSites"] = new JsonArray("bone", "liver"), ["diseaseStatus"] = "progressing", ["primaryTissue"] = "ffpe",
                ["willingResearchBiopsy"] = "yes", ["ecog"] = 1, ["canConsent"] = "yes", ["pregnant"] = "no",
                ["localAnestheticAllergy"] = "no", ["cognitiveImpairment"] = "no",
            }, new PatientContact("Ada Worklist", "ada.worklist@example.org", null));
            var screening = await Submissions.AcceptedIdAsync(await form.SendAsync());
            await Expect(form.Heading).ToHaveTextAsync(PatientWords.English.ThankYou);

            var answers = ReferralForm.BaselineAnswers();
            answers["scheduledClinicalBiopsy"] = new JsonObject { ["site"] = "liver", ["date"] = Submissions.Iso(Submissions.Today.AddDays(5)) };
            var referralForm = await ReferralForm.OpenAsync(page);
            await referralForm.FillAsync(answers, new PatientContact("Cleo Worklist", null, "+1 507 555 0103"), new Referrer("Dr. Lin", "Example Oncology", "lin@example.org", null));
            var referral = await referralForm.SendAsync();

            Assert.Equal("High", (string?)(await Submissions.RoutedAsync(service.Host, screening))["precheck"]!["priority"]);
            Assert.Equal("Urgent", (string?)(await Submissions.RoutedAsync(service.Host, referral))["precheck"]!["priority"]);

            await TeamPage.OpenAsync(page, service.Host.Key);

            var worklist = TeamPage.Section(page, "Worklist");
            var opens = worklist.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Open submission") });
            await Expect(opens).ToHaveCountAsync(2);
            Assert.Equal([$"Open submission {Short(referral)}", $"Open submission {Short(screening)}"],
                await opens.EvaluateAllAsync<string[]>("buttons => buttons.map(b => b.getAttribute('aria-label') ?? b.textContent.trim())"));
            await Expect(Card(worklist, referral)).ToContainTextAsync("Urgent");
            await Expect(Card(worklist, screening)).ToContainTextAsync("High");

            await OpenButton(worklist, screening).ClickAsync();
            var item = page.GetByRole(AriaRole.Region, new() { NameRegex = new Regex(Regex.Escape(Short(screening))) });
            await Expect(item).ToBeVisibleAsync();
            await item.GetByLabel("Team status", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Contacted" });
            await item.GetByLabel("Note", new() { Exact = true }).FillAsync("Called; she will send her pathology report.");
            await item.GetByRole(AriaRole.Button, new() { Name = "Save status", Exact = true }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Team status saved" })).ToContainTextAsync("Contacted");

            await page.ReloadAsync();
            await TeamPage.SignInIfAskedAsync(page, service.Host.Key);

            await Expect(TeamField(Card(TeamPage.Section(page, "Worklist"), screening))).ToHaveTextAsync("Contacted");
            await Expect(TeamField(Card(TeamPage.Section(page, "Worklist"), referral))).ToHaveTextAsync("New");
            var stored = await Submissions.GetAsync(service.Host, screening);
            Assert.Equal("Contacted", (string?)stored["teamStatus"]);
            Assert.Contains(stored["history"]!.AsArray(), e => ((string?)e!["event"])!.Contains("Called; she will send her pathology report.", StringComparison.Ordinal));
        });

    [Fact]
    public Task A_submission_is_marked_not_genuine_with_its_reason_from_the_keyboard_leaves_the_worklist_and_can_be_reopened() =>
        BrowserPage.RunAsync(chromium, service.Host, nameof(A_submission_is_marked_not_genuine_with_its_reason_from_the_keyboard_leaves_the_worklist_and_can_be_reopened), async browser =>
        {
            var page = browser.Page;
            var id = await Submissions.RoutedScreeningAsync(service.Host, "Zed Bot", "zed.bot@example.org");

            await TeamPage.OpenAsync(page, service.Host.Key);
            await KeyboardOnly.PressAsync(page, OpenButton(TeamPage.Section(page, "Worklist"), id), "the item's Open button");
            var item = page.GetByRole(AriaRole.Region, new() { NameRegex = new Regex(Regex.Escape(Short(id))) });
            await Expect(item).ToBeVisibleAsync();
            var mark = item.GetByRole(AriaRole.Button, new() { Name = "Mark not genuine", Exact = true });

            // Without a reason: the service's 400 names the field, shown beside it.
            await KeyboardOnly.PressAsync(page, mark, "Mark not genuine");
            await Expect(item.Locator("#ng-reason-error")).Not.ToBeEmptyAsync();
            Assert.Equal("Routed", (string?)(await Submissions.GetAsync(service.Host, id))["status"]);

            await KeyboardOnly.TypeAsync(page, item.GetByLabel("Reason", new() { Exact = true }), "One of 40 posts from one script", "the reason");
            await KeyboardOnly.PressAsync(page, mark, "Mark not genuine");
            await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "marked not genuine" })).ToBeVisibleAsync();
            await Expect(OpenButton(TeamPage.Section(page, "Worklist"), id)).ToHaveCountAsync(0);
            await Expect(OpenButton(TeamPage.Section(page, "Screened out"), id)).ToHaveCountAsync(0);
            var stored = await Submissions.GetAsync(service.Host, id);
            Assert.Equal("NotGenuine", (string?)stored["status"]);
            Assert.Equal("One of 40 posts from one script", (string?)stored["notGenuine"]!["reason"]);

            // A mistake is undone with Reopen: back on the worklist.
            var marked = page.GetByRole(AriaRole.Region, new() { NameRegex = new Regex(Regex.Escape(Short(id))) });
            await Expect(marked).ToContainTextAsync("Marked not genuine");
            await KeyboardOnly.PressAsync(page, marked.GetByRole(AriaRole.Button, new() { Name = "Reopen", Exact = true }), "Reopen");
            await Expect(OpenButton(TeamPage.Section(page, "Worklist"), id)).ToHaveCountAsync(1);
            Assert.Equal("Routed", (string?)(await Submissions.GetAsync(service.Host, id))["status"]);

            // Marked again, so that this service's worklist holds only what the other tests sent.
            var again = await service.Host.Client.SendAsync(new HttpRequestMessage(HttpMethod.Post, $"/api/submissions/{id}/not-genuine")
            {
                Headers = { { "x-functions-key", service.Host.Key } },
                Content = JsonContent.Create(new JsonObject { ["reason"] = "One of 40 posts from one script" }),
            });
            Assert.True(again.IsSuccessStatusCode);
        });

    [Fact]
    public Task A_referrer_address_is_confirmed_from_the_keyboard_before_an_update_can_be_sent_and_who_confirmed_it_is_shown() =>
        BrowserPage.RunAsync(chromium, service.Host, nameof(A_referrer_address_is_confirmed_from_the_keyboard_before_an_update_can_be_sent_and_who_confirmed_it_is_shown), async browser =>
        {
            var page = browser.Page;
            var answers = ReferralForm.BaselineAnswers();
            var response = await service.Host.Client.PostAsJsonAsync("/api/referrals", new JsonObject
            {
                ["answers"] = answers,
                ["patient"] = new JsonObject { ["name"] = "Rhea Referred", ["phone"] = "+1 507 555 0131" },
                ["referrer"] = new JsonObject { ["name"] = "Dr. Okafor", ["institution"] = "Example Oncology", ["email"] = "okafor@example.org" },
                ["patientAwareOfReferral"] = true,
            });
            Assert.True(response.IsSuccessStatusCode, $"POST /api/referrals: {(int)response.StatusCode}");
            var id = (string)(await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
            await Submissions.RoutedAsync(service.Host, id);

            await TeamPage.OpenAsync(page, service.Host.Key);
            await KeyboardOnly.PressAsync(page, OpenButton(TeamPage.Section(page, "Worklist"), id), "the item's Open button");
            var item = page.GetByRole(AriaRole.Region, new() { NameRegex = new Regex(Regex.Escape(Short(id))) });
            await Expect(item.GetByRole(AriaRole.Heading, new() { Name = "Confirm the referrer's e-mail address" })).ToBeVisibleAsync();
            var scan = await page.RunAxe();
            Assert.DoesNotContain(scan.Violations, v => v.Impact is "serious" or "critical");
            // No update can be asked for yet: the form to tell the referrer is not there.
            await Expect(item.GetByRole(AriaRole.Button, new() { Name = "Tell the referrer", Exact = true })).ToHaveCountAsync(0);
            var confirm = item.GetByRole(AriaRole.Button, new() { Name = "Confirm the address", Exact = true });

            // Not ticked: said beside the box, nothing recorded.
            await KeyboardOnly.PressAsync(page, confirm, "Confirm the address");
            await Expect(item.Locator("#rc-checked-error")).Not.ToBeEmptyAsync();
            Assert.Null((await Submissions.GetAsync(service.Host, id))["referrer"]!["emailConfirmed"]);

            await KeyboardOnly.CheckAsync(page, item.GetByLabel("I checked that okafor@example.org is the referrer's address"), "the address checked box");
            await KeyboardOnly.PressAsync(page, confirm, "Confirm the address");
            await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "is confirmed" })).ToBeVisibleAsync();
            var confirmed = (await Submissions.GetAsync(service.Host, id))["referrer"]!["emailConfirmed"]!;
            Assert.Equal("local-staff", (string?)confirmed["by"]);
            var opened = page.GetByRole(AriaRole.Region, new() { NameRegex = new Regex(Regex.Escape(Short(id))) });
            await Expect(opened.Locator("#ru-confirmed")).ToContainTextAsync("Address confirmed by local-staff");

            // Now the update goes out to the confirmed address.
            await KeyboardOnly.PressAsync(page, opened.GetByRole(AriaRole.Button, new() { Name = "Tell the referrer", Exact = true }), "Tell the referrer");
            await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "The referrer will be e-mailed" })).ToBeVisibleAsync();

            // Marked not genuine, so that this service's worklist holds only what the other tests sent.
            var off = await service.Host.Client.SendAsync(new HttpRequestMessage(HttpMethod.Post, $"/api/submissions/{id}/not-genuine")
            {
                Headers = { { "x-functions-key", service.Host.Key } },
                Content = JsonContent.Create(new JsonObject { ["reason"] = "A test referral" }),
            });
            Assert.True(off.IsSuccessStatusCode);
        });

    [Fact]
    public Task A_manager_sees_who_opened_a_submission_in_its_access_log() =>
        BrowserPage.RunAsync(chromium, service.Host, nameof(A_manager_sees_who_opened_a_submission_in_its_access_log), async browser =>
        {
            var page = browser.Page;
            var answers = ReferralForm.BaselineAnswers();
            answers.Remove("oncologistConcerns");
            var response = await service.Host.Client.PostAsJsonAsync("/api/screenings", new JsonObject
            {
                ["answers"] = answers,
                ["contact"] = new JsonObject { ["name"] = "Ava Access", ["email"] = "ava.access@example.org" },
                ["consentToContact"] = true,
            });
            Assert.True(response.IsSuccessStatusCode, $"POST /api/screenings: {(int)response.StatusCode}");
            var id = (string)(await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
            await Submissions.RoutedAsync(service.Host, id);

            // Locally the staff key is the local staff member, who holds the manager's role.
            await TeamPage.OpenAsync(page, service.Host.Key);
            await OpenButton(TeamPage.Section(page, "Worklist"), id).ClickAsync();
            var item = page.GetByRole(AriaRole.Region, new() { NameRegex = new Regex(Regex.Escape(Short(id))) });
            await Expect(item).ToBeVisibleAsync();
            await item.GetByRole(AriaRole.Button, new() { Name = "Show who opened or changed it", Exact = true }).ClickAsync();

            var log = item.GetByRole(AriaRole.Region, new() { Name = "Access log table" });
            await Expect(log).ToContainTextAsync("GetSubmission");
            await Expect(log).ToContainTextAsync("local-staff");
            await Expect(log).ToContainTextAsync("manager");

            // Off the worklist again, so that this service's worklist holds only what the other tests sent.
            var again = await service.Host.Client.SendAsync(new HttpRequestMessage(HttpMethod.Post, $"/api/submissions/{id}/not-genuine")
            {
                Headers = { { "x-functions-key", service.Host.Key } },
                Content = JsonContent.Create(new JsonObject { ["reason"] = "A test of the access log" }),
            });
            Assert.True(again.IsSuccessStatusCode);
        });

    private static string Short(string id) => id[..8];

    private static ILocator OpenButton(ILocator list, string id) =>
        list.GetByRole(AriaRole.Button, new() { Name = $"Open submission {Short(id)}", Exact = true });

    /// <summary>A worklist item: the card that holds its "Open submission …" button (the inner locator is matched inside each card).</summary>
    private static ILocator Card(ILocator list, string id) =>
        list.Locator("article").Filter(new() { Has = list.Page.GetByRole(AriaRole.Button, new() { Name = $"Open submission {Short(id)}", Exact = true }) });

    /// <summary>The card's "Team status" value.</summary>
    private static ILocator TeamField(ILocator card) => card.Locator("dt:text-is('Team status') + dd");
}
