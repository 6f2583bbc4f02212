
namespace Intake.Testing;

/// <summary>
/// A real Azurite (the npm package pinned in the repository's package-lock.json), started in
/// memory on free ports for one fixture, so test suites never share queues or tables.
/// </summary>
public sealed class Azurite : IAsyncDisposable
{
    /// <summary>Azurite's well-known development account.</summary>
    public const string Account = "devstoreaccount1";

    /// <summary>Azurite's well-known development key (public, not a secret).</summary>
    public const string Key = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly ChildProcess _process;

    private Azurite(ChildProcess process, int blobPort, int queuePort, int tablePort)
    {
        _process = process;
        ConnectionString = $"DefaultEndpointsProtocol=http;AccountName={Account};AccountKey={Key};" +
            $"BlobEndpoint=http://127.0.0.1:{blobPort}/{Account};QueueEndpoint=http://127.0.0.1:{queuePort}/{Account};TableEndpoint=http://127.0.0.1:{tablePort}/{Account};";
        QueuePort = queuePort;
        TablePort = tablePort;
    }

    /// <summary>The connection string for the app's <c>AzureWebJobsStorage</c>.</summary>
    public string ConnectionString { get; }

    /// <summary>The queue service's port.</summary>
    public int QueuePort { get; }

    /// <summary>The table service's port.</summary>
    public int TablePort { get; }

    /// <summary>Starts Azurite and waits until its services accept connections.</summary>
    /// <param name="location">A folder to persist to; in memory when <c>null</c>.</param>
    /// <param name="debugLog">A file for Azurite's debug log (one line per request among others), or <c>null</c>.</param>
    public static async Task<Azurite> StartAsync(string? location = null, string? debugLog = null)
    {
        var executable = Path.Combine(Repository.Root, "node_modules", ".bin", "azurite");
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException($"Azurite is not installed at {executable}: run 'npm ci' in {Repository.Root} (the test script does).");
        }
        var ports = FreePort.Take(3);
        int blob = ports[0], queue = ports[1], table = ports[2];
        string[] storage = location is null ? ["--inMemoryPersistence"] : ["--location", location];
        var process = ChildProcess.Start(executable,
        [
            .. storage, .. (debugLog is null ? Array.Empty<string>() : ["--debug", debugLog]), "--silent", "--skipApiVersionCheck", "--disableProductStyleUrl",
            "--blobHost", "127.0.0.1", "--blobPort", $"{blob}",
            "--queueHost", "127.0.0.1", "--queuePort", $"{queue}",
            "--tableHost", "127.0.0.1", "--tablePort", $"{table}",
        ]);
        var azurite = new Azurite(process, blob, queue, table);
        try
        {
            await Poll.UntilAsync(async () => (process.IsRunning ? true : throw new TimeoutException("Azurite exited."))
                && await FreePort.IsListeningAsync(queue) && await FreePort.IsListeningAsync(table), TimeSpan.FromSeconds(60), "Azurite to listen");
        }
        catch (TimeoutException e)
        {
            await azurite.DisposeAsync();
            throw new InvalidOperationException($"Azurite did not start: {process.Output}", e);
        }
        return azurite;
    }


    /// <inheritdoc />
    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
