using System.Collections.Concurrent;
using System.Diagnostics;
using Intake.Functions.Triggers;
using Intake.Functions.Telemetry;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;

namespace Intake.Functions.Tests;

/// <summary>
/// <see cref="PrecheckFunction"/>'s telemetry: its span continues the trace its message carries
/// (so the POST that queued it and the pre-check share one trace id), and it measures the queue
/// age and its own duration.
/// </summary>
public sealed class PrecheckTelemetryTests : IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;
    private const string WorkerName = "Intake.Functions.Tests.Worker";
    private static readonly ActivitySource Worker = new(WorkerName);

    private readonly Mock<ISubmissionStore> _store = new();
    private readonly Mock<ITeamLists> _lists = new();
    private readonly PrecheckRouting _routing;
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 11, 30, 15, 0, 0, TimeSpan.Zero));
    private readonly RecordedMetrics _metrics;
    private readonly ConcurrentQueue<Activity> _spans = new();
    private readonly ActivityListener _listener;

    public PrecheckTelemetryTests()
    {
        _routing = new PrecheckRouting(new SubmissionChanges(_store.Object, _lists.Object, Mock.Of<IAlertQueue>(), TestData.Calendar()),
            new PersonLinking(Mock.Of<IPeopleIndex>()), TestData.Engine);
        _metrics = new RecordedMetrics(time: _clock);
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is IntakeTelemetry.Name or WorkerName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _spans.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public void Dispose()
    {
        _listener.Dispose();
        _metrics.Dispose();
    }

    private PrecheckFunction Function() => new(_routing, Mock.Of<ISubmissionErasure>(), _metrics.Metrics, _clock, NullLogger<PrecheckFunction>.Instance);

    private string Stored()
    {
        var id = TestData.NewId();
        _store.Setup(s => s.GetAsync(id, It.IsAny<CancellationToken>())).ReturnsAsync(TestData.Submission(id, _clock.GetUtcNow()));
        _store.Setup(s => s.TryUpdateAsync(It.Is<Submission>(x => x.Id == id), It.IsAny<HistoryEntry>(), It.IsAny<CancellationToken>())).ReturnsAsync(true);
        _lists.Setup(l => l.PutFirstAsync(It.Is<WorklistItem>(i => i.Id == id), It.IsAny<PersonEntry?>(), It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);
        return id;
    }

    private Activity SpanOf(string id) =>
        Assert.Single(_spans, s => s.Source.Name == IntakeTelemetry.Name && (string?)s.GetTagItem(IntakeTelemetry.SubmissionIdTag) == id);

    [Fact]
    public async Task The_pre_check_span_is_a_child_of_the_messages_traceparent_and_links_the_invocation_that_ran_it()
    {
        var id = Stored();
        var sender = ActivityContext.Parse("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", null);
        ActivityContext invocation;

        using (var worker = Worker.StartActivity("Invoke"))
        {
            invocation = worker!.Context;
            await Function().PrecheckSubmission(TestData.PrecheckMessage(id, "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"), None);
        }

        var span = SpanOf(id);
        Assert.Equal("process precheck", span.DisplayName);
        Assert.Equal(ActivityKind.Consumer, span.Kind);
        Assert.Equal(sender.TraceId, span.TraceId);
        Assert.Equal(sender.SpanId, span.ParentSpanId);
        Assert.Equal(invocation, Assert.Single(span.Links).Context);
        Assert.Equal("Routed", span.GetTagItem(IntakeMetrics.OutcomeTag));
        Assert.Equal(ActivityStatusCode.Unset, span.Status);
    }

    [Fact]
    public async Task A_message_from_before_messages_carried_a_traceparent_is_handled_under_the_invocations_trace()
    {
        var id = Stored();
        ActivityContext invocation;

        using (var worker = Worker.StartActivity("Invoke"))
        {
            invocation = worker!.Context;
            await Function().PrecheckSubmission(TestData.PrecheckMessage(BinaryData.FromString($$"""{"submissionId":"{{id}}"}""")), None);
        }

        var span = SpanOf(id);
        Assert.Equal(invocation.TraceId, span.TraceId);
        Assert.Equal(invocation.SpanId, span.ParentSpanId);
        Assert.Empty(span.Links);
    }

    [Fact]
    public async Task The_pre_check_measures_its_queue_age_and_its_duration_by_outcome_and_a_failure_too()
    {
        var id = Stored();
        var unknown = TestData.NewId();
        _store.Setup(s => s.GetAsync(unknown, It.IsAny<CancellationToken>())).ReturnsAsync((Submission?)null);

        await Function().PrecheckSubmission(TestData.PrecheckMessage(id, insertedOn: _clock.GetUtcNow().AddSeconds(-42)), None);
        await Assert.ThrowsAsync<KeyNotFoundException>(() => Function().PrecheckSubmission(TestData.PrecheckMessage(unknown, insertedOn: _clock.GetUtcNow()), None));

        Assert.Equal([42.0, 0.0], _metrics.Of(IntakeMetrics.QueueAge).Select(m => m.Value));
        Assert.Equal(["Routed", "Failed"], _metrics.Of(IntakeMetrics.PrecheckDuration).Select(m => (string)m.Tags[IntakeMetrics.OutcomeTag]!));
        var failed = SpanOf(unknown);
        Assert.Equal(ActivityStatusCode.Error, failed.Status);
        Assert.Null(failed.StatusDescription);
        Assert.Equal(typeof(KeyNotFoundException).FullName, failed.GetTagItem("error.type"));
    }
}
