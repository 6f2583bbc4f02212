using System.Diagnostics;
using OpenTelemetry;

namespace Intake.Functions.Telemetry;

/// <summary>
/// The last word on what a span may say before any exporter sees it: no free text. A span's status
/// keeps its code but loses its description (Azure SDK and ASP.NET Core write an exception's text
/// there), exception messages and stack traces are dropped (the exception's type stays), and a
/// URL keeps its path but not its query (a query value could be anything a client typed). The
/// client's address goes too: an IP address identifies a person as much as a name (HIPAA counts it
/// among the identifiers), and Application Insights masks it for the same reason.
/// </summary>
public sealed class TelemetryScrubber : BaseProcessor<Activity>
{
    private static readonly string[] DroppedTags =
    [
        "exception.message", "exception.stacktrace", "otel.status_description", "url.query",
        "client.address", "client.port", "network.peer.address", "network.peer.port", "http.client_ip", "net.peer.ip", "net.peer.port",
    ];

    private static readonly string[] UrlTags = ["url.full", "http.url", "http.target"];

    /// <inheritdoc />
    public override void OnEnd(Activity data)
    {
        if (data.StatusDescription is not null)
        {
            data.SetStatus(data.Status);
        }
        foreach (var tag in DroppedTags)
        {
            if (data.GetTagItem(tag) is not null)
            {
                data.SetTag(tag, null);
            }
        }
        foreach (var tag in UrlTags)
        {
            if (data.GetTagItem(tag) is string url && url.IndexOf('?', StringComparison.Ordinal) is var query and >= 0)
            {
                data.SetTag(tag, url[..query]);
            }
        }
    }
}
