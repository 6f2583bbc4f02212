using Intake.Functions.Telemetry;
using Intake.Testing;
using Moq;

namespace Intake.Functions.Tests;

/// <summary>The app's instruments: names, values and dimensions (never an id or patient data).</summary>
public sealed class IntakeMetricsTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 15, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Queue_age_is_the_time_since_the_message_was_inserted_by_queue_and_a_message_without_one_is_not_measured()
    {
        using var recorded = new RecordedMetrics(time: new ManualClock(Now));

        recorded.Metrics.Dequeued("precheck", Now.AddSeconds(-90));
        recorded.Metrics.Dequeued("precheck", null);

        var (value, tags) = Assert.Single(recorded.Of(IntakeMetrics.QueueAge));
        Assert.Equal(90, value);
        Assert.Equal("precheck", tags[IntakeMetrics.QueueTag]);
    }

    [Fact]
    public async Task The_poison_gauge_reports_each_poison_queue_from_a_background_read_and_never_waits_for_storage()
    {
        var read = new TaskCompletionSource<IReadOnlyDictionary<string, int>>(TaskCreationOptions.RunContinuationsAsynchronously);
        var poison = new Mock<IPoisonQueues>();
        poison.Setup(p => p.CountsAsync(It.IsAny<CancellationToken>())).Returns(read.Task);
        using var recorded = new RecordedMetrics(poison.Object);

        // The first collection starts the read and reports nothing yet: it does not wait for storage.
        recorded.Observe();
        Assert.Empty(recorded.Of(IntakeMetrics.PoisonMessages));
        read.SetResult(new Dictionary<string, int> { ["precheck"] = 2, ["alerts"] = 0 });

        var values = await Poll.UntilAsync(() =>
        {
            recorded.Observe();
            var seen = recorded.Of(IntakeMetrics.PoisonMessages);
            return Task.FromResult(seen.Count > 0 ? seen : null);
        }, TimeSpan.FromSeconds(10), "the poison counts");

        Assert.Equal(2, values.Single(v => (string)v.Tags[IntakeMetrics.QueueTag]! == "precheck").Value);
        Assert.Equal(0, values.Single(v => (string)v.Tags[IntakeMetrics.QueueTag]! == "alerts").Value);
        // Fresh counts are not read again at every collection.
        poison.Verify(p => p.CountsAsync(It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public void Accepted_submissions_count_by_kind_and_requeued_ones_by_pass()
    {
        using var recorded = new RecordedMetrics();

        recorded.Metrics.Accepted(SubmissionKind.Referral);
        recorded.Metrics.Requeued(3);

        var accepted = Assert.Single(recorded.Of(IntakeMetrics.SubmissionsAccepted));
        Assert.Equal(1, accepted.Value);
        Assert.Equal(new Dictionary<string, object?> { [IntakeMetrics.KindTag] = "Referral" }, accepted.Tags);
        var requeued = Assert.Single(recorded.Of(IntakeMetrics.ReconcilerRequeued));
        Assert.Equal(3, requeued.Value);
        Assert.Empty(requeued.Tags);
    }
}
