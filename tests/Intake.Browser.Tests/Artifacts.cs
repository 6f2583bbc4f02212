using Intake.Testing;

namespace Intake.Browser.Tests;

/// <summary>
/// Where the browser tests write what a person may want to look at: the pages' screenshots, and a
/// screenshot with the page's HTML of every browser test that fails. <c>TEST_ARTIFACTS</c> chooses the
/// folder (a relative path is from the repository's root); by default it is <c>TestResults</c> in
/// the test project's output folder.
/// </summary>
public static class Artifacts
{
    /// <summary>The artifacts folder (made if missing).</summary>
    public static string Folder { get; } = Directory.CreateDirectory(
        Environment.GetEnvironmentVariable("TEST_ARTIFACTS") is { Length: > 0 } chosen
            ? Path.GetFullPath(chosen, Repository.Root)
            : Path.Combine(AppContext.BaseDirectory, "TestResults")).FullName;

    /// <summary>The pages at phone and desktop widths.</summary>
    public static string Screenshots => Directory.CreateDirectory(Path.Combine(Folder, "screenshots")).FullName;

    /// <summary>The page as it was when a test failed.</summary>
    public static string Failures => Directory.CreateDirectory(Path.Combine(Folder, "failures")).FullName;
}
