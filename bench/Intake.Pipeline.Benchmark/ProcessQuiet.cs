using System.Globalization;

namespace Intake.Pipeline.Benchmark;

/// <summary>
/// Waits, before a measure, until the processes under test have finished the work the last step left
/// them (Azurite's garbage collection after a seeding of 100,000, a pass the host ran): their CPU time,
/// read from <c>/proc</c>, rising by less than a tenth of a core over one second, twice in a row. A
/// measure then starts from a quiet machine, as a coordinator's request does; a bound keeps a busy
/// process from holding the run, and the wait is printed with the figures.
/// </summary>
internal static class ProcessQuiet
{
    private const double TicksPerSecond = 100.0; // USER_HZ on Linux
    private static readonly TimeSpan Look = TimeSpan.FromSeconds(1);

    /// <summary>Seconds waited until the processes were quiet, or <paramref name="atMost"/> when they never were.</summary>
    public static async Task<double> WaitAsync(IReadOnlyList<int> processIds, TimeSpan atMost)
    {
        var started = DateTimeOffset.UtcNow;
        var quietLooks = 0;
        var before = CpuTicks(processIds);
        using var timer = new PeriodicTimer(Look);
        while (DateTimeOffset.UtcNow - started < atMost && await timer.WaitForNextTickAsync())
        {
            var now = CpuTicks(processIds);
            quietLooks = (now - before) / TicksPerSecond < 0.1 * Look.TotalSeconds ? quietLooks + 1 : 0;
            before = now;
            if (quietLooks >= 2)
            {
                break;
            }
        }
        return (DateTimeOffset.UtcNow - started).TotalSeconds;
    }

    /// <summary>The CPU time a process has used so far (user and system, all its threads), in seconds.</summary>
    public static double CpuSeconds(int processId) => CpuTicks([processId]) / TicksPerSecond;

    // User and system CPU time of the processes and their threads, in clock ticks (/proc/{pid}/stat fields 14 and 15).
    private static long CpuTicks(IReadOnlyList<int> processIds) => processIds.Sum(pid =>
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
    });
}
