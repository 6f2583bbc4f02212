using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Intake.Browser.Tests;

/// <summary>Screenshots of each page at a phone's width and a desktop's, kept as test artifacts for a person to look at.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ScreenshotTests(ChromiumFixture chromium, ServiceFixture service, ITestOutputHelper output) : IClassFixture<ServiceFixture>
{
    public static TheoryData<string, int, int> Cases()
    {
        var cases = new TheoryData<string, int, int>();
        foreach (var page in Pages.Names)
        {
            cases.Add(page, 390, 844);
            cases.Add(page, 1280, 900);
        }
        return cases;
    }

    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    [Theory]
    [MemberData(nameof(Cases))]
    public Task A_screenshot_of_the_page_is_written_to_the_test_artifacts(string name, int width, int height) =>
        BrowserPage.RunAsync(chromium, service.Host, $"screenshot-{name}-{width}", async browser =>
        {
            if (name == "team")
            {
                await TeamPage.SeedAsync(service.Host);
            }
            await Pages.OpenAsync(browser.Page, name, service.Host.Key);
            var file = Path.Combine(Artifacts.Screenshots, $"{name}-{width}x{height}.png");
            File.Delete(file);

            await browser.Page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true });

            output.WriteLine($"Screenshot: {file}");
            Assert.True(File.Exists(file), $"No screenshot at {file}.");
            var bytes = await File.ReadAllBytesAsync(file);
            Assert.True(bytes.Length > 1000, $"{file} is only {bytes.Length} bytes.");
            Assert.Equal(PngSignature, bytes[..8]);
        }, width, height);
}
