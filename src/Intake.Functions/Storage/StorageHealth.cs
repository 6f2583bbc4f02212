using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.Extensions.Logging;

namespace Intake.Functions.Storage;

/// <summary>
/// Asks the table service and the queue service the cheapest questions the app's identity may ask
/// (one page of an empty partition of the first of <see cref="StorageNames.SubmissionTableNames"/>, the properties
/// of <see cref="StorageNames.PrecheckQueue"/>), both within <see cref="Timeout"/>. The health route
/// is anonymous, so one answer serves every caller for <see cref="Reuse"/>: callers cannot turn it
/// into a flood of storage calls.
/// </summary>
public sealed class StorageHealth(TableServiceClient tables, QueueServiceClient queues, TimeProvider time, ILogger<StorageHealth> logger) : IStorageHealth
{
    /// <summary>A partition no submission has (ids are UUIDs): the query reads nothing.</summary>
    private const string NoPartition = "PartitionKey eq 'health-probe'";

    private readonly Lock _gate = new();
    private Task<bool>? _last;
    private long _lastStarted;

    /// <summary>How long storage has to answer both questions; a health check must answer quickly, whatever the SDK's retries.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a finished probe's answer is given again before storage is asked anew.</summary>
    public TimeSpan Reuse { get; init; } = TimeSpan.FromSeconds(5);

    /// <inheritdoc />
    public Task<bool> AnswersAsync(CancellationToken cancellationToken)
    {
        Task<bool> probe;
        lock (_gate)
        {
            var now = time.GetTimestamp();
            if (_last is null || (_last.IsCompleted && time.GetElapsedTime(_lastStarted, now) >= Reuse))
            {
                _lastStarted = now;
                _last = ProbeAsync();
            }
            probe = _last;
        }
        return probe.WaitAsync(cancellationToken);
    }

    private async Task<bool> ProbeAsync()
    {
        using var timeout = new CancellationTokenSource(Timeout, time);
        try
        {
            await Task.WhenAll(TablesAnswerAsync(timeout.Token), QueuesAnswerAsync(timeout.Token));
            return true;
        }
        // The failures every route takes for an outage; any cancellation here is the probe's own timeout.
        catch (Exception e) when (Http.StorageFailure.Is(e, CancellationToken.None))
        {
            logger.LogWarning("Storage did not answer the health probe: {Error}", e.GetType().Name);
            return false;
        }
    }

    private async Task TablesAnswerAsync(CancellationToken cancellationToken)
    {
        var query = tables.GetTableClient(StorageNames.SubmissionTableNames[0])
            .QueryAsync<TableEntity>(NoPartition, maxPerPage: 1, select: ["PartitionKey"], cancellationToken: cancellationToken);
        await foreach (var _ in query.AsPages().WithCancellation(cancellationToken))
        {
            break;
        }
    }

    private Task QueuesAnswerAsync(CancellationToken cancellationToken) =>
        queues.GetQueueClient(StorageNames.PrecheckQueue).GetPropertiesAsync(cancellationToken);
}
