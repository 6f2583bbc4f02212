using Cronos;
using Microsoft.Azure.Functions.Worker;

namespace Intake.LocalHost;

/// <summary>Runs one timer-triggered function on its NCRONTAB schedule (six fields, seconds first), in UTC as the Functions host does by default.</summary>
public sealed class TimerTriggerListener(FunctionInvoker invoker, string schedule, bool runOnStartup, TimeProvider time, IServiceProvider services, ILogger<TimerTriggerListener> logger) : BackgroundService
{
    private readonly CronExpression _schedule = CronExpression.Parse(schedule, CronFormat.IncludeSeconds);

    /// <summary>The function this listener runs.</summary>
    public FunctionMetadata Function => invoker.Function;

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        DateTime? last = null;
        if (runOnStartup)
        {
            await RunAsync(last, stoppingToken);
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = time.GetUtcNow().UtcDateTime;
            var next = _schedule.GetNextOccurrence(now, TimeZoneInfo.Utc);
            if (next is null)
            {
                return;
            }
            try
            {
                await Task.Delay(next.Value - now, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            await RunAsync(last, stoppingToken);
            last = next;
        }
    }

    private async Task RunAsync(DateTime? last, CancellationToken stoppingToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var timer = new TimerInfo
        {
            ScheduleStatus = new ScheduleStatus { Last = last ?? default, Next = _schedule.GetNextOccurrence(now, TimeZoneInfo.Utc) ?? default, LastUpdated = now },
        };
        try
        {
            await invoker.InvokeAsync(services, new Invocation(timer, (value, _) => value, new Dictionary<string, object?>(), stoppingToken));
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            logger.LogError("Timer function {Function} failed: {Error}", invoker.Function.Name, e.GetType().Name);
        }
    }
}
