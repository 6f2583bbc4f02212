using Microsoft.Playwright;

namespace Intake.Browser.Tests;

/// <summary>
/// Playwright driving Debian's Chromium, headless, once for all browser tests. Playwright's own
/// browser download cannot work on these machines, so the browser is the system's
/// (<c>apt-get install chromium</c>); the Playwright driver (node and its package) comes inside the
/// Microsoft.Playwright NuGet package and is copied to the test output at build.
/// </summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    /// <summary>Where Debian's package puts the browser.</summary>
    public const string DefaultExecutable = "/usr/bin/chromium";

    private static readonly string[] Arguments =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic",
    ];

    public IPlaywright Playwright { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>The Chromium in use: <c>PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH</c>, else <c>CHROMIUM_PATH</c>, else <c>/usr/bin/chromium</c>.</summary>
    public static string Executable =>
        new[] { Environment.GetEnvironmentVariable("PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH"), Environment.GetEnvironmentVariable("CHROMIUM_PATH") }
            .FirstOrDefault(p => !string.IsNullOrWhiteSpace(p)) ?? DefaultExecutable;

    public async Task InitializeAsync()
    {
        var executable = Executable;
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException(
                $"Chromium is not installed at {executable}. The browser tests drive Debian's Chromium: install it with " +
                "'apt-get update && apt-get install -y chromium' (or point PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH or CHROMIUM_PATH at a Chromium).");
        }
        // Never Playwright's own browser download: it cannot work here, and the system's Chromium is used.
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        try
        {
            Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        }
        catch (PlaywrightException e)
        {
            throw new InvalidOperationException(
                $"The Playwright driver did not start; it should be in {Path.Combine(AppContext.BaseDirectory, ".playwright")} (copied from the Microsoft.Playwright package at build): {e.Message}", e);
        }
        Browser = await Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            Args = Arguments,
            Timeout = 60_000,
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }
        Playwright?.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<ChromiumFixture>
{
    /// <summary>One browser for all; the classes run one after the other, each with its own service.</summary>
    public const string Name = "browser";
}
