using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Intake.Testing;
using Microsoft.Playwright;

namespace Intake.Browser.Tests;

/// <summary>
/// One page in a fresh browser context on the local host, with what the page logged kept for the
/// failure message; a failing test leaves a screenshot and the HTML in <see cref="Artifacts.Failures"/>.
/// </summary>
public sealed partial class BrowserPage : IAsyncDisposable
{
    /// <summary>How long Playwright's auto-waiting and expectations wait before failing.</summary>
    public const float Timeout = 15_000;

    private readonly IBrowserContext _context;
    private readonly ConcurrentQueue<string> _log = new();

    private BrowserPage(IBrowserContext context, IPage page, LocalHostProcess host)
    {
        _context = context;
        Page = page;
        Host = host;
        page.Console += (_, m) => { if (m.Type is "error" or "warning") { _log.Enqueue($"console {m.Type}: {m.Text}"); } };
        page.PageError += (_, e) => _log.Enqueue($"page error: {e}");
        page.RequestFailed += (_, r) => _log.Enqueue($"request failed: {r.Method} {r.Url} {r.Failure}");
        page.Response += (_, r) => { if (r.Status >= 400) { _log.Enqueue($"response {r.Status}: {r.Request.Method} {r.Url}"); } };
    }

    public IPage Page { get; }

    public LocalHostProcess Host { get; }

    /// <summary>A desktop-sized page (1280×900) unless told otherwise, English (US) browser, the site's time zone.</summary>
    public static async Task<BrowserPage> OpenAsync(ChromiumFixture chromium, LocalHostProcess host, int width = 1280, int height = 900)
    {
        var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = host.Address.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "en-US",
            TimezoneId = "America/Chicago",
        });
        context.SetDefaultTimeout(Timeout);
        Assertions.SetDefaultExpectTimeout(Timeout);
        return new BrowserPage(context, await context.NewPageAsync(), host);
    }

    /// <summary>Runs <paramref name="test"/> on a new page; on failure saves the page and adds what it logged to the message.</summary>
    public static async Task RunAsync(ChromiumFixture chromium, LocalHostProcess host, string name, Func<BrowserPage, Task> test, int width = 1280, int height = 900)
    {
        await using var browser = await OpenAsync(chromium, host, width, height);
        try
        {
            await test(browser);
        }
        catch (Exception e) when (e is not BrowserTestFailure)
        {
            throw new BrowserTestFailure(await browser.DescribeFailureAsync(name), e);
        }
    }

    /// <summary>Saves a screenshot and the HTML of the page, and says where, with what the page logged.</summary>
    public async Task<string> DescribeFailureAsync(string name)
    {
        var file = Path.Combine(Artifacts.Failures, Safe().Replace(name, "_"));
        var saved = "";
        try
        {
            await Page.ScreenshotAsync(new PageScreenshotOptions { Path = file + ".png", FullPage = true, Timeout = 10_000 });
            await File.WriteAllTextAsync(file + ".html", await Page.ContentAsync());
            saved = $" The page is saved as {file}.png and .html.";
        }
        catch (PlaywrightException e)
        {
            saved = $" (The page could not be saved: {e.Message})";
        }
        var log = _log.IsEmpty ? "The page logged nothing." : "The page logged:\n  " + string.Join("\n  ", _log);
        return $"Browser test '{name}' failed at {Page.Url}.{saved}\n{log}";
    }

    public async ValueTask DisposeAsync() => await _context.CloseAsync();

    [GeneratedRegex("[^A-Za-z0-9_.-]+")]
    private static partial Regex Safe();
}

/// <summary>A browser test's failure, with where the page was saved and what it logged; the failure itself is the inner exception.</summary>
public sealed class BrowserTestFailure(string message, Exception inner) : Exception(message, inner);
