using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;

namespace Intake.LocalHost;

/// <summary>Serves every HTTP trigger on its route, methods and auth level, as the Functions host does.</summary>
public static class HttpTriggers
{
    private const string Unauthorized = """{"title":"Unauthorized","status":401,"detail":"This route needs the function key, in the x-functions-key header or the code query parameter."}""";

    /// <summary>Maps each HTTP-triggered function of <paramref name="functions"/>.</summary>
    public static IReadOnlyList<string> MapHttpTriggers(this IEndpointRouteBuilder app, IEnumerable<FunctionInvoker> functions, HostSettings host, FunctionKey key)
    {
        var mapped = new List<string>();
        foreach (var invoker in functions.Where(f => f.Function.Trigger.Type == "httpTrigger"))
        {
            var trigger = invoker.Function.Trigger;
            var route = trigger.Route ?? invoker.Function.Name;
            var pattern = host.RoutePrefix.Length == 0 ? $"/{route}" : $"/{host.RoutePrefix}/{route}";
            var needsKey = !string.Equals(trigger.AuthLevel, "Anonymous", StringComparison.OrdinalIgnoreCase);
            var methods = (trigger.Methods ?? ["get", "post"]).Select(m => m.ToUpperInvariant()).ToArray();
            app.MapMethods(pattern, methods, async context =>
            {
                if (needsKey && !key.Admits(context.Request))
                {
                    // The same fixed body for every refusal: it must not tell whether the id exists.
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    context.Response.ContentType = "application/problem+json";
                    await context.Response.WriteAsync(Unauthorized);
                    return;
                }
                var routeValues = context.Request.RouteValues.ToDictionary(v => v.Key, v => v.Value);
                var result = await invoker.InvokeAsync(context.RequestServices,
                    new Invocation(context.Request, (value, _) => value, routeValues, context.RequestAborted));
                switch (result)
                {
                    case IActionResult action:
                        await action.ExecuteResultAsync(new ActionContext(context, context.GetRouteData(), new ActionDescriptor()));
                        break;
                    case null:
                        context.Response.StatusCode = StatusCodes.Status204NoContent;
                        break;
                    default:
                        await Results.Ok(result).ExecuteAsync(context);
                        break;
                }
            }).WithDisplayName(invoker.Function.Name);
            mapped.Add($"{string.Join(",", methods),-5} {pattern}{(needsKey ? "  (function key)" : "")}");
        }
        return mapped;
    }
}
