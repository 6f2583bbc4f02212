namespace Intake.Testing;

/// <summary>Paths in the repository the tests run from.</summary>
public static class Repository
{
    /// <summary>The folder holding MbcIntake.sln.</summary>
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MbcIntake.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("The tests must run inside the MbcIntake repository.");
    }
}
