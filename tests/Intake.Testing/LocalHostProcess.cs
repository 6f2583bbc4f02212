
namespace Intake.Testing;

/// <summary>
/// The local host (src/Intake.LocalHost) as a real process on a free port, on a given Azurite:
/// the service exactly as a newcomer runs it, reached over real HTTP.
/// </summary>
public sealed class LocalHostProcess : IAsyncDisposable
{
    private readonly ChildProcess _process;

    private LocalHostProcess(ChildProcess process, Uri address, string key, string partnerKey)
    {
        _process = process;
        Address = address;
        Key = key;
        PartnerKey = partnerKey;
        // Every answer to these clients is checked against the service's OpenAPI document; the ledger notes what is sent before.
        Answers = new OpenApiResponseCheck(new SocketsHttpHandler());
        PatientData = new PatientDataLedger(Answers);
        Client = new HttpClient(PatientData, disposeHandler: false) { BaseAddress = address };
        // Tests post as a program: a partner system's key instead of a solved challenge (api-2.md).
        Client.DefaultRequestHeaders.Add(PartnerKeyHeader, partnerKey);
        Anonymous = new HttpClient(PatientData, disposeHandler: false) { BaseAddress = address };
        Staff = new HttpClient(PatientData, disposeHandler: false) { BaseAddress = address };
        Staff.DefaultRequestHeaders.Add("x-functions-key", key);
    }

    /// <summary>Where it listens.</summary>
    public Uri Address { get; }

    /// <summary>The staff key it was given.</summary>
    public string Key { get; }

    /// <summary>The header a partner system sends its key in.</summary>
    public const string PartnerKeyHeader = "x-partner-key";

    /// <summary>The partner key it was given (<c>Intake__Partners__Keys__0</c>); <see cref="Client"/> sends it.</summary>
    public string PartnerKey { get; }

    /// <summary>Every piece of patient data sent through <see cref="Client"/> and <see cref="Staff"/>.</summary>
    public PatientDataLedger PatientData { get; }

    /// <summary>The check of every answer to <see cref="Client"/>, <see cref="Anonymous"/> and <see cref="Staff"/> against the service's OpenAPI document.</summary>
    public OpenApiResponseCheck Answers { get; }

    /// <summary>
    /// Throws when any answer received through <see cref="Client"/>, <see cref="Anonymous"/> or
    /// <see cref="Staff"/> did not match what <c>GET /api/openapi.json</c> documents for its route
    /// and status. Fixtures call it in their clean-up, so a mismatch in any of their tests fails the run.
    /// </summary>
    public void AssertAnswersMatchTheApiDocument() => Answers.AssertNoMismatch();

    /// <summary>
    /// Throws when any patient data sent through <see cref="Client"/> or <see cref="Staff"/> is in
    /// what the host printed (patient data must never reach a log). Fixtures call it last in their
    /// clean-up, so a leak anywhere in their tests fails the run.
    /// </summary>
    public void AssertNoPatientDataInOutput()
    {
        var output = Output;
        var found = PatientData.FoundIn(output);
        if (output.Contains(PartnerKey, StringComparison.Ordinal))
        {
            throw new InvalidOperationException("The partner key reached the local host's output: it must never be logged.");
        }
        if (found.Count > 0)
        {
            var lines = output.Split('\n').Where(l => found.Any(v => l.Contains(v, StringComparison.OrdinalIgnoreCase))).Take(10);
            throw new InvalidOperationException($"Patient data reached the local host's output ({found.Count} of {PatientData.Values.Count} values sent: {string.Join(", ", found)}):\n{string.Join("\n", lines)}");
        }
    }

    /// <summary>A client without the staff key (the public), posting as a partner system: it sends <see cref="PartnerKey"/>.</summary>
    public HttpClient Client { get; }

    /// <summary>A client with no key at all: the public routes ask it for a solved challenge.</summary>
    public HttpClient Anonymous { get; }

    /// <summary>A client that sends the key (the study team).</summary>
    public HttpClient Staff { get; }

    /// <summary>Everything it printed.</summary>
    public string Output => _process.Output;

    /// <summary>The operating system's process id.</summary>
    public int ProcessId => _process.Id;

    /// <summary>True while its process runs.</summary>
    public bool IsRunning => _process.IsRunning;

    /// <summary>The built local host, from the same configuration as the running tests.</summary>
    public static string Assembly
    {
        get
        {
            var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
            return Path.Combine(Repository.Root, "src", "Intake.LocalHost", "bin", configuration, "net10.0", "Intake.LocalHost.dll");
        }
    }

    /// <summary>The person key (<c>Intake__PersonKey__Secret</c>) of every host on the storage <paramref name="storageConnectionString"/>.</summary>
    public static string PersonKeyFor(string storageConnectionString) =>
        "test-person-key-" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(storageConnectionString)));

    /// <summary>Starts it on <paramref name="storageConnectionString"/> and waits until it answers.</summary>

    public static async Task<LocalHostProcess> StartAsync(string storageConnectionString, IReadOnlyDictionary<string, string?>? settings = null, int? port = null)
    {
        var address = new Uri($"http://127.0.0.1:{port ?? FreePort.Next()}");
        var key = $"test-key-{Guid.NewGuid():N}";
        // A host restarted on the same settings keeps its partner key, so a client outlives it.
        var partnerKey = settings?.GetValueOrDefault("Intake__Partners__Keys__0") ?? $"test-partner-{Guid.NewGuid():N}";
        var environment = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = storageConnectionString,
            ["INTAKE_FUNCTION_KEY"] = key,
            ["urls"] = address.ToString().TrimEnd('/'),
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            // Alerts go to a port nobody listens on unless a test gives its own SMTP server, so a
            // maildev that start.sh left running on 1025 never receives a test's e-mails.
            ["Intake__Alerts__SmtpHost"] = "127.0.0.1",
            ["Intake__Alerts__SmtpPort"] = $"{FreePort.Next()}",
            // Tests and benchmarks post hundreds of submissions from one address; the rate limit's
            // own tests set a low one.
            ["Intake__RateLimit__PermitsPerMinute"] = "10000000",
            ["Intake__Partners__Keys__0"] = partnerKey,
            // The host's own person key, the same for every host on this storage (a restarted host still finds its people).
            ["Intake__PersonKey__Secret"] = PersonKeyFor(storageConnectionString),
        };
        foreach (var (name, value) in settings ?? new Dictionary<string, string?>())
        {
            environment[name] = value;
        }
        var process = ChildProcess.Start("dotnet", [Assembly], environment, Path.GetDirectoryName(Assembly));
        var host = new LocalHostProcess(process, address, key, partnerKey);
        try
        {
            await Poll.UntilAsync(async () =>
            {
                if (!process.IsRunning)
                {
                    throw new InvalidOperationException($"The local host exited: {process.Output}");
                }
                try
                {
                    using var staff = await host.Staff.GetAsync("/api/worklist");
                    // Behind App Service Authentication (Intake__Auth__AppServiceAuthentication) the key
                    // alone names nobody (403): then the health route says storage is reached.
                    return staff.IsSuccessStatusCode
                        || (staff.StatusCode == System.Net.HttpStatusCode.Forbidden && (await host.Anonymous.GetAsync("/api/health")).IsSuccessStatusCode);
                }
                catch (HttpRequestException)
                {
                    return false;
                }
            }, TimeSpan.FromSeconds(60), "the local host to answer");
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
        return host;
    }

    /// <summary>
    /// Stops it as a service manager would (SIGTERM) and waits until it has exited, so that it ends
    /// its work cleanly (its telemetry exporters, for one, send what they still hold).
    /// </summary>
    public Task StopAsync(TimeSpan timeout)
    {
        _process.Signal("TERM");
        return Poll.UntilAsync(() => Task.FromResult(!_process.IsRunning), timeout, "the local host to exit after SIGTERM");
    }

    /// <summary>Kills it at once, as a crash would (SIGKILL).</summary>
    public void Kill() => _process.Kill();

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        Anonymous.Dispose();
        Staff.Dispose();
        PatientData.Dispose();
        await _process.DisposeAsync();
    }
}
