using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Intake.Testing;

namespace Intake.LocalHost.Tests;

/// <summary>
/// The README's first command, <c>./scripts/start.sh</c>, as a person runs it: in a terminal (a
/// pseudo-terminal made by util-linux <c>script</c>), stopped with one Ctrl-C. And the README's
/// "Try it" block run against it as it stands, so that what it shows a newcomer is not empty.
/// </summary>
public sealed partial class StartScriptTests
{
    [GeneratedRegex(@"## Try it.*?```sh\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex TryItBlock();

    [Fact]
    public async Task Start_runs_Azurite_without_telemetry_the_README_example_lists_its_submissions_and_one_Ctrl_C_stops_everything_within_5_s()
    {
        await using var started = await StartedScript.StartAsync();

        var azurite = started.Descendants().Where(p => p.CommandLine.Contains("azurite", StringComparison.Ordinal)).ToArray();
        Assert.NotEmpty(azurite);
        Assert.All(azurite, p => Assert.Contains("--disableTelemetry", p.CommandLine.Split(' ')));

        var printed = await RunTryItAsync(started);
        Assert.Contains("answers.ecog", printed);
        var lists = printed.Split('\n').Where(l => l.StartsWith("{\"items\":[", StringComparison.Ordinal)).ToArray();
        Assert.Equal(2, lists.Length);
        Assert.Equal(5, Regex.Count(lists[0], "\"kind\":"));   // the worklist: baseline, I4 Unknown, Urgent, E5, the referral
        Assert.Contains("\"Urgent\"", lists[0]);
        Assert.Equal(3, Regex.Count(lists[1], "\"kind\":"));   // screened out: I8, I5, I6

        var processes = started.Descendants();
        Assert.True(processes.Count >= 3, $"start.sh runs Azurite, maildev and the host: {string.Join("; ", processes.Select(p => p.CommandLine))}");
        var exited = await started.CtrlCAsync(TimeSpan.FromSeconds(5));

        Assert.True(exited, $"start.sh was still running 5 s after Ctrl-C:\n{started.Output}");
        var left = processes.Where(p => p.IsAlive).ToArray();
        Assert.True(left.Length == 0, $"Still running after Ctrl-C: {string.Join("; ", left.Select(p => p.CommandLine))}");
    }

    private static async Task<string> RunTryItAsync(StartedScript started)
    {
        var readme = await File.ReadAllTextAsync(Path.Combine(Repository.Root, "README.md"));
        var block = TryItBlock().Match(readme).Groups[1].Value;
        Assert.Contains("KEY=...", block);
        Assert.Contains("PARTNER=...", block);
        var script = "set -uo pipefail\n" + block
            .Replace("PARTNER=...", $"PARTNER={started.PartnerKey}", StringComparison.Ordinal)
            .Replace("KEY=...", $"KEY={started.Key}", StringComparison.Ordinal)
            .Replace("localhost:7071", started.Address, StringComparison.Ordinal);

        var info = new ProcessStartInfo("bash") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        using var bash = Process.Start(info)!;
        var output = bash.StandardOutput.ReadToEndAsync();
        var errors = bash.StandardError.ReadToEndAsync();
        await bash.StandardInput.WriteAsync(script);
        bash.StandardInput.Close();
        await bash.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        Assert.True(bash.ExitCode == 0, $"The README's example failed ({bash.ExitCode}):\n{await errors}\n{await output}");
        return await output;
    }

    /// <summary><c>scripts/start.sh</c> in a pseudo-terminal, on free ports, once it says it is ready.</summary>
    private sealed class StartedScript : IAsyncDisposable
    {
        private readonly Process _script;
        private readonly StringBuilder _output = new();

        private StartedScript(Process script, string address, string key, string partnerKey)
        {
            _script = script;
            Address = address;
            Key = key;
            PartnerKey = partnerKey;
            _script.OutputDataReceived += (_, e) => { lock (_output) { _output.AppendLine(e.Data); } };
            _script.BeginOutputReadLine();
        }

        public string Address { get; }

        public string Key { get; }

        public string PartnerKey { get; }

        public string Output { get { lock (_output) { return _output.ToString(); } } }

        public static async Task<StartedScript> StartAsync()
        {
            var ports = FreePort.Take(6);
            var address = $"127.0.0.1:{ports[5]}";
            var key = Convert.ToHexString(Guid.NewGuid().ToByteArray()).ToLowerInvariant();
            var partnerKey = "start-script-partner-" + Convert.ToHexString(Guid.NewGuid().ToByteArray()).ToLowerInvariant();
            // A terminal's shell starts a command with SIGINT at its default; `env --default-signal`
            // makes sure of it even when this test process was itself started with SIGINT ignored.
            var info = new ProcessStartInfo("script", ["-qfec", "env --default-signal=INT ./scripts/start.sh", "/dev/null"])
            {
                WorkingDirectory = Repository.Root,
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                UseShellExecute = false,
            };
            info.Environment["INTAKE_START_NO_BUILD"] = "1";
            info.Environment["INTAKE_FUNCTION_KEY"] = key;
            info.Environment["INTAKE_PARTNER_KEY"] = partnerKey;
            info.Environment["AZURITE_BLOB_PORT"] = $"{ports[0]}";
            info.Environment["AZURITE_QUEUE_PORT"] = $"{ports[1]}";
            info.Environment["AZURITE_TABLE_PORT"] = $"{ports[2]}";
            info.Environment["MAILDEV_SMTP_PORT"] = $"{ports[3]}";
            info.Environment["MAILDEV_WEB_PORT"] = $"{ports[4]}";
            info.Environment["urls"] = $"http://{address}";
            info.Environment.Remove("AzureWebJobsStorage");
            var started = new StartedScript(Process.Start(info)!, address, key, partnerKey);
            try
            {
                await Poll.UntilAsync(() => Task.FromResult(started.Output.Contains("==> Ready", StringComparison.Ordinal) || started._script.HasExited),
                    TimeSpan.FromMinutes(2), "start.sh to say it is ready");
                Assert.False(started._script.HasExited, $"start.sh ended before it was ready:\n{started.Output}");
                return started;
            }
            catch
            {
                await started.DisposeAsync();
                throw;
            }
        }

        /// <summary>Types Ctrl-C into the terminal; true when the script ended within <paramref name="deadline"/>.</summary>
        public async Task<bool> CtrlCAsync(TimeSpan deadline)
        {
            await _script.StandardInput.WriteAsync('\u0003');
            await _script.StandardInput.FlushAsync();
            try
            {
                await _script.WaitForExitAsync().WaitAsync(deadline);
                return true;
            }
            catch (TimeoutException)
            {
                return false;
            }
        }

        /// <summary>Every process under the terminal, read from /proc.</summary>
        public IReadOnlyList<RunningProcess> Descendants() => RunningProcess.DescendantsOf(_script.Id);

        public ValueTask DisposeAsync()
        {
            var left = Descendants();
            if (!_script.HasExited)
            {
                _script.Kill(entireProcessTree: true);
            }
            foreach (var process in left.Where(p => p.IsAlive))
            {
                try { Process.GetProcessById(process.Id).Kill(); } catch (ArgumentException) { } catch (InvalidOperationException) { }
            }
            _script.Dispose();
            return ValueTask.CompletedTask;
        }
    }

    /// <summary>A process seen in /proc: its id, the start time that tells it from a later one with the same id, and its command line.</summary>
    private sealed record RunningProcess(int Id, string StartTime, string CommandLine)
    {
        public bool IsAlive => Stat(Id) is { } stat && stat.StartTime == StartTime && stat.State != "Z";

        public static IReadOnlyList<RunningProcess> DescendantsOf(int root)
        {
            var all = Directory.EnumerateDirectories("/proc")
                .Select(d => int.TryParse(Path.GetFileName(d), out var id) ? Stat(id) : null)
                .OfType<ProcStat>()
                .ToArray();
            var found = new List<RunningProcess>();
            var parents = new HashSet<int> { root };
            bool grew;
            do
            {
                grew = false;
                foreach (var stat in all.Where(s => parents.Contains(s.ParentId) && !parents.Contains(s.Id)))
                {
                    parents.Add(stat.Id);
                    found.Add(new RunningProcess(stat.Id, stat.StartTime, CommandLineOf(stat.Id)));
                    grew = true;
                }
            }
            while (grew);
            return found;
        }

        private static string CommandLineOf(int id)
        {
            try { return File.ReadAllText($"/proc/{id}/cmdline").Replace('\0', ' ').Trim(); }
            catch (IOException) { return ""; }
            catch (UnauthorizedAccessException) { return ""; }
        }

        private static ProcStat? Stat(int id)
        {
            try
            {
                // /proc/<id>/stat: "id (comm) state ppid … starttime(22nd)"; comm may hold spaces and parentheses.
                var text = File.ReadAllText($"/proc/{id}/stat");
                var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
                return new ProcStat(id, int.Parse(fields[1]), fields[0], fields[19]);
            }
            catch (IOException) { return null; }
            catch (UnauthorizedAccessException) { return null; }
        }
    }

    private sealed record ProcStat(int Id, int ParentId, string State, string StartTime);
}
