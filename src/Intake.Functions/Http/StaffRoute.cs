using System.Runtime.CompilerServices;
using Intake.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Intake.Functions.Http;

/// <summary>
/// The one way into a staff route. It resolves who asks (<see cref="StaffIdentity"/>), refuses with
/// <c>403</c> anyone without the role the route needs, runs the route's work, and answers a storage
/// failure (unreachable, timed out, refusing) as the public routes do: <c>503</c> problem details
/// with <c>Retry-After</c>, never a bare <c>500</c>. Every staff function goes through here, so a new
/// route cannot forget who may use it.
/// </summary>
public static class StaffRoute
{
    /// <summary>Seconds the team's page (or a script) is asked to wait when storage cannot be reached.</summary>
    public const int RetryAfterSeconds = 10;

    /// <summary>
    /// Runs <paramref name="action"/> for <paramref name="request"/> when its staff member holds
    /// <paramref name="role"/> (a manager holds every role); <paramref name="function"/> is the
    /// calling function's name.
    /// </summary>
    public static async Task<IActionResult> RunAsync(HttpRequest request, StaffRole role, Func<StaffCall, Task<IActionResult>> action,
        CancellationToken cancellationToken, [CallerMemberName] string function = "")
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(action);
        var services = request.HttpContext.RequestServices;
        var options = services?.GetService<IOptions<AuthOptions>>()?.Value ?? new AuthOptions();
        var staff = StaffIdentity.Of(request, options);
        if (staff is null)
        {
            return Problems.Forbidden("Sign in as a member of the study team: this route answers only a signed-in person, not the function key alone.");
        }
        if (!staff.May(role))
        {
            return Problems.Forbidden(staff.Roles.Count == 0
                ? "You are signed in but hold no role in this service: ask the study's manager to assign you the coordinator or manager role."
                : $"This route is for the {Name(role)} role; you hold the {staff.RoleName} role.");
        }
        try
        {
            return await action(new StaffCall(staff));
        }
        catch (Exception e) when (StorageFailure.Is(e, cancellationToken))
        {
            // The route and the exception's type only: a message may quote stored data.
            services?.GetService<ILoggerFactory>()?.CreateLogger(typeof(StaffRoute).FullName!)
                .LogWarning("Storage unavailable on {Function} {Method} {Route}: {ErrorType}", function, request.Method, RouteOf(request), e.GetType().Name);
            return Problems.StaffUnavailable(request.HttpContext.Response, RetryAfterSeconds);
        }
    }

    private static string Name(StaffRole role) => role == StaffRole.Manager ? "manager" : "coordinator";

    // The path only: a submission id is no patient data; the query string is left out.
    private static string RouteOf(HttpRequest request) => request.Path.HasValue ? request.Path.Value! : "";
}
