using System.Diagnostics;
using System.Reflection;
using Microsoft.AspNetCore.Http;

namespace Intake.LocalHost;

/// <summary>What a trigger hands to a function: the trigger's value and the bindings it can fill.</summary>
/// <param name="TriggerValue">Binds to the parameter named by the trigger binding.</param>
/// <param name="ConvertTrigger">Turns the trigger value into the parameter's type.</param>
/// <param name="RouteValues">HTTP route values, bound to parameters of the same name.</param>
/// <param name="CancellationToken">Bound to a <see cref="CancellationToken"/> parameter.</param>
public sealed record Invocation(object? TriggerValue, Func<object?, Type, object?> ConvertTrigger, IReadOnlyDictionary<string, object?> RouteValues, CancellationToken CancellationToken);

/// <summary>
/// Calls one function's own method, as the worker would: an instance of its class made from DI
/// (constructor injection), its parameters bound from the trigger, its task awaited.
/// </summary>
public sealed class FunctionInvoker
{
    /// <summary>The local host's own activity source: one span per invocation, as the Functions host makes.</summary>
    public static readonly ActivitySource Source = new("Intake.LocalHost");

    private readonly MethodInfo _method;
    private readonly ParameterInfo[] _parameters;
    private readonly string _triggerName;

    /// <summary>Prepares the function; fails at start for a parameter the local host cannot bind.</summary>
    public FunctionInvoker(FunctionMetadata function)
    {
        Function = function;
        _method = function.ResolveMethod();
        _parameters = _method.GetParameters();
        _triggerName = function.Trigger.Name;
        var routeNames = RouteParameterNames(function.Trigger.Route);
        foreach (var p in _parameters)
        {
            if (p.Name != _triggerName && p.ParameterType != typeof(CancellationToken) && !routeNames.Contains(p.Name!, StringComparer.OrdinalIgnoreCase))
            {
                throw new NotSupportedException(
                    $"Function {function.Name}: parameter '{p.Name}' ({p.ParameterType.Name}) is not a trigger, a route value or a CancellationToken. " +
                    "The app uses only trigger bindings and reads everything else through DI, so the local host binds nothing more.");
            }
        }
    }

    /// <summary>The function.</summary>
    public FunctionMetadata Function { get; }

    /// <summary>
    /// Calls the function and returns what it returned (a task's result, or <c>null</c>), in a span of
    /// its own named after the function (a child of the HTTP request's span for an HTTP trigger), as
    /// the Functions host traces each invocation. A failure marks the span with the exception's type only.
    /// </summary>
    public async Task<object?> InvokeAsync(IServiceProvider services, Invocation invocation)
    {
        using var span = Source.StartActivity(Function.Name, Function.Trigger.Type == "queueTrigger" ? ActivityKind.Consumer : ActivityKind.Internal);
        span?.SetTag("faas.name", Function.Name);
        span?.SetTag("faas.trigger", Function.Trigger.Type switch { "httpTrigger" => "http", "queueTrigger" => "datasource", "timerTrigger" => "timer", _ => "other" });
        span?.SetTag("faas.invocation_id", Guid.NewGuid().ToString("D"));
        try
        {
            return await CallAsync(services, invocation);
        }
        catch (Exception e)
        {
            span?.SetStatus(ActivityStatusCode.Error);
            span?.SetTag("error.type", e.GetType().FullName);
            throw;
        }
    }

    private async Task<object?> CallAsync(IServiceProvider services, Invocation invocation)
    {
        var target = _method.IsStatic ? null : ActivatorUtilities.CreateInstance(services, _method.DeclaringType!);
        var arguments = new object?[_parameters.Length];
        for (var i = 0; i < _parameters.Length; i++)
        {
            var p = _parameters[i];
            arguments[i] = p.Name == _triggerName ? invocation.ConvertTrigger(invocation.TriggerValue, p.ParameterType)
                : p.ParameterType == typeof(CancellationToken) ? invocation.CancellationToken
                : RouteValue(invocation.RouteValues, p);
        }
        object? returned;
        try
        {
            returned = _method.Invoke(target, arguments);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            throw;
        }
        if (returned is Task task)
        {
            await task;
            var resultProperty = task.GetType().GetProperty(nameof(Task<object>.Result));
            return task.GetType().IsGenericType ? resultProperty?.GetValue(task) : null;
        }
        return returned;
    }

    /// <summary>A route value converted to the parameter's type; an optional one that is absent binds as <c>null</c>.</summary>
    private static object? RouteValue(IReadOnlyDictionary<string, object?> values, ParameterInfo parameter)
    {
        var value = values.FirstOrDefault(r => string.Equals(r.Key, parameter.Name, StringComparison.OrdinalIgnoreCase)).Value;
        return value is null ? null : Convert.ChangeType(value, Nullable.GetUnderlyingType(parameter.ParameterType) ?? parameter.ParameterType, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string[] RouteParameterNames(string? route) => route is null ? [] :
        [.. Microsoft.AspNetCore.Routing.Patterns.RoutePatternFactory.Parse(route).Parameters.Select(p => p.Name)];
}
