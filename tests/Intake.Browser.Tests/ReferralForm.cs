using System.Text.Json.Nodes;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Intake.Browser.Tests;

/// <summary>The referrer as typed into <c>/refer</c>.</summary>
public sealed record Referrer(string Name, string Institution, string? Email, string? Phone);

/// <summary>
/// The oncologist's referral form at <c>/refer</c>, filled by label as a clinician would with a
/// mouse: each question is found by its protocol wording from fields.js, each option by the
/// protocol's words for it. The answers are given as the API's JSON.
/// </summary>
public sealed class ReferralForm(IPage page, FieldTexts texts)
{
    public static async Task<ReferralForm> OpenAsync(IPage page)
    {
        await page.GotoAsync("/refer");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Send referral", Exact = true })).ToBeVisibleAsync();
        return new ReferralForm(page, await FieldTexts.LoadAsync(page));
    }

    private ILocator Group(string name) => page.GetByRole(AriaRole.Group, new() { Name = name, Exact = true });

    /// <summary>Answers every question named in <paramref name="answers"/>, then the patient, the referrer and the patient's awareness.</summary>
    public async Task FillAsync(JsonObject answers, PatientContact patient, Referrer referrer)
    {
        foreach (var (name, value) in answers)
        {
            var question = texts.Protocol(name);
            switch (texts.Kind(name))
            {
                case "date":
                    await page.GetByLabel(question, new() { Exact = true }).FillAsync((string)value!);
                    break;
                case "choice":
                    await Group(question).GetByRole(AriaRole.Radio, new() { Name = texts.ProtocolOption(name, (string)value!), Exact = true }).CheckAsync();
                    break;
                case "sites":
                    foreach (var site in value!.AsArray().Select(s => (string)s!))
                    {
                        await Group(question).GetByRole(AriaRole.Checkbox, new() { Name = texts.Site(site, "protocol"), Exact = true }).CheckAsync();
                    }
                    break;
                case "ecog":
                    await page.GetByLabel(question, new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = texts.ProtocolOption(name, $"{(int)value!}") });
                    break;
                case "biopsy":
                    await Group(question).GetByLabel("Clinical biopsy site", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = texts.Site((string)value!["site"]!, "protocol") });
                    await Group(question).GetByLabel("Clinical biopsy date", new() { Exact = true }).FillAsync((string)value["date"]!);
                    break;
                case "concerns":
                    foreach (var (member, concern) in value!.AsObject())
                    {
                        await Group(question).GetByRole(AriaRole.Group, new() { Name = texts.ProtocolText(name, "members", member), Exact = true })
                            .GetByRole(AriaRole.Radio, new() { Name = (bool)concern! ? "Yes" : "No", Exact = true }).CheckAsync();
                    }
                    break;
                default:
                    throw new InvalidOperationException($"The referral test does not answer {name} ({texts.Kind(name)}).");
            }
        }
        await page.GetByLabel("Patient's name", new() { Exact = true }).FillAsync(patient.Name);
        if (patient.Email is not null)
        {
            await page.GetByLabel("Patient's e-mail", new() { Exact = true }).FillAsync(patient.Email);
        }
        if (patient.Phone is not null)
        {
            await page.GetByLabel("Patient's phone", new() { Exact = true }).FillAsync(patient.Phone);
        }
        await page.GetByLabel("Your name", new() { Exact = true }).FillAsync(referrer.Name);
        await page.GetByLabel("Institution", new() { Exact = true }).FillAsync(referrer.Institution);
        if (referrer.Email is not null)
        {
            await page.GetByLabel("Your e-mail", new() { Exact = true }).FillAsync(referrer.Email);
        }
        if (referrer.Phone is not null)
        {
            await page.GetByLabel("Your phone", new() { Exact = true }).FillAsync(referrer.Phone);
        }
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "The patient knows of this referral", Exact = true }).CheckAsync();
    }

    /// <summary>Presses "Send referral", returns the id from the service's <c>202</c>, and waits for "Referral received".</summary>
    public async Task<string> SendAsync()
    {
        var response = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Send referral", Exact = true }).ClickAsync(),
            r => r.Request.Method == "POST" && new Uri(r.Url).AbsolutePath == "/api/referrals");
        // The page solved a challenge for real through the widget and sent its solution.
        Assert.False(string.IsNullOrEmpty(await response.Request.HeaderValueAsync("x-altcha")), "The referral's POST carries no X-Altcha solution.");
        var id = await Submissions.AcceptedIdAsync(response);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Referral received");
        return id;
    }

    /// <summary>The all-Met baseline in the referral's terms, with the oncologist's opinion (no concern).</summary>
    public static JsonObject BaselineAnswers()
    {
        var answers = Intake.Testing.SpecExamples.BaselineJson();
        answers["dateOfBirth"] = "1968-07-21";
        answers["metastaticSites"] = new JsonArray("liver", "bone");
        answers["oncologistConcerns"] = new JsonObject { ["seriousComorbidity"] = false, ["biopsySafetyRisk"] = false, ["hazardousCondition"] = false };
        return answers;
    }
}
