using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Intake.Browser.Tests;

/// <summary>How the patient can be reached, as typed into the form's "About you" step.</summary>
public sealed record PatientContact(string Name, string? Email, string? Phone);

/// <summary>The patient form's words that are not questions (agreed with the page's authors), in one language.</summary>
public sealed record PatientWords(
    string Language, string SwitchTo, string Next, string Back, string Send, string Change,
    string AboutYou, string Review, string ThankYou, string Name, string Email, string Phone, string Consent)
{
    public static PatientWords English { get; } = new("en", "Español", "Next", "Back", "Send", "Change",
        "About you", "Check your answers", "Thank you", "Your name", "E-mail", "Phone",
        "I agree that the study team may contact me about this study");

    public static PatientWords Spanish { get; } = new("es", "English", "Siguiente", "Atrás", "Enviar", "Cambiar",
        "Sobre usted", "Revise sus respuestas", "Gracias", "Su nombre", "Correo electrónico", "Teléfono",
        "Acepto que el equipo del estudio me contacte sobre este estudio");
}

/// <summary>
/// The patient's interest form at <c>/</c>, filled by keyboard alone: on each step every planned
/// question that the step shows is answered by its visible words (fields.js), then "Next" until the
/// review. The answers are given as the API's JSON, so what the person meant is also what the
/// submission must hold.
/// </summary>
public sealed class PatientForm(IPage page, FieldTexts texts, PatientWords words)
{
    private const int MaxSteps = 30;

    public PatientWords Words => words;

    public ILocator Heading => page.Locator("h1");

    /// <summary>Opens the form and loads fields.js's words.</summary>
    public static async Task<PatientForm> OpenAsync(IPage page, PatientWords words)
    {
        await page.GotoAsync("/");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = PatientWords.English.SwitchTo, Exact = true })).ToBeVisibleAsync();
        var form = new PatientForm(page, await FieldTexts.LoadAsync(page), words);
        if (words.Language != "en")
        {
            await KeyboardOnly.PressAsync(page, page.GetByRole(AriaRole.Button, new() { Name = PatientWords.English.SwitchTo, Exact = true }), "the language button");
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = words.SwitchTo, Exact = true })).ToBeVisibleAsync();
            await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", new Regex($"^{words.Language}"));
        }
        return form;
    }

    /// <summary>Answers every step until the review ("Check your answers"); fails if a planned answer was never asked.</summary>
    public async Task FillAsync(JsonObject answers, PatientContact contact)
    {
        var pending = answers.Select(a => a.Key).ToList();
        var contactPending = true;
        for (var step = 0; step < MaxSteps; step++)
        {
            await Expect(Heading).ToBeVisibleAsync();
            var title = (await Heading.InnerTextAsync()).Trim();
            if (title == words.Review)
            {
                Assert.True(pending.Count == 0 && !contactPending,
                    $"The review came before these were asked: {string.Join(", ", pending.Concat(contactPending ? ["contact"] : []))}.");
                return;
            }
            foreach (var name in pending.ToList())
            {
                if (await IsShownAsync(name))
                {
                    await AnswerAsync(name, answers[name]);
                    pending.Remove(name);
                }
            }
            if (!answers.ContainsKey("scheduledClinicalBiopsy") && await IsShownAsync("scheduledClinicalBiopsy"))
            {
                await AnswerAsync("scheduledClinicalBiopsy", null);
            }
            if (contactPending && await page.GetByLabel(words.Name, new() { Exact = true }).IsVisibleAsync())
            {
                await FillContactAsync(contact);
                contactPending = false;
            }
            await KeyboardOnly.PressAsync(page, Button(words.Next), $"'{words.Next}' on step '{title}'");
            await Expect(Heading).Not.ToHaveTextAsync(title);
        }
        Assert.Fail($"The review did not come after {MaxSteps} steps.");
    }

    /// <summary>On the review, presses "Send" and returns the service's answer to the form's POST.</summary>
    public async Task<IResponse> SendAsync()
    {
        await Expect(Heading).ToHaveTextAsync(words.Review);
        var response = await page.RunAndWaitForResponseAsync(
            () => KeyboardOnly.PressAsync(page, Button(words.Send), $"'{words.Send}'"),
            r => r.Request.Method == "POST" && new Uri(r.Url).AbsolutePath == "/api/screenings");
        // The page solved a challenge for real through the widget and sent its solution.
        Assert.False(string.IsNullOrEmpty(await response.Request.HeaderValueAsync("x-altcha")), "The form's POST carries no X-Altcha solution.");
        return response;
    }

    public ILocator Button(string name) => page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true });

    /// <summary>The question's control: its fieldset (a group named by the legend) or, for a single field, the field.</summary>
    public ILocator Question(string name)
    {
        var label = texts.Label(name, words.Language);
        var group = page.GetByRole(AriaRole.Group, new() { NameRegex = StartsWith(label) });
        return texts.Kind(name) == "date" ? page.GetByLabel(StartsWith(label)).Or(group).First : group;
    }

    private async Task<bool> IsShownAsync(string name) => await Question(name).IsVisibleAsync();

    private async Task AnswerAsync(string name, JsonNode? value)
    {
        var question = Question(name);
        var what = $"the question '{texts.Label(name, words.Language)}'";
        switch (texts.Kind(name))
        {
            case "choice":
                await ChooseAsync(question, texts.Option(name, words.Language, (string)value!), what);
                break;
            case "ecog":
                await ChooseAsync(question, texts.Option(name, words.Language, value is null ? "" : $"{(int)value}"), what);
                break;
            case "sites":
                foreach (var site in value!.AsArray().Select(s => (string)s!))
                {
                    await KeyboardOnly.CheckAsync(page, question.GetByRole(AriaRole.Checkbox, new() { Name = texts.Site(site, words.Language), Exact = true }), $"{what}: {site}");
                }
                break;
            case "date":
                await TypeDateAsync(question, DateOnly.Parse((string)value!), what);
                break;
            case "biopsy":
                if (value is null)
                {
                    await ChooseAsync(question, texts.Text(name, words.Language, "no"), what);
                    break;
                }
                await ChooseAsync(question, texts.Text(name, words.Language, "yes"), what);
                await ChooseSiteAsync(page.GetByLabel(texts.Text(name, words.Language, "site"), new() { Exact = true }), (string)value["site"]!, $"{what}: where");
                await TypeDateAsync(page.GetByLabel(texts.Text(name, words.Language, "date"), new() { Exact = true }), DateOnly.Parse((string)value["date"]!), $"{what}: when");
                break;
            default:
                throw new InvalidOperationException($"The patient form has no question of kind {texts.Kind(name)} ({name}).");
        }
    }

    private Task ChooseAsync(ILocator group, string option, string what) =>
        KeyboardOnly.ChooseRadioAsync(page, group, group.GetByRole(AriaRole.Radio, new() { Name = option, Exact = true }), $"{what}: '{option}'");

    /// <summary>A site from a list: a select (type-ahead picks the option) or a radio group.</summary>
    private async Task ChooseSiteAsync(ILocator control, string site, string what)
    {
        var label = texts.Site(site, words.Language);
        if (await control.EvaluateAsync<string>("el => el.tagName") == "SELECT")
        {
            await KeyboardOnly.TabToAsync(page, control, what);
            await page.Keyboard.TypeAsync(label);
            await Expect(control).ToHaveValueAsync(site);
        }
        else
        {
            await ChooseAsync(control, label, what);
        }
    }

    /// <summary>A date typed as a person does: a date input takes the US browser's month, day, year; a text field the ISO date.</summary>
    private async Task TypeDateAsync(ILocator field, DateOnly date, string what)
    {
        var type = await field.GetAttributeAsync("type");
        if (type == "date")
        {
            await KeyboardOnly.TabToAsync(page, field, what);
            await page.Keyboard.TypeAsync(date.ToString("MMddyyyy", System.Globalization.CultureInfo.InvariantCulture));
            await Expect(field).ToHaveValueAsync(date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        }
        else
        {
            await KeyboardOnly.TypeAsync(page, field, date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), what);
        }
    }

    private async Task FillContactAsync(PatientContact contact)
    {
        await KeyboardOnly.TypeAsync(page, page.GetByLabel(words.Name, new() { Exact = true }), contact.Name, $"'{words.Name}'");
        if (contact.Email is not null)
        {
            await KeyboardOnly.TypeAsync(page, page.GetByLabel(words.Email, new() { Exact = true }), contact.Email, $"'{words.Email}'");
        }
        if (contact.Phone is not null)
        {
            await KeyboardOnly.TypeAsync(page, page.GetByLabel(words.Phone, new() { Exact = true }), contact.Phone, $"'{words.Phone}'");
        }
        await KeyboardOnly.CheckAsync(page, page.GetByRole(AriaRole.Checkbox, new() { Name = words.Consent, Exact = true }), $"'{words.Consent}'");
    }

    /// <summary>A name that starts with <paramref name="text"/> ("/" escaped too: Playwright writes the pattern between slashes).</summary>
    private static Regex StartsWith(string text) => new($"^\\s*{Regex.Escape(text).Replace("/", "\\/", StringComparison.Ordinal)}");
}
