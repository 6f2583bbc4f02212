using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Intake.Browser.Tests;

/// <summary>The patient's interest form at <c>/</c>, used by keyboard alone, in English and in Spanish.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PatientFormTests(ChromiumFixture chromium, ServiceFixture service) : IClassFixture<ServiceFixture>
{
    private Task RunAsync(string name, Func<IPage, Task> test) => BrowserPage.RunAsync(chromium, service.Host, name, b => test(b.Page));

    /// <summary>Answers that take options in many positions (first, second, third), sites with a follow-up question, and no biopsy planned.</summary>
    private static JsonObject EnglishAnswers() => new()
    {
        ["dateOfBirth"] = "1972-03-15",
        ["sex"] = "female",
        ["breastCancer"] = "invasiveConfirmed",
        ["distantMetastasis"] = "yes",
        ["metastaticSites"] = new JsonArray("bone", "pleuralFluid"),
        ["diseaseStatus"] = "deNovoStageIV",
        ["primaryTissue"] = "ffpe",
        ["willingResearchBiopsy"] = "unknown",
        ["effusionCytologyConfirmed"] = "yes",
        ["ecog"] = 2,
        ["canConsent"] = "yes",
        ["pregnant"] = "no",
        ["localAnestheticAllergy"] = "no",
        ["cognitiveImpairment"] = "no",
    };

    /// <summary>Other options, and a clinical biopsy planned in 20 days.</summary>
    private static JsonObject SpanishAnswers() => new()
    {
        ["dateOfBirth"] = "1980-11-02",
        ["sex"] = "female",
        ["breastCancer"] = "invasiveSuspected",
        ["distantMetastasis"] = "yes",
        ["metastaticSites"] = new JsonArray("liver", "lung"),
        ["diseaseStatus"] = "progressing",
        ["primaryTissue"] = "freshFrozen",
        ["scheduledClinicalBiopsy"] = new JsonObject { ["site"] = "liver", ["date"] = Submissions.Iso(Submissions.Today.AddDays(20)) },
        ["willingResearchBiopsy"] = "no",
        ["ecog"] = 0,
        ["canConsent"] = "yes",
        ["pregnant"] = "unknown",
        ["localAnestheticAllergy"] = "no",
        ["cognitiveImpairment"] = "no",
    };

    [Fact]
    public Task A_patient_completes_the_form_in_English_by_keyboard_only_and_the_submission_holds_the_answers_the_choices_meant() =>
        RunAsync(nameof(A_patient_completes_the_form_in_English_by_keyboard_only_and_the_submission_holds_the_answers_the_choices_meant),
            page => CompleteByKeyboardAsync(page, PatientWords.English, EnglishAnswers(), new PatientContact("Ada Keyboard", "ada@example.org", "+1 507 555 0100")));

    [Fact]
    public Task A_patient_completes_the_form_in_Spanish_by_keyboard_only_and_the_submission_holds_the_answers_and_the_language() =>
        RunAsync(nameof(A_patient_completes_the_form_in_Spanish_by_keyboard_only_and_the_submission_holds_the_answers_and_the_language),
            page => CompleteByKeyboardAsync(page, PatientWords.Spanish, SpanishAnswers(), new PatientContact("Rosa Teclado", null, "+1 507 555 0199")));

    private async Task CompleteByKeyboardAsync(IPage page, PatientWords words, JsonObject answers, PatientContact contact)
    {
        var form = await PatientForm.OpenAsync(page, words);

        await form.FillAsync(answers, contact);
        // The review offers a way back to every step, in the form's language.
        await Expect(form.Button(words.Back)).ToBeVisibleAsync();
        Assert.True(await form.Button(words.Change).CountAsync() >= 6, $"The review should have a '{words.Change}' button for each step.");
        var response = await form.SendAsync();

        var id = await Submissions.AcceptedIdAsync(response);
        await Expect(form.Heading).ToHaveTextAsync(words.ThankYou);
        var submission = await Submissions.GetAsync(service.Host, id);
        Assert.Equal("selfScreening", (string?)submission["kind"]);
        Submissions.AssertSameAnswers(answers, submission["answers"]);
        var stored = submission["contact"]!;
        Assert.Equal(contact.Name, (string?)stored["name"]);
        Assert.Equal(contact.Email, (string?)stored["email"]);
        Assert.Equal(contact.Phone, (string?)stored["phone"]);
        Assert.Equal(words.Language, (string?)stored["preferredLanguage"]);
    }

    [Fact]
    public Task A_field_error_from_the_server_shows_beside_its_field_and_takes_the_focus() =>
        RunAsync(nameof(A_field_error_from_the_server_shows_beside_its_field_and_takes_the_focus), async page =>
        {
            var form = await PatientForm.OpenAsync(page, PatientWords.English);
            // The page does not check a phone number's digits; the service does (7 to 15 digits).
            await form.FillAsync(EnglishAnswers(), new PatientContact("Ada Typo", "ada@example.org", "12"));

            var response = await form.SendAsync();

            Assert.Equal(400, response.Status);
            var problem = JsonNode.Parse(await response.TextAsync())!;
            var message = (string)problem["errors"]!["contact.phone"]![0]!;
            var phone = page.GetByLabel(PatientWords.English.Phone, new() { Exact = true });
            await Expect(phone).ToBeVisibleAsync();
            await Expect(phone).ToHaveAttributeAsync("aria-invalid", "true");
            // The page may start the message with a capital letter: the words are the server's.
            await Expect(phone).ToHaveAccessibleDescriptionAsync(new System.Text.RegularExpressions.Regex(System.Text.RegularExpressions.Regex.Escape(message), System.Text.RegularExpressions.RegexOptions.IgnoreCase));
            await Expect(phone).ToBeFocusedAsync();
            // The message is shown, and beside the field: the element that describes it is visible and next to it.
            var describer = await phone.EvaluateAsync<string?>(
                "(el, message) => (el.getAttribute('aria-describedby') ?? '').split(/\\s+/).find(id => document.getElementById(id)?.textContent.toLowerCase().includes(message.toLowerCase())) ?? null",
                message);
            Assert.NotNull(describer);
            var error = page.Locator($"[id='{describer}']");
            await Expect(error).ToBeVisibleAsync();
            var (field, shown) = ((await phone.BoundingBoxAsync())!, (await error.BoundingBoxAsync())!);
            var gap = Math.Max(0, Math.Max(shown.Y - (field.Y + field.Height), field.Y - (shown.Y + shown.Height)));
            Assert.True(gap < 100, $"The phone's error is {gap:0} px away from the field.");
        });

    [Fact]
    public Task The_Spanish_summary_lists_the_errors_of_every_step_and_its_link_leads_to_the_field_on_its_own_step() =>
        RunAsync(nameof(The_Spanish_summary_lists_the_errors_of_every_step_and_its_link_leads_to_the_field_on_its_own_step), async page =>
        {
            var words = PatientWords.Spanish;
            var form = await PatientForm.OpenAsync(page, words);
            await form.FillAsync(SpanishAnswers(), new PatientContact("Rosa Resumen", null, "+1 507 555 0143"));
            // The service finds a problem on the first step and one on the contact step.
            const string problem = """{"title":"The request has invalid fields.","status":400,"errors":{"answers.dateOfBirth":["must be a date in the past"],"contact.phone":["must have 7 to 15 digits"]}}""";
            await page.RouteAsync("**/api/screenings", route => route.FulfillAsync(new() { Status = 400, ContentType = "application/problem+json", Body = problem }));

            await form.SendAsync();

            // The form goes to the first error's step and focuses its field; the summary there lists both.
            await Expect(form.Heading).ToHaveTextAsync(words.AboutYou);
            await Expect(form.Question("dateOfBirth")).ToBeFocusedAsync();
            var summary = page.Locator("#error-summary");
            await Expect(summary).ToHaveAttributeAsync("role", "alert");
            await Expect(summary.GetByRole(AriaRole.Link)).ToHaveCountAsync(2);
            var phoneLink = summary.GetByRole(AriaRole.Link, new() { NameRegex = new Regex($"^{Regex.Escape(words.Phone)}: ") });
            // The service's words stay in English inside the Spanish page, and say so.
            await Expect(phoneLink.Locator("span[lang='en']")).ToHaveTextAsync("must have 7 to 15 digits");

            await KeyboardOnly.PressAsync(page, phoneLink, "the summary's link to the phone");

            var phone = page.GetByLabel(words.Phone, new() { Exact = true });
            await Expect(phone).ToBeFocusedAsync();
            await Expect(phone).ToHaveAttributeAsync("aria-invalid", "true");
            await Expect(phone).ToHaveAccessibleDescriptionAsync(new Regex("must have 7 to 15 digits", RegexOptions.IgnoreCase));
        });

    [Fact]
    public Task When_the_automatic_check_fails_the_Spanish_form_says_so_sends_nothing_and_Try_again_sends_with_a_fresh_solution() =>
        RunAsync(nameof(When_the_automatic_check_fails_the_Spanish_form_says_so_sends_nothing_and_Try_again_sends_with_a_fresh_solution), async page =>
        {
            var words = PatientWords.Spanish;
            var form = await PatientForm.OpenAsync(page, words);
            await form.FillAsync(SpanishAnswers(), new PatientContact("Rosa Reintento", null, "+1 507 555 0142"));
            var posts = 0;
            page.Request += (_, r) => { if (r.Method == "POST" && new Uri(r.Url).AbsolutePath == "/api/screenings") { Interlocked.Increment(ref posts); } };
            // The service cannot give a challenge for now.
            await page.RouteAsync("**/api/challenge", route => route.FulfillAsync(new() { Status = 503, ContentType = "application/problem+json", Body = "{}" }));

            await KeyboardOnly.PressAsync(page, form.Button(words.Send), $"'{words.Send}'");

            var failure = page.Locator("#send-failure");
            await Expect(failure).ToBeVisibleAsync();
            await Expect(failure).ToHaveAttributeAsync("role", "alert");
            await Expect(failure).ToContainTextAsync("comprobación automática");
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Intentar de nuevo", Exact = true })).ToBeFocusedAsync();
            Assert.Equal(0, posts);

            await page.UnrouteAsync("**/api/challenge");
            var response = await page.RunAndWaitForResponseAsync(
                () => page.Keyboard.PressAsync("Enter"),
                r => r.Request.Method == "POST" && new Uri(r.Url).AbsolutePath == "/api/screenings");

            Assert.False(string.IsNullOrEmpty(await response.Request.HeaderValueAsync("x-altcha")));
            await Submissions.AcceptedIdAsync(response);
            await Expect(form.Heading).ToHaveTextAsync(words.ThankYou);
        });
}
