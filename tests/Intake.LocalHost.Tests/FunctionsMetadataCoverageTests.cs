using Intake.Functions;
using Intake.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Intake.LocalHost.Tests;

/// <summary>The local host serves every function the Worker SDK lists in functions.metadata, as it lists it.</summary>
public sealed class FunctionsMetadataCoverageTests
{
    private static readonly string Directory = Path.GetDirectoryName(LocalHostProcess.Assembly)!;

    private static readonly IReadOnlyList<FunctionMetadata> Functions = FunctionMetadata.Load(Path.Combine(Directory, "functions.metadata"));

    private static WebApplication BuildHost()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Services.AddIntake(builder.Configuration);
        builder.AddLocalFunctionsHost(Directory);
        var app = builder.Build();
        app.MapLocalFunctions();
        return app;
    }

    [Fact]
    public void Functions_metadata_lists_the_app_functions_of_every_trigger_kind()
    {
        Assert.Contains(Functions, f => f.Trigger.Type == "httpTrigger");
        Assert.Contains(Functions, f => f.Trigger.Type == "queueTrigger");
        Assert.Contains(Functions, f => f.Trigger.Type == "timerTrigger");
    }

    [Fact]
    public async Task Every_http_function_is_served_on_its_route_and_methods()
    {
        await using var app = BuildHost();
        var endpoints = ((IEndpointRouteBuilder)app).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>().ToArray();

        foreach (var function in Functions.Where(f => f.Trigger.Type == "httpTrigger"))
        {
            var endpoint = Assert.Single(endpoints, e => e.RoutePattern.RawText == $"/{function.Trigger.Route}"
                && e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.SequenceEqual(function.Trigger.Methods!.Select(m => m.ToUpperInvariant())));
            Assert.Equal(function.Name, endpoint.DisplayName);
        }
    }

    [Fact]
    public async Task Every_queue_and_timer_function_has_a_listener()
    {
        await using var app = BuildHost();
        var hosted = app.Services.GetServices<IHostedService>().ToArray();

        foreach (var function in Functions.Where(f => f.Trigger.Type == "queueTrigger"))
        {
            var listener = Assert.Single(hosted.OfType<QueueTriggerListener>(), l => l.Function.Name == function.Name);
            Assert.Equal(function.Trigger.QueueName, listener.QueueName);
        }
        foreach (var function in Functions.Where(f => f.Trigger.Type == "timerTrigger"))
        {
            Assert.Single(hosted.OfType<TimerTriggerListener>(), l => l.Function.Name == function.Name);
        }
        Assert.Equal(Functions.Count(f => f.Trigger.Type != "httpTrigger"),
            hosted.OfType<QueueTriggerListener>().Count() + hosted.OfType<TimerTriggerListener>().Count());
    }

    [Fact]
    public void A_function_with_a_parameter_the_host_cannot_bind_is_refused_at_start()
    {
        var function = new FunctionMetadata
        {
            Name = "Unbindable",
            ScriptFile = "Intake.LocalHost.Tests.dll",
            EntryPoint = $"{typeof(TestFunctions).FullName}.{nameof(TestFunctions.Unbindable)}",
            Bindings = [new BindingMetadata { Name = "message", Type = "queueTrigger", Direction = "In", QueueName = "q" }],
        };

        var error = Assert.Throws<NotSupportedException>(() => new FunctionInvoker(function));
        Assert.Contains("'extra'", error.Message);
    }
}
