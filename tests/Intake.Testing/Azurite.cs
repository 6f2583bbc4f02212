
namespace Intake.Testing;

/// <summary>
/// A real Azurite (the npm package pinned in the repository's package-lock.json), started in
/// memory on free ports for one fixture, so test suites never share queues or tables. A fault
/// test can stop it and start it again on the same ports and folder: a storage outage.
/// </summary>
public sealed class Azurite : IAsyncDisposable
{
    /// <summary>Azurite's well-known development account.</summary>
    public const string Account = "devstoreaccount1";

    /// <summary>Azurite's well-known development key (public, not a secret).</summary>
    public const string Key = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private ChildProcess _process;

    private Azurite(ChildProcess process, int blobPort, int queuePort, int tablePort, string? location, string? debugLog)
    {
        _process = process;
        ConnectionString = $"DefaultEndpointsProtocol=http;AccountName={Account};AccountKey={Key};" +
            $"BlobEndpoint=http://127.0.0.1:{blobPort}/{Account};QueueEndpoint=http://127.0.0.1:{queuePort}/{Account};TableEndpoint=http://127.0.0.1:{tablePort}/{Account};";
        BlobPort = blobPort;
        QueuePort = queuePort;
        TablePort = tablePort;
        Location = location;
        DebugLog = debugLog;
    }

    /// <summary>The connection string for the app's <c>AzureWebJobsStorage</c>.</summary>
    public string ConnectionString { get; }

    /// <summary>The blob service's port.</summary>
    public int BlobPort { get; }

    /// <summary>The queue service's port.</summary>
    public int QueuePort { get; }

    /// <summary>The table service's port.</summary>
    public int TablePort { get; }

    /// <summary>The folder it persists to; <c>null</c> when in memory.</summary>
    public string? Location { get; }

    /// <summary>Its debug log file, or <c>null</c>.</summary>
    public string? DebugLog { get; }

    /// <summary>True while its process runs.</summary>
    public bool IsRunning => _process.IsRunning;

    /// <summary>The current process's id (Node's own: the launcher is a Node script), for reading its memory in benchmarks.</summary>
    public int ProcessId => _process.Id;

    /// <summary>Everything the current process printed.</summary>
    public string Output => _process.Output;

    /// <summary>Starts Azurite on free ports and waits until its services accept connections.</summary>
    /// <param name="location">A folder to persist to; in memory when <c>null</c>.</param>
    /// <param name="debugLog">A file for Azurite's debug log (one line per request among others), or <c>null</c>.</param>
    public static async Task<Azurite> StartAsync(string? location = null, string? debugLog = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            var ports = FreePort.Take(3);
            try
            {
                return await StartAsync(location, debugLog, ports[0], ports[1], ports[2]);
            }
            catch (InvalidOperationException e) when (attempt < 3 && e.Message.Contains("EADDRINUSE", StringComparison.Ordinal))
            {
                // A port was free when chosen and taken before Azurite listened on it (test projects start
                // their services at the same time): the same start on new ports.
            }
        }
    }

    /// <summary>Starts Azurite on the given ports and waits until its services accept connections.</summary>
    /// <param name="location">A folder to persist to; in memory when <c>null</c>.</param>
    /// <param name="debugLog">A file for Azurite's debug log, or <c>null</c>.</param>
    /// <param name="blobPort">The blob service's port.</param>
    /// <param name="queuePort">The queue service's port.</param>
    /// <param name="tablePort">The table service's port.</param>
    public static async Task<Azurite> StartAsync(string? location, string? debugLog, int blobPort, int queuePort, int tablePort)
    {
        var process = await LaunchAsync(location, debugLog, blobPort, queuePort, tablePort);
        return new Azurite(process, blobPort, queuePort, tablePort, location, debugLog);
    }

    /// <summary>
    /// Stops it without losing what it acknowledged, and returns once it is gone. Azurite keeps its
    /// tables and queues in memory and writes them to <see cref="Location"/> every five seconds, so a
    /// bare SIGKILL would lose the last seconds of acknowledged writes, which Azure Storage never does.
    /// So: SIGTERM, which makes it stop listening and write its state; once it says its table and
    /// queue services are closed (written), or after <paramref name="timeout"/>, SIGKILL, because
    /// Azurite would otherwise wait for every open client connection before it exits.
    /// </summary>
    /// <returns>True when it wrote its state before it was killed.</returns>
    public async Task<bool> StopAsync(TimeSpan timeout)
    {
        var process = _process;
        process.Signal("TERM");
        var saved = true;
        try
        {
            await Poll.UntilAsync(() => Task.FromResult(!process.IsRunning
                || (process.Output.Contains("Azurite Table service successfully closed", StringComparison.Ordinal)
                    && process.Output.Contains("Azurite Queue service successfully closed", StringComparison.Ordinal))), timeout, "Azurite to write its state");
        }
        catch (TimeoutException)
        {
            saved = false;
        }
        process.Kill();
        return saved;
    }

    /// <summary>Kills it at once (SIGKILL). Writes of its last few seconds may be lost (see <see cref="StopAsync"/>).</summary>
    public void Kill() => _process.Kill();

    /// <summary>Starts it again after a stop, on the same ports and folder, and waits until it accepts connections.</summary>
    public async Task RestartAsync()
    {
        if (_process.IsRunning)
        {
            throw new InvalidOperationException("Azurite is still running: stop it first.");
        }
        var stopped = _process;
        _process = await LaunchAsync(Location, DebugLog, BlobPort, QueuePort, TablePort);
        await stopped.DisposeAsync();
    }

    /// <summary>
    /// Azurite keeps every entity in its Node heap, and Node's default limit here is about 4.3 GB: a store
    /// of 100,000 submissions (the large-store benchmark's) peaked at 3.4 GB, so one a third larger would
    /// end Azurite ("heap out of memory"). Room up to 8 GB, as <c>scripts/start.sh</c> gives it
    /// (docs/performance.md; it does not make a request faster).
    /// </summary>
    private static readonly Dictionary<string, string?> NodeHeap = new() { ["NODE_OPTIONS"] = "--max-old-space-size=8192" };

    private static async Task<ChildProcess> LaunchAsync(string? location, string? debugLog, int blob, int queue, int table)
    {
        var executable = Path.Combine(Repository.Root, "node_modules", ".bin", "azurite");
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException($"Azurite is not installed at {executable}: run 'npm ci' in {Repository.Root} (the test script does).");
        }
        string[] storage = location is null ? ["--inMemoryPersistence"] : ["--location", location];
        var process = ChildProcess.Start(executable,
        [
            .. storage, .. (debugLog is null ? Array.Empty<string>() : ["--debug", debugLog]), "--silent", "--skipApiVersionCheck", "--disableProductStyleUrl", "--disableTelemetry",
            "--blobHost", "127.0.0.1", "--blobPort", $"{blob}",
            "--queueHost", "127.0.0.1", "--queuePort", $"{queue}",
            "--tableHost", "127.0.0.1", "--tablePort", $"{table}",
        ], NodeHeap);
        try
        {
            await Poll.UntilAsync(async () => (process.IsRunning ? true : throw new TimeoutException("Azurite exited."))
                && await FreePort.IsListeningAsync(queue) && await FreePort.IsListeningAsync(table), TimeSpan.FromSeconds(60), "Azurite to listen");
        }
        catch (TimeoutException e)
        {
            var output = process.Output;
            await process.DisposeAsync();
            throw new InvalidOperationException($"Azurite did not start: {output}", e);
        }
        return process;
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
