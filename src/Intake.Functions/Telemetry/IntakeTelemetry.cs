using System.Diagnostics;

namespace Intake.Functions.Telemetry;

/// <summary>
/// The app's own traces: one <see cref="ActivitySource"/> named after the app, and the W3C trace
/// context a queue message carries from the request that queued it to the function that handles it.
/// Spans carry ids and outcomes only, never patient data (docs/architecture.md, "Telemetry").
/// </summary>
public static class IntakeTelemetry
{
    /// <summary>The name of the app's activity source and meter.</summary>
    public const string Name = "MbcIntake";

    /// <summary>The app's activity source.</summary>
    public static readonly ActivitySource Source = new(Name, typeof(IntakeTelemetry).Assembly.GetName().Version?.ToString());

    /// <summary>Span attribute: the submission a span is about (an id, not patient data).</summary>
    public const string SubmissionIdTag = "mbcintake.submission.id";

    /// <summary>
    /// Starts the span of sending a message to <paramref name="queue"/> and returns it with the
    /// <c>traceparent</c> the message should carry (the span's, or the current one's when nobody
    /// listens); <c>null</c> when there is no W3C trace context to carry.
    /// </summary>
    public static (Activity? Span, string? Traceparent) StartSend(string queue, string submissionId)
    {
        var span = Source.StartActivity($"send {queue}", ActivityKind.Producer);
        span?.SetTag("messaging.system", "azure_storage_queues");
        span?.SetTag("messaging.destination.name", queue);
        span?.SetTag("messaging.operation.type", "send");
        span?.SetTag(SubmissionIdTag, submissionId);
        var context = span ?? Activity.Current;
        return (span, context is { IdFormat: ActivityIdFormat.W3C } ? context.Id : null);
    }

    /// <summary>
    /// Starts the span of handling a message of <paramref name="queue"/>: a child of the trace the
    /// message carries (so the request that queued it and this handling share one trace id),
    /// linked to the invocation that runs it. A message without a valid <paramref name="traceparent"/>
    /// (sent before messages carried one) gets a span under the invocation.
    /// </summary>
    public static Activity? StartProcess(string queue, string? traceparent, string submissionId)
    {
        var invocation = Activity.Current;
        ActivityContext parent = default;
        IEnumerable<ActivityLink>? links = null;
        if (traceparent is not null && ActivityContext.TryParse(traceparent, traceState: null, isRemote: true, out var carried))
        {
            parent = carried;
            links = invocation is null ? null : [new ActivityLink(invocation.Context)];
        }
        var span = Source.StartActivity(ActivityKind.Consumer, parent, links: links, name: $"process {queue}");
        span?.SetTag("messaging.system", "azure_storage_queues");
        span?.SetTag("messaging.destination.name", queue);
        span?.SetTag("messaging.operation.type", "process");
        span?.SetTag(SubmissionIdTag, submissionId);
        return span;
    }

    /// <summary>Marks <paramref name="span"/> failed with the exception's type only: an exception's text may hold data.</summary>
    public static void Failed(Activity? span, Exception exception)
    {
        span?.SetStatus(ActivityStatusCode.Error);
        span?.SetTag("error.type", exception.GetType().FullName);
    }
}
