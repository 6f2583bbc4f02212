using System.Diagnostics;
using Intake.Functions.Telemetry;

namespace Intake.Functions.Tests;

/// <summary>What a span may say when it leaves the process: codes, types, paths; no free text.</summary>
public sealed class TelemetryScrubberTests
{
    [Fact]
    public void A_finished_span_keeps_its_error_code_and_type_and_path_but_loses_every_text_query_and_client_address()
    {
        using var span = new Activity("test");
        span.Start();
        span.SetStatus(ActivityStatusCode.Error, "Entity with name Ann Example already exists");
        span.SetTag("error.type", "Azure.RequestFailedException");
        span.SetTag("exception.message", "Ann Example, 1972-03-15");
        span.SetTag("exception.stacktrace", "at …");
        span.SetTag("url.full", "https://st.table.core.windows.net/submissions(PartitionKey='x',RowKey='y')?$filter=name%20eq%20'Ann'");
        span.SetTag("url.query", "?from=2026-01-01");
        span.SetTag("http.url", "http://127.0.0.1/api/worklist?code=key");
        span.SetTag("client.address", "203.0.113.7");
        span.SetTag("network.peer.address", "203.0.113.7");
        span.Stop();

        new TelemetryScrubber().OnEnd(span);

        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Null(span.StatusDescription);
        Assert.Equal("Azure.RequestFailedException", span.GetTagItem("error.type"));
        Assert.Null(span.GetTagItem("exception.message"));
        Assert.Null(span.GetTagItem("exception.stacktrace"));
        Assert.Null(span.GetTagItem("url.query"));
        Assert.Equal("https://st.table.core.windows.net/submissions(PartitionKey='x',RowKey='y')", span.GetTagItem("url.full"));
        Assert.Equal("http://127.0.0.1/api/worklist", span.GetTagItem("http.url"));
        Assert.Null(span.GetTagItem("client.address"));
        Assert.Null(span.GetTagItem("network.peer.address"));
    }

    [Fact]
    public void A_span_without_text_is_left_as_it_was()
    {
        using var span = new Activity("test");
        span.Start();
        span.SetStatus(ActivityStatusCode.Ok);
        span.SetTag("url.full", "https://st.queue.core.windows.net/precheck/messages");
        span.Stop();

        new TelemetryScrubber().OnEnd(span);

        Assert.Equal(ActivityStatusCode.Ok, span.Status);
        Assert.Equal("https://st.queue.core.windows.net/precheck/messages", span.GetTagItem("url.full"));
    }
}
