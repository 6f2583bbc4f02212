using System.Text.Json;

namespace Intake.Testing;

/// <summary>One e-mail as maildev received it.</summary>
/// <param name="Subject">The subject line.</param>
/// <param name="From">The sender addresses.</param>
/// <param name="To">The recipient addresses.</param>
/// <param name="MessageId">The Message-Id header, with its angle brackets.</param>
/// <param name="Text">The plain-text body.</param>
/// <param name="Html">The HTML body, if any.</param>
/// <param name="Headers">Every header, by lower-case name.</param>
public sealed record ReceivedEmail(string Subject, IReadOnlyList<string> From, IReadOnlyList<string> To, string? MessageId, string Text, string? Html,
    IReadOnlyDictionary<string, string> Headers);

/// <summary>
/// A real maildev (the npm package pinned in the repository's package-lock.json): an SMTP server
/// that keeps what it receives in memory and shows it on a web inbox with a REST API, started on
/// free loopback ports for one fixture. Its files go to a folder of its own, removed at the end.
/// </summary>
public sealed class MailDev : IAsyncDisposable
{
    private readonly ChildProcess _process;
    private readonly string _folder;
    private readonly HttpClient _web;

    private MailDev(ChildProcess process, string folder, int smtpPort, int webPort)
    {
        _process = process;
        _folder = folder;
        SmtpPort = smtpPort;
        WebPort = webPort;
        _web = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{webPort}") };
    }

    /// <summary>Its SMTP port on 127.0.0.1 (no TLS, no authentication).</summary>
    public int SmtpPort { get; }

    /// <summary>Its web inbox and REST API port on 127.0.0.1.</summary>
    public int WebPort { get; }

    /// <summary>Everything it printed.</summary>
    public string Output => _process.Output;

    /// <summary>Starts maildev and waits until both its SMTP server and its REST API answer.</summary>
    public static async Task<MailDev> StartAsync()
    {
        var executable = Path.Combine(Repository.Root, "node_modules", ".bin", "maildev");
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException($"maildev is not installed at {executable}: run 'npm ci' in {Repository.Root} (the test script does).");
        }
        var ports = FreePort.Take(2);
        int smtp = ports[0], web = ports[1];
        // maildev writes each e-mail's source under $TMPDIR/maildev: a folder of its own keeps runs apart.
        var folder = Directory.CreateTempSubdirectory("maildev-test-").FullName;
        var process = ChildProcess.Start(executable,
            ["--ip", "127.0.0.1", "--smtp", $"{smtp}", "--web-ip", "127.0.0.1", "--web", $"{web}"],
            new Dictionary<string, string?> { ["TMPDIR"] = folder });
        var maildev = new MailDev(process, folder, smtp, web);
        try
        {
            await Poll.UntilAsync(async () => (process.IsRunning ? true : throw new TimeoutException("maildev exited."))
                && await FreePort.IsListeningAsync(smtp) && await maildev.AnswersAsync(), TimeSpan.FromSeconds(60), "maildev to listen");
        }
        catch (TimeoutException e)
        {
            await maildev.DisposeAsync();
            throw new InvalidOperationException($"maildev did not start: {process.Output}", e);
        }
        return maildev;
    }

    /// <summary>Every e-mail received so far, oldest first (<c>GET /api/email</c>).</summary>
    public async Task<IReadOnlyList<ReceivedEmail>> EmailsAsync()
    {
        using var document = JsonDocument.Parse(await _web.GetStringAsync("/api/email"));
        return [.. document.RootElement.EnumerateArray().Select(Read)];
    }

    /// <summary>Waits until an e-mail matching <paramref name="match"/> has arrived, and returns it.</summary>
    public Task<ReceivedEmail> WaitForAsync(Func<ReceivedEmail, bool> match, TimeSpan timeout, string what) =>
        Poll.UntilAsync(async () => (await EmailsAsync()).FirstOrDefault(match), timeout, what);

    private static ReceivedEmail Read(JsonElement e)
    {
        var headers = e.TryGetProperty("headers", out var h) && h.ValueKind == JsonValueKind.Object
            ? h.EnumerateObject().ToDictionary(p => p.Name.ToLowerInvariant(), p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText())
            : [];
        return new ReceivedEmail(
            e.TryGetProperty("subject", out var subject) ? subject.GetString() ?? "" : "",
            Addresses(e, "from"),
            Addresses(e, "to"),
            headers.GetValueOrDefault("message-id"),
            e.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String ? text.GetString()! : "",
            e.TryGetProperty("html", out var html) && html.ValueKind == JsonValueKind.String ? html.GetString() : null,
            headers);
    }

    private static string[] Addresses(JsonElement e, string name) =>
        e.TryGetProperty(name, out var list) && list.ValueKind == JsonValueKind.Array
            ? [.. list.EnumerateArray().Select(a => a.GetProperty("address").GetString()!)]
            : [];

    private async Task<bool> AnswersAsync()
    {
        try
        {
            return (await _web.GetAsync("/api/healthz")).IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }


    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _web.Dispose();
        await _process.DisposeAsync();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open: the system's temporary folder is cleaned anyway.
        }
    }
}
