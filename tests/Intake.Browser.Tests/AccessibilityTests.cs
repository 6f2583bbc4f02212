using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;

namespace Intake.Browser.Tests;

/// <summary>axe-core's scan of each page, as it first shows (the team page after the key, with items on its lists).</summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessibilityTests(ChromiumFixture chromium, ServiceFixture service) : IClassFixture<ServiceFixture>
{
    [Theory]
    [InlineData("patient")]
    [InlineData("refer")]
    [InlineData("team")]
    public Task An_accessibility_scan_of_the_page_finds_no_serious_or_critical_violation(string name) =>
        BrowserPage.RunAsync(chromium, service.Host, $"axe-{name}", async browser =>
        {
            if (name == "team")
            {
                await TeamPage.SeedAsync(service.Host);
            }
            await Pages.OpenAsync(browser.Page, name, service.Host.Key);

            var result = await browser.Page.RunAxe();

            var all = result.Violations.Select(Describe).ToList();
            var blocking = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
            Assert.True(blocking.Count == 0,
                $"axe found {blocking.Count} serious or critical violation(s) on '{name}'. Every violation:\n{string.Join("\n", all)}");
        });

    private static string Describe(AxeResultItem v) =>
        $"  [{v.Impact}] {v.Id}: {v.Help} ({v.HelpUrl})\n" +
        string.Join("\n", v.Nodes.Select(n => $"      {n.Target}: {n.Html}\n        " +
            string.Join("; ", new[] { n.Any, n.All, n.None }.SelectMany(checks => checks ?? []).Select(c => c.Message))));
}
