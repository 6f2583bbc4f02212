using System.Diagnostics;
using System.Text.RegularExpressions;
using Intake.Testing;

namespace Intake.LocalHost.Tests;

/// <summary>docs/team-guide.md's examples run, as they stand, against the local host.</summary>
[Collection(EndToEndCollection.Name)]
public sealed partial class TeamGuideTests(EndToEndFixture fixture)
{
    [GeneratedRegex(@"```sh\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex ShellBlock();

    [Fact]
    public async Task Every_example_of_the_team_guide_runs_against_the_local_host_without_an_error()
    {
        var guide = await File.ReadAllTextAsync(Path.Combine(Repository.Root, "docs", "team-guide.md"));
        var blocks = ShellBlock().Matches(guide).Select(m => m.Groups[1].Value).ToArray();
        Assert.True(blocks.Length >= 8, $"The guide has {blocks.Length} shell blocks.");
        var script = "set -euo pipefail\n" + string.Join("\n", blocks);

        var info = new ProcessStartInfo("bash") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        info.Environment["BASE"] = fixture.Host.Address.ToString().TrimEnd('/');
        info.Environment["KEY"] = fixture.Host.Key;
        info.Environment["PARTNER"] = fixture.Host.PartnerKey;
        using var bash = Process.Start(info)!;
        await bash.StandardInput.WriteAsync(script);
        bash.StandardInput.Close();
        var output = bash.StandardOutput.ReadToEndAsync();
        var errors = bash.StandardError.ReadToEndAsync();
        await bash.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));

        Assert.True(bash.ExitCode == 0, $"The guide's examples failed ({bash.ExitCode}):\n{await errors}\n{await output}");
        var printed = await output;
        Assert.Contains("LikelyEligible", printed);
        Assert.Contains("Team status New → Contacted", printed);
        Assert.Contains("I4 Unknown → Met", printed);
        Assert.Contains("requestId", printed);
        // The referrer's address is confirmed, by the key holder, before the update is asked for.
        Assert.True(printed.IndexOf("local-staff", StringComparison.Ordinal) is var confirmed and >= 0 && confirmed < printed.LastIndexOf("requestId", StringComparison.Ordinal), printed);
    }
}
