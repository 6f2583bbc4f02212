using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Intake.Functions.Http;

/// <summary>
/// Runs a staff route's work and answers a storage failure (unreachable, timed out, refusing) as
/// the public routes do: <c>503</c> problem details with <c>Retry-After</c>, never a bare <c>500</c>.
/// Every staff function goes through here.
/// </summary>
public static class StaffRoute
{
    /// <summary>Seconds the team's page (or a script) is asked to wait when storage cannot be reached.</summary>
    public const int RetryAfterSeconds = 10;

    /// <summary>Runs <paramref name="action"/> for <paramref name="request"/>.</summary>
    public static async Task<IActionResult> RunAsync(HttpRequest request, Func<Task<IActionResult>> action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(action);
        try
        {
            return await action();
        }
        catch (Exception e) when (StorageFailure.Is(e, cancellationToken))
        {
            // The route and the exception's type only: a message may quote stored data.
            request.HttpContext.RequestServices?.GetService<ILoggerFactory>()?.CreateLogger(typeof(StaffRoute).FullName!)
                .LogWarning("Storage unavailable on {Method} {Route}: {ErrorType}", request.Method, RouteOf(request), e.GetType().Name);
            return Problems.StaffUnavailable(request.HttpContext.Response, RetryAfterSeconds);
        }
    }

    // The path only: a submission id is no patient data; the query string is left out.
    private static string RouteOf(HttpRequest request) => request.Path.HasValue ? request.Path.Value! : "";
}
