using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Intake.Testing;
using Xunit.Abstractions;

namespace Intake.LocalHost.Tests;

/// <summary>
/// The telemetry the app exports over OTLP (here to a receiver in the test): one trace follows a
/// submission from its POST through the <c>precheck</c> queue to its list line, and the metrics
/// arrive under their names.
/// </summary>
public sealed class TelemetryThroughTheLocalHostTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private Azurite _azurite = null!;
    private OtlpReceiver _telemetry = null!;
    private LocalHostProcess _host = null!;

    public async Task InitializeAsync()
    {
        _azurite = await Azurite.StartAsync();
        _telemetry = OtlpReceiver.Start();
        _host = await LocalHostProcess.StartAsync(_azurite.ConnectionString, _telemetry.ExporterSettings);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _telemetry.DisposeAsync();
        await _azurite.DisposeAsync();
        _host.AssertNoPatientDataInOutput();
        _host.AssertAnswersMatchTheApiDocument();
    }

    [Fact]
    public async Task The_POST_its_enqueue_its_pre_check_and_the_pre_checks_table_writes_share_one_trace()
    {
        var response = await _host.Client.PostAsJsonAsync("/api/screenings", new JsonObject
        {
            ["answers"] = Bodies.BaselineAnswers(),
            ["contact"] = new JsonObject { ["name"] = "Wilhelmina Trace", ["email"] = "w.trace@example.org" },
            ["consentToContact"] = true,
        });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = (string)(await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;

        // The pre-check's span, once exported (the exporter sends every 200 ms).
        var precheck = await Poll.UntilAsync(() => Task.FromResult(_telemetry.Spans().FirstOrDefault(s =>
            s.Scope == "MbcIntake" && s.Name == "process precheck" && s.Attributes.GetValueOrDefault("mbcintake.submission.id") == id)), Deadline, "the pre-check's span");
        var trace = await Poll.UntilAsync(() =>
        {
            var spans = _telemetry.Spans().Where(s => s.TraceId == precheck.TraceId).ToList();
            return Task.FromResult(spans.Any(s => s.Scope == "Microsoft.AspNetCore") && spans.Any(s => s.Scope.StartsWith("Azure.Data.Tables", StringComparison.Ordinal) && Under(s, precheck, spans))
                ? spans : null);
        }, Deadline, "the POST and the pre-check's table writes in the pre-check's trace");
        foreach (var span in trace)
        {
            output.WriteLine($"{span.TraceId} {span.SpanId} <- {span.ParentSpanId,-16} {span.Scope}: {span.Name}");
        }

        // The POST is the trace's root, a server span of the route; the enqueue is a producer span under it.
        var post = Assert.Single(trace, s => s.Scope == "Microsoft.AspNetCore");
        Assert.Equal(2, post.Kind);
        Assert.Equal("/api/screenings", post.Attributes.GetValueOrDefault("url.path"));
        Assert.Equal("POST", post.Attributes.GetValueOrDefault("http.request.method"));
        Assert.Equal("202", post.Attributes.GetValueOrDefault("http.response.status_code"));
        // Scrubbed: the client's address (an identifier of the person) and any query.
        Assert.DoesNotContain(trace, s => s.Attributes.ContainsKey("client.address") || s.Attributes.ContainsKey("network.peer.address") || s.Attributes.ContainsKey("url.query"));
        output.WriteLine($"POST span attributes: {string.Join(", ", post.Attributes.Keys.Order())}");
        var send = Assert.Single(trace, s => s.Scope == "MbcIntake" && s.Name == "send precheck");
        Assert.Equal(4, send.Kind);
        Assert.True(Under(send, post, trace), "the enqueue is under the POST");
        Assert.True(Under(precheck, send, trace), "the pre-check continues from the enqueue (the message's traceparent)");
        Assert.Equal(5, precheck.Kind);
        Assert.Equal("Routed", precheck.Attributes.GetValueOrDefault("mbcintake.outcome"));
        // The SDK's own spans: the queue send under the enqueue, the table writes under the pre-check.
        Assert.Contains(trace, s => s.Scope.StartsWith("Azure.Storage.Queues", StringComparison.Ordinal) && Under(s, send, trace));
        Assert.Contains(trace, s => s.Scope.StartsWith("Azure.Data.Tables", StringComparison.Ordinal) && Under(s, precheck, trace));

        // The metrics arrive under their names (the poison gauge once its first read of the queues is done).
        string[] expected = ["mbcintake.submissions.accepted", "mbcintake.precheck.duration", "mbcintake.queue.age", "mbcintake.poison.messages"];
        await Poll.UntilAsync(() => Task.FromResult(_telemetry.MetricNames().IsSupersetOf(expected)), Deadline,
            $"the metrics {string.Join(", ", expected)}");
    }

    /// <summary>True when <paramref name="span"/> is <paramref name="ancestor"/> or below it in <paramref name="trace"/>.</summary>
    private static bool Under(OtlpSpan span, OtlpSpan ancestor, IReadOnlyList<OtlpSpan> trace)
    {
        for (var current = span; current is not null; current = trace.FirstOrDefault(s => s.SpanId == current.ParentSpanId))
        {
            if (current.SpanId == ancestor.SpanId)
            {
                return true;
            }
        }
        return false;
    }
}
