using System.Text.Json;
using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;

namespace Intake.LocalHost;

/// <summary>Local host options (section <c>LocalHost</c>).</summary>
public sealed class LocalHostOptions
{
    /// <summary>How long a message being handled stays invisible; renewed at half that while the function runs (the Functions host: 10 minutes).</summary>
    public TimeSpan MessageInvisibility { get; set; } = TimeSpan.FromMinutes(10);
}

/// <summary>
/// Runs one queue-triggered function the way the Functions host does: batches of
/// <c>batchSize</c>, the next batch fetched when <c>newBatchThreshold</c> are left, each message
/// invisible while it runs (renewed), deleted only once the function returned, tried again after
/// <c>visibilityTimeout</c> when it failed, and moved to <c>{queue}-poison</c> after
/// <c>maxDequeueCount</c> tries.
/// </summary>
public sealed class QueueTriggerListener(
    FunctionInvoker invoker, QueueServiceClient queues, string queueName, QueueSettings settings, LocalHostOptions options,
    IServiceProvider services, ILogger<QueueTriggerListener> logger) : BackgroundService
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly TimeSpan MinPollingInterval = TimeSpan.FromMilliseconds(100);

    private int _poisoned;

    /// <summary>The function this listener runs.</summary>
    public FunctionMetadata Function => invoker.Function;

    /// <summary>The queue it listens to.</summary>
    public string QueueName => queueName;

    /// <summary>Messages moved to the poison queue since start.</summary>
    public int Poisoned => _poisoned;

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var queue = ClientFor(queueName);
        var poison = ClientFor(queueName + "-poison");
        await queue.CreateIfNotExistsAsync(cancellationToken: stoppingToken);
        await poison.CreateIfNotExistsAsync(cancellationToken: stoppingToken);
        var running = new List<Task>();
        var delay = MinPollingInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            running.RemoveAll(t => t.IsCompleted);
            if (running.Count > settings.NewBatchThreshold)
            {
                await Task.WhenAny(running);
                continue;
            }
            QueueMessage[] messages;
            try
            {
                messages = (await queue.ReceiveMessagesAsync(settings.BatchSize, options.MessageInvisibility, stoppingToken)).Value;
            }
            catch (Exception e) when (e is RequestFailedException or HttpRequestException or AggregateException)
            {
                logger.LogWarning("Queue {Queue}: cannot receive ({Error}); polling again", queueName, e.GetType().Name);
                messages = [];
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            if (messages.Length == 0)
            {
                await WaitAsync(delay, stoppingToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, settings.MaxPollingInterval.Ticks));
                continue;
            }
            delay = MinPollingInterval;
            running.AddRange(messages.Select(m => HandleAsync(queue, poison, m, stoppingToken)));
        }
        // Stopping: messages still running are left to become visible again (at-least-once), as on the Functions host.
    }

    private QueueClient ClientFor(string name) => queues.GetQueueClient(name);

    private async Task HandleAsync(QueueClient queue, QueueClient poison, QueueMessage message, CancellationToken stoppingToken)
    {
        var popReceipt = message.PopReceipt;
        if (message.DequeueCount > settings.MaxDequeueCount)
        {
            await MoveToPoisonAsync(queue, poison, message, popReceipt, stoppingToken);
            return;
        }
        using var running = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var renewal = RenewAsync(queue, message.MessageId, () => popReceipt, r => popReceipt = r, running.Token);
        Exception? failure = null;
        try
        {
            await invoker.InvokeAsync(services, new Invocation(message, Bind, new Dictionary<string, object?>(), stoppingToken));
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            failure = e;
        }
        finally
        {
            await running.CancelAsync();
            await renewal;
        }
        if (stoppingToken.IsCancellationRequested)
        {
            return;
        }
        try
        {
            if (failure is null)
            {
                await queue.DeleteMessageAsync(message.MessageId, popReceipt, CancellationToken.None);
                return;
            }
            // The exception's type and the message id only: a message may never carry patient data, but an exception text might.
            logger.LogError("Function {Function} failed on message {MessageId} (try {Try} of {Max}): {Error}",
                invoker.Function.Name, message.MessageId, message.DequeueCount, settings.MaxDequeueCount, failure.GetType().Name);
            if (message.DequeueCount >= settings.MaxDequeueCount)
            {
                await MoveToPoisonAsync(queue, poison, message, popReceipt, CancellationToken.None);
            }
            else
            {
                await queue.UpdateMessageAsync(message.MessageId, popReceipt, visibilityTimeout: settings.VisibilityTimeout, cancellationToken: CancellationToken.None);
            }
        }
        catch (RequestFailedException e)
        {
            // The receipt is stale (the message became visible and was taken again) or storage is away:
            // the message stays on the queue and is handled again, which every handler tolerates.
            logger.LogWarning("Queue {Queue}: could not settle message {MessageId} ({Status})", queueName, message.MessageId, e.Status);
        }
    }

    private async Task MoveToPoisonAsync(QueueClient queue, QueueClient poison, QueueMessage message, string popReceipt, CancellationToken cancellationToken)
    {
        await poison.SendMessageAsync(message.Body, cancellationToken: cancellationToken);
        await queue.DeleteMessageAsync(message.MessageId, popReceipt, cancellationToken);
        var count = Interlocked.Increment(ref _poisoned);
        logger.LogError("Function {Function}: message {MessageId} moved to {Queue}-poison after {Tries} tries ({Count} since start)",
            invoker.Function.Name, message.MessageId, queueName, message.DequeueCount, count);
    }

    private async Task RenewAsync(QueueClient queue, string messageId, Func<string> receipt, Action<string> setReceipt, CancellationToken cancellationToken)
    {
        var every = options.MessageInvisibility / 2;
        while (!cancellationToken.IsCancellationRequested)
        {
            if (!await WaitAsync(every, cancellationToken))
            {
                return;
            }
            try
            {
                var updated = await queue.UpdateMessageAsync(messageId, receipt(), visibilityTimeout: options.MessageInvisibility, cancellationToken: cancellationToken);
                setReceipt(updated.Value.PopReceipt);
            }
            catch (Exception e) when (e is RequestFailedException || (e is OperationCanceledException && cancellationToken.IsCancellationRequested))
            {
                return;
            }
        }
    }

    /// <summary>The message as the worker binds it: the SDK's <see cref="QueueMessage"/> itself, or its body as bytes, text or JSON.</summary>
    private static object? Bind(object? value, Type type)
    {
        var message = (QueueMessage)value!;
        if (type == typeof(QueueMessage))
        {
            return message;
        }
        var data = message.Body;
        return type == typeof(BinaryData) ? data
            : type == typeof(string) ? data.ToString()
            : type == typeof(byte[]) ? data.ToArray()
            : JsonSerializer.Deserialize(data.ToString(), type, Json);
    }

    private static async Task<bool> WaitAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, cancellationToken);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
