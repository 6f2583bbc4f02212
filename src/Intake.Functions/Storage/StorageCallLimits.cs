using Azure.Core;
using Azure.Core.Pipeline;

namespace Intake.Functions.Storage;

/// <summary>
/// How long one storage call (a Table or Queue request with its retries) may take, for every
/// client the app makes (<see cref="StorageConnection"/>). The bound matters for correctness, not
/// only for latency: the reconciler takes a pending mark without a record, older than its grace
/// (2 minutes), for a post that was never stored, so a write must not be able to commit after
/// that. The figures (also in docs/storage.md): 3 retries, exponential back-off from 0.5 s up to
/// 4 s, 10 s of network timeout per try, and a deadline of 30 s per call after which no try starts
/// and the running try's network timeout is cut to what remains. A call ends within the deadline
/// plus one back-off: 34 s at most.
/// </summary>
public static class StorageCallLimits
{
    /// <summary>Tries after the first.</summary>
    public const int MaxRetries = 3;

    /// <summary>The first back-off between tries (doubling, with jitter).</summary>
    public static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(0.5);

    /// <summary>The longest back-off between tries.</summary>
    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(4);

    /// <summary>How long one try may wait on the network.</summary>
    public static readonly TimeSpan NetworkTimeout = TimeSpan.FromSeconds(10);

    /// <summary>How long one call, all its tries and back-offs together, may take.</summary>
    public static readonly TimeSpan CallDeadline = TimeSpan.FromSeconds(30);

    private const string StartedProperty = "Intake.CallStarted";

    /// <summary>Sets the retry figures and the per-call deadline on a client's options.</summary>
    /// <param name="options">The options of a Table or Queue client, before the client is made.</param>
    /// <param name="deadline">The per-call deadline; <see cref="CallDeadline"/> unless a test needs a shorter one.</param>
    /// <param name="time">The clock; the system's unless a test needs another.</param>
    public static void Apply(ClientOptions options, TimeSpan? deadline = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Retry.Mode = RetryMode.Exponential;
        options.Retry.MaxRetries = MaxRetries;
        options.Retry.Delay = RetryDelay;
        options.Retry.MaxDelay = MaxRetryDelay;
        options.Retry.NetworkTimeout = NetworkTimeout;
        var clock = time ?? TimeProvider.System;
        options.AddPolicy(new CallStart(clock), HttpPipelinePosition.PerCall);
        options.AddPolicy(new TryWithinDeadline(deadline ?? CallDeadline, NetworkTimeout, clock), HttpPipelinePosition.PerRetry);
    }

    /// <summary>Notes when the call started, once, before the retry loop.</summary>
    private sealed class CallStart(TimeProvider clock) : HttpPipelineSynchronousPolicy
    {
        public override void OnSendingRequest(HttpMessage message) => message.SetProperty(StartedProperty, clock.GetTimestamp());
    }

    /// <summary>Before each try: none after the deadline, and the try's network timeout cut to what remains.</summary>
    private sealed class TryWithinDeadline(TimeSpan deadline, TimeSpan networkTimeout, TimeProvider clock) : HttpPipelineSynchronousPolicy
    {
        public override void OnSendingRequest(HttpMessage message)
        {
            if (!message.TryGetProperty(StartedProperty, out var value) || value is not long started)
            {
                return;
            }
            var remaining = deadline - clock.GetElapsedTime(started);
            if (remaining <= TimeSpan.Zero)
            {
                throw new StorageDeadlineExceededException(deadline);
            }
            message.NetworkTimeout = remaining < networkTimeout ? remaining : networkTimeout;
        }
    }
}
