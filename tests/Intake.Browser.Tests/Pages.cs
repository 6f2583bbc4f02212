using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Intake.Browser.Tests;

/// <summary>The three pages, each opened and made ready the way a person would see it first.</summary>
public static class Pages
{
    /// <summary>The pages by a short name, for the scan and the screenshots.</summary>
    public static readonly string[] Names = ["patient", "refer", "team"];

    /// <summary>Opens page <paramref name="name"/> and waits until it shows its content (the team page after the key).</summary>
    public static async Task OpenAsync(IPage page, string name, string staffKey)
    {
        switch (name)
        {
            case "patient":
                await page.GotoAsync("/");
                await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(PatientWords.English.AboutYou);
                break;
            case "refer":
                await page.GotoAsync("/refer");
                await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Send referral", Exact = true })).ToBeVisibleAsync();
                // The questions come from fields.js: wait until they replace "Loading the questions…".
                await Expect(page.GetByLabel("Patient's name", new() { Exact = true })).ToBeVisibleAsync();
                await Expect(page.GetByText("Loading the questions")).ToHaveCountAsync(0);
                break;
            case "team":
                await TeamPage.OpenAsync(page, staffKey);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(name), name, "No such page.");
        }
    }
}
