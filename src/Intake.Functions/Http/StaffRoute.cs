using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Infrastructure;
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

    /// <summary>What the audit log records as <c>by</c> for a request with nobody signed in.</summary>
    public const string NobodySignedIn = "(nobody signed in)";

    /// <summary>
    /// Runs <paramref name="action"/> for <paramref name="request"/> when its staff member holds
    /// <paramref name="role"/> (a manager holds every role); <paramref name="function"/> is the
    /// calling function's name. When the route touches <see cref="StaffData.PatientData"/>, the
    /// answer (a refusal included) is recorded in the audit log before it goes out; when that entry
    /// cannot be written, the answer is a <c>503</c> instead and shows nothing.
    /// </summary>
    public static async Task<IActionResult> RunAsync(HttpRequest request, StaffRole role, StaffData data, Func<StaffCall, Task<IActionResult>> action,
        CancellationToken cancellationToken, [CallerMemberName] string function = "")
    {
        ArgumentNullException.ThrowIfNull(request);
        var services = request.HttpContext.RequestServices;
        var options = services?.GetService<IOptions<AuthOptions>>()?.Value ?? new AuthOptions();
        var staff = StaffIdentity.Of(request, options);
        var call = new StaffCall(staff ?? new StaffMember(NobodySignedIn, new HashSet<StaffRole>()));
        var result = await AnswerAsync(request, staff, role, action, call, cancellationToken, function);
        if (data is StaffData.CountsOnly or StaffData.CallerOnly)
        {
            return result;
        }
        var status = (result as IStatusCodeActionResult)?.StatusCode ?? StatusCodes.Status200OK;
        var success = status is >= 200 and < 300;
        var entry = new AuditEntry(services?.GetService<TimeProvider>()?.GetUtcNow() ?? DateTimeOffset.UtcNow, call.Staff.Name, call.Staff.RoleName, function,
            call.SubmissionId, success ? call.Count : 0, status);
        // No audit log, no patient data: a host without one is a mistake to see at once.
        var audit = services?.GetService<IAuditLog>() ?? throw new InvalidOperationException("No IAuditLog is registered: a staff route cannot answer unaudited.");
        try
        {
            await audit.AppendAsync(entry, cancellationToken);
        }
        catch (Exception e) when (StorageFailure.Is(e, cancellationToken))
        {
            Log(services, function, request, "Audit entry could not be written", e);
            return Problems.StaffUnavailable(request.HttpContext.Response, RetryAfterSeconds);
        }
        return result;
    }

    private static async Task<IActionResult> AnswerAsync(HttpRequest request, StaffMember? staff, StaffRole role, Func<StaffCall, Task<IActionResult>> action,
        StaffCall call, CancellationToken cancellationToken, string function)
    {
        ArgumentNullException.ThrowIfNull(action);
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
            return await action(call);
        }
        catch (Exception e) when (StorageFailure.Is(e, cancellationToken))
        {
            Log(request.HttpContext.RequestServices, function, request, "Storage unavailable", e);
            return Problems.StaffUnavailable(request.HttpContext.Response, RetryAfterSeconds);
        }
    }

    // The route and the exception's type only: a message may quote stored data.
    private static void Log(IServiceProvider? services, string function, HttpRequest request, string what, Exception e) =>
        services?.GetService<ILoggerFactory>()?.CreateLogger(typeof(StaffRoute).FullName!)
            .LogWarning("{What} on {Function} {Method} {Route}: {ErrorType}", what, function, request.Method, RouteOf(request), e.GetType().Name);

    private static string Name(StaffRole role) => role == StaffRole.Manager ? "manager" : "coordinator";

    // The path only: a submission id is no patient data; the query string is left out.
    private static string RouteOf(HttpRequest request) => request.Path.HasValue ? request.Path.Value! : "";
}
