using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Intake.Browser.Tests;

/// <summary>
/// What the public forms' automatic check costs a person: fresh challenges at the service's default
/// cost, solved by the pages' own widget in the tests' Chromium, without and with CPU throttling
/// (CDP <c>Emulation.setCPUThrottlingRate</c>, 4: a phone-class CPU). Prints the median and p95;
/// the time is never asserted (docs/performance.md records the figures).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ChallengeCostTests(ChromiumFixture chromium, ServiceFixture service, ITestOutputHelper output) : IClassFixture<ServiceFixture>
{
    private const int Challenges = 20;

    private const string SolveMany = """
        async (n) => {
          const { createHumanCheck } = await import('/assets/human-check.js');
          const box = document.createElement('div');
          document.body.append(box);
          const check = createHumanCheck(box, 'en');
          const times = [];
          for (let i = 0; i < n; i++) {
            const started = performance.now();
            await check.solve();
            times.push(performance.now() - started);
          }
          box.remove();
          return times;
        }
        """;

    [Fact]
    public Task Twenty_fresh_challenges_at_the_default_cost_are_solved_by_the_widget_and_their_median_and_p95_printed() =>
        BrowserPage.RunAsync(chromium, service.Host, "challenge cost", async browser =>
        {
            var page = browser.Page;
            await page.GotoAsync("/");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
            var maxNumber = (await service.Host.Anonymous.GetFromJsonAsync<JsonElement>("/api/challenge")).GetProperty("maxnumber").GetInt32();
            var cdp = await page.Context.NewCDPSessionAsync(page);
            var cores = await page.EvaluateAsync<int>("() => navigator.hardwareConcurrency");
            output.WriteLine($"{Challenges} fresh challenges, maxnumber {maxNumber} (the default), solved by the widget with {cores} workers, fetch included:");
            foreach (var rate in new[] { 1, 4 })
            {
                await cdp.SendAsync("Emulation.setCPUThrottlingRate", new Dictionary<string, object> { ["rate"] = rate });
                var times = (await page.EvaluateAsync<double[]>(SolveMany, Challenges)).Order().ToArray();

                Assert.Equal(Challenges, times.Length);
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  CPU throttling {rate}x: median {Percentile(times, 0.5):F0} ms, p95 {Percentile(times, 0.95):F0} ms, max {times[^1]:F0} ms"));
            }
            await cdp.SendAsync("Emulation.setCPUThrottlingRate", new Dictionary<string, object> { ["rate"] = 1 });
        });

    /// <summary>The nearest-rank percentile of sorted values.</summary>
    private static double Percentile(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
