using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace Intake.Testing;

/// <summary>
/// A tiny OTLP/HTTP receiver on loopback for the tests: it answers every export with 200 and keeps
/// the raw protobuf bodies (<c>/v1/traces</c>, <c>/v1/metrics</c>, <c>/v1/logs</c>), so that a test
/// can read the spans and metrics (<see cref="OtlpSpan"/>) and search the bytes for patient data
/// (protobuf keeps a string as its raw UTF-8).
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<(string Path, byte[] Body)> _bodies = new();
    private readonly Task _serving;

    private OtlpReceiver(int port)
    {
        Endpoint = new Uri($"http://127.0.0.1:{port}");
        _listener.Prefixes.Add($"{Endpoint}");
        _listener.Start();
        _serving = ServeAsync();
    }

    /// <summary>The value of <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> for the exporter.</summary>
    public Uri Endpoint { get; }

    /// <summary>
    /// The settings that point a process's OTLP exporter here over HTTP/protobuf and export within
    /// a fraction of a second (spans, logs and metrics).
    /// </summary>
    public IReadOnlyDictionary<string, string?> ExporterSettings => new Dictionary<string, string?>
    {
        ["OTEL_EXPORTER_OTLP_ENDPOINT"] = Endpoint.ToString().TrimEnd('/'),
        ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
        ["OTEL_BLRP_SCHEDULE_DELAY"] = "200",
        ["OTEL_METRIC_EXPORT_INTERVAL"] = "500",
    };

    /// <summary>Starts one on a free loopback port.</summary>
    public static OtlpReceiver Start() => new(FreePort.Next());

    /// <summary>The bodies received on <paramref name="path"/> (e.g. <c>/v1/traces</c>).</summary>
    public IReadOnlyList<byte[]> Bodies(string path) => [.. _bodies.Where(b => b.Path == path).Select(b => b.Body)];

    /// <summary>Every body received, as text (UTF-8; what is not text becomes U+FFFD), for a search.</summary>
    public string AllText() => string.Join("\n", _bodies.Select(b => Encoding.UTF8.GetString(b.Body)));

    /// <summary>How many bytes were received in all.</summary>
    public long TotalBytes => _bodies.Sum(b => (long)b.Body.Length);

    /// <summary>Every span received.</summary>
    public IReadOnlyList<OtlpSpan> Spans() => [.. Bodies("/v1/traces").SelectMany(OtlpSpan.Read)];

    /// <summary>The names of every metric received.</summary>
    public IReadOnlySet<string> MetricNames() => Bodies("/v1/metrics").SelectMany(OtlpSpan.ReadMetricNames).ToHashSet(StringComparer.Ordinal);

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            try
            {
                using var body = new MemoryStream();
                await context.Request.InputStream.CopyToAsync(body);
                _bodies.Enqueue((context.Request.Url!.AbsolutePath, body.ToArray()));
                context.Response.StatusCode = 200;
                context.Response.ContentType = "application/x-protobuf";
                context.Response.Close();
            }
            catch (Exception e) when (e is HttpListenerException or IOException)
            {
                // The exporter went away mid-request (its process stopped): nothing to keep.
            }
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _serving;
    }
}
