using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OpenTelemetry.Trace;

namespace Intake.LocalHost;

/// <summary>
/// Runs the Functions project's own function classes on this machine, driven by the
/// functions.metadata that the Worker SDK writes at build and by host.json. It holds no
/// application logic: a function added to the Functions project is served here without a change.
/// </summary>
public static class LocalFunctionsHost
{
    /// <summary>The address the Functions host uses locally.</summary>
    public const string DefaultUrl = "http://localhost:7071";

    /// <summary>Registers the triggers of every function in functions.metadata.</summary>
    /// <param name="builder">The web application being built.</param>
    /// <param name="directory">Where functions.metadata and host.json are: the app's own folder unless given.</param>
    public static WebApplicationBuilder AddLocalFunctionsHost(this WebApplicationBuilder builder, string? directory = null)
    {
        directory ??= AppContext.BaseDirectory;
        var functions = FunctionMetadata.Load(Path.Combine(directory, "functions.metadata")).Select(f => new FunctionInvoker(f)).ToArray();
        var host = HostSettings.Load(Path.Combine(directory, "host.json"));
        var key = new FunctionKey(builder.Configuration[FunctionKey.Variable]);

        if (builder.Configuration["urls"] is null)
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }
        builder.Services.AddSingleton<IReadOnlyList<FunctionInvoker>>(functions);
        builder.Services.AddSingleton(host);
        builder.Services.AddSingleton(key);
        if (MovedClock.From(builder.Configuration[MovedClock.Setting]) is { } clock)
        {
            // Replaces whatever clock the app registered: everything that asks for the time sees the moved one.
            builder.Services.RemoveAll<TimeProvider>();
            builder.Services.AddSingleton<TimeProvider>(clock);
        }
        builder.Services.AddOptions<LocalHostOptions>().BindConfiguration("LocalHost");
        builder.Services.AddMvcCore();
        builder.Services.AddProblemDetails();
        // The spans the Functions host makes in Azure: the HTTP request, and one per invocation.
        // They take effect only when the app's telemetry is exported (OTEL_EXPORTER_OTLP_ENDPOINT).
        builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing
            .AddSource(FunctionInvoker.Source.Name)
            .AddAspNetCoreInstrumentation());

        foreach (var invoker in functions)
        {
            var trigger = invoker.Function.Trigger;
            switch (trigger.Type)
            {
                case "httpTrigger":
                    break;
                case "queueTrigger":
                    if (!string.Equals(host.Queues.MessageEncoding, "base64", StringComparison.OrdinalIgnoreCase))
                    {
                        throw new NotSupportedException($"host.json's queue messageEncoding '{host.Queues.MessageEncoding}': the app's queue clients send Base64.");
                    }
                    var queueName = Resolve(builder.Configuration, trigger.QueueName!);
                    builder.Services.AddSingleton<IHostedService>(sp => new QueueTriggerListener(invoker, sp.GetRequiredService<QueueServiceClient>(), queueName,
                        host.Queues, sp.GetRequiredService<IOptions<LocalHostOptions>>().Value, sp, sp.GetRequiredService<ILogger<QueueTriggerListener>>()));
                    break;
                case "timerTrigger":
                    // LocalHost:Schedules:{Function} replaces a timer's schedule for a local run (the fault tests reconcile every few seconds).
                    var schedule = Resolve(builder.Configuration, builder.Configuration[$"LocalHost:Schedules:{invoker.Function.Name}"] ?? trigger.Schedule!);
                    builder.Services.AddSingleton<IHostedService>(sp => new TimerTriggerListener(invoker, schedule, trigger.RunOnStartup,
                        sp.GetRequiredService<TimeProvider>(), sp, sp.GetRequiredService<ILogger<TimerTriggerListener>>()));
                    break;
                default:
                    throw new NotSupportedException($"Function {invoker.Function.Name}: the local host does not run {trigger.Type} triggers.");
            }
        }
        return builder;
    }

    /// <summary>Maps the HTTP triggers and prints, once started, the key and the routes.</summary>
    public static WebApplication MapLocalFunctions(this WebApplication app)
    {
        app.UseExceptionHandler();
        var functions = app.Services.GetRequiredService<IReadOnlyList<FunctionInvoker>>();
        var key = app.Services.GetRequiredService<FunctionKey>();
        var routes = app.MapHttpTriggers(functions, app.Services.GetRequiredService<HostSettings>(), key);
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var address = app.Urls.FirstOrDefault() ?? DefaultUrl;
            Console.WriteLine();
            Console.WriteLine($"MbcIntake is running on {address}");
            if (app.Services.GetRequiredService<TimeProvider>() is MovedClock moved)
            {
                Console.WriteLine($"  The clock is moved by {moved.Offset} ({MovedClock.Setting}): now is {moved.GetUtcNow():u}");
            }
            Console.WriteLine($"  Staff key ({(key.Generated ? "made for this run; set " + FunctionKey.Variable + " to keep one" : "from " + FunctionKey.Variable)}): {key.Value}");
            Console.WriteLine($"  Functions ({functions.Count}):");
            foreach (var route in routes)
            {
                Console.WriteLine($"    {route}");
            }
            foreach (var f in functions.Where(f => f.Function.Trigger.Type != "httpTrigger"))
            {
                Console.WriteLine($"    {f.Function.Name}: {f.Function.Trigger.Type} {f.Function.Trigger.QueueName ?? f.Function.Trigger.Schedule}");
            }
            Console.WriteLine($"  Try: curl -H 'x-functions-key: {key.Value}' {address}/api/worklist");
            Console.WriteLine("  Ctrl-C stops it.");
        });
        return app;
    }

    private static string Resolve(IConfiguration configuration, string value) =>
        value.Length > 2 && value[0] == '%' && value[^1] == '%'
            ? configuration[value[1..^1]] ?? throw new InvalidOperationException($"The setting {value} is not set.")
            : value;
}
