using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;

namespace Intake.Functions.Telemetry;

/// <summary>
/// The app's metrics (meter <see cref="IntakeTelemetry.Name"/>): submissions accepted, pre-check
/// duration, queue age at handling, messages in the poison queues, and submissions the reconciler
/// queued again. Their dimensions are the submission's kind, the outcome and the queue's name: never
/// an id, never patient data. The alert rules in infra/alerts.bicep read them by name.
/// </summary>
public sealed class IntakeMetrics
{
    /// <summary>Counter: submissions answered 202 (a client's identical replay counts again), by <see cref="KindTag"/>.</summary>
    public const string SubmissionsAccepted = "mbcintake.submissions.accepted";

    /// <summary>Histogram, seconds: one pre-check's handling, by <see cref="OutcomeTag"/>.</summary>
    public const string PrecheckDuration = "mbcintake.precheck.duration";

    /// <summary>Histogram, seconds: from a message's insertion into its queue to the start of its handling, by <see cref="QueueTag"/>.</summary>
    public const string QueueAge = "mbcintake.queue.age";

    /// <summary>Gauge: messages in each poison queue, by <see cref="QueueTag"/> (the queue they failed on).</summary>
    public const string PoisonMessages = "mbcintake.poison.messages";

    /// <summary>Counter: submissions a reconciler pass queued again (stored but never pre-checked).</summary>
    public const string ReconcilerRequeued = "mbcintake.reconciler.requeued";

    /// <summary>Dimension: <c>SelfScreening</c> or <c>Referral</c>.</summary>
    public const string KindTag = "mbcintake.submission.kind";

    /// <summary>Dimension: what the handling did (<see cref="RoutingOutcome"/>, or <c>Failed</c>).</summary>
    public const string OutcomeTag = "mbcintake.outcome";

    /// <summary>Dimension: a queue's name (<c>precheck</c>, <c>alerts</c>).</summary>
    public const string QueueTag = "messaging.destination.name";

    /// <summary>How old a poison count may be before the next collection reads it again.</summary>
    public static readonly TimeSpan PoisonCountsMaxAge = TimeSpan.FromSeconds(30);

    private static readonly IReadOnlyList<double> SecondsBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600];

    private readonly Counter<long> _accepted;
    private readonly Histogram<double> _precheckDuration;
    private readonly Histogram<double> _queueAge;
    private readonly Counter<long> _requeued;
    private readonly IPoisonQueues _poison;
    private readonly TimeProvider _time;
    private readonly ILogger<IntakeMetrics> _logger;
    private IReadOnlyDictionary<string, int>? _poisonCounts;
    private DateTimeOffset _poisonReadAt = DateTimeOffset.MinValue;
    private int _poisonReading;

    /// <summary>Creates the instruments on a meter of <paramref name="meters"/>.</summary>
    public IntakeMetrics(IMeterFactory meters, IPoisonQueues poison, TimeProvider time, ILogger<IntakeMetrics> logger)
    {
        _poison = poison;
        _time = time;
        _logger = logger;
        var meter = meters.Create(IntakeTelemetry.Name, typeof(IntakeMetrics).Assembly.GetName().Version?.ToString());
        var seconds = new InstrumentAdvice<double> { HistogramBucketBoundaries = SecondsBuckets };
        _accepted = meter.CreateCounter<long>(SubmissionsAccepted, "{submission}", "Submissions answered 202 Accepted.");
        _precheckDuration = meter.CreateHistogram(PrecheckDuration, "s", "Time to pre-check and route one queued submission.", advice: seconds);
        _queueAge = meter.CreateHistogram(QueueAge, "s", "Time a message waited in its queue before its handling began.", advice: seconds);
        _requeued = meter.CreateCounter<long>(ReconcilerRequeued, "{submission}", "Stored submissions a reconciler pass found never pre-checked and queued again.");
        meter.CreateObservableGauge(PoisonMessages, ObservePoison, "{message}", "Messages in each poison queue (they failed every try).");
    }

    /// <summary>A submission of <paramref name="kind"/> was answered 202.</summary>
    public void Accepted(SubmissionKind kind) => _accepted.Add(1, new KeyValuePair<string, object?>(KindTag, kind.ToString()));

    /// <summary>A pre-check message was handled in <paramref name="duration"/> with <paramref name="outcome"/>.</summary>
    public void Prechecked(TimeSpan duration, string outcome) =>
        _precheckDuration.Record(duration.TotalSeconds, new KeyValuePair<string, object?>(OutcomeTag, outcome));

    /// <summary>A message of <paramref name="queue"/> inserted at <paramref name="insertedAt"/> is being handled now.</summary>
    public void Dequeued(string queue, DateTimeOffset? insertedAt)
    {
        if (insertedAt is { } inserted)
        {
            _queueAge.Record(Math.Max(0, (_time.GetUtcNow() - inserted).TotalSeconds), new KeyValuePair<string, object?>(QueueTag, queue));
        }
    }

    /// <summary>A reconciler pass queued <paramref name="count"/> submissions again.</summary>
    public void Requeued(int count) => _requeued.Add(count);

    /// <summary>
    /// The poison counts last read, and a new read started in the background when they are older
    /// than <see cref="PoisonCountsMaxAge"/>: a collection never waits for storage. Called only while
    /// a metrics exporter listens, so without one storage is never asked.
    /// </summary>
    private IEnumerable<Measurement<int>> ObservePoison()
    {
        if (_time.GetUtcNow() - _poisonReadAt > PoisonCountsMaxAge && Interlocked.Exchange(ref _poisonReading, 1) == 0)
        {
            _ = Task.Run(ReadPoisonCountsAsync);
        }
        return _poisonCounts is { } counts
            ? [.. counts.Select(c => new Measurement<int>(c.Value, new KeyValuePair<string, object?>(QueueTag, c.Key)))]
            : [];
    }

    private async Task ReadPoisonCountsAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(PoisonCountsMaxAge);
            _poisonCounts = await _poison.CountsAsync(timeout.Token);
            _poisonReadAt = _time.GetUtcNow();
        }
        catch (Exception e)
        {
            // Storage away: the gauge keeps its last values; the type only (an exception's text may hold data).
            _logger.LogWarning("Could not read the poison queues' counts for the metrics: {Error}", e.GetType().Name);
        }
        finally
        {
            Volatile.Write(ref _poisonReading, 0);
        }
    }
}
