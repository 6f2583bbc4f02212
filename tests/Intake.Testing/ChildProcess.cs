using System.Collections.Concurrent;
using System.Diagnostics;

namespace Intake.Testing;

/// <summary>A process a test starts, with its output kept, killed (with its children) when disposed.</summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private ChildProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) { _output.Enqueue(e.Data); } };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { _output.Enqueue(e.Data); } };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>Everything the process printed so far.</summary>
    public string Output => string.Join('\n', _output);

    /// <summary>True while it runs.</summary>
    public bool IsRunning => !_process.HasExited;

    /// <summary>The process id.</summary>
    public int Id => _process.Id;

    /// <summary>Starts <paramref name="file"/> with <paramref name="arguments"/> and extra environment variables.</summary>
    public static ChildProcess Start(string file, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment = null, string? workingDirectory = null)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Repository.Root,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            info.Environment[name] = value;
        }
        return new ChildProcess(Process.Start(info) ?? throw new InvalidOperationException($"Could not start {file}."));
    }

    /// <summary>Kills it at once (SIGKILL), children included.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
    }

    /// <summary>Sends it a signal (<c>TERM</c>, <c>INT</c>, <c>STOP</c>, …) with <c>kill</c>, as a service manager or a shell would.</summary>
    public void Signal(string name)
    {
        if (_process.HasExited)
        {
            return;
        }
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-s", name, $"{_process.Id}"]) { UseShellExecute = false })
            ?? throw new InvalidOperationException("Could not run kill.");
        kill.WaitForExit();
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        Kill();
        _process.Dispose();
        return ValueTask.CompletedTask;
    }
}
