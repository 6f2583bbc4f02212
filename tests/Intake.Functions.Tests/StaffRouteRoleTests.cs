using Azure;
using Intake.Functions.Http;
using Intake.Functions.Http.Routes;
using Microsoft.AspNetCore.Http;

namespace Intake.Functions.Tests;

/// <summary>
/// Every staff route (found in the assembly, as <see cref="StaffRouteOutageTests"/> finds them)
/// checks the caller's role through <see cref="StaffRoute"/>: behind App Service Authentication a
/// person without a role, or a request with nobody signed in, gets <c>403</c>; a coordinator gets
/// <c>403</c> on exactly the manager's routes; a manager passes everywhere. Not behind it, the
/// function key is the local staff member with both roles, whatever principal headers say.
/// </summary>
public sealed class StaffRouteRoleTests
{
    /// <summary>
    /// The routes the route catalogue (and so the OpenAPI document) marks <em>manager</em>: the tests
    /// below prove that this is what <see cref="StaffRoute"/> enforces, route by route.
    /// </summary>
    private static readonly string[] ManagerOnly = [.. ApiRoutes.All.Values.Where(r => r.Access == RouteAccess.Manager).Select(r => r.Function)];

    /// <summary>Storage that answers every call with an outage: a route that got past the role check answers 503.</summary>
    private static readonly Func<Exception> Outage = () => new RequestFailedException(503, "Server busy");

    public static TheoryData<string> Functions => [.. StaffRouteOutageTests.Requests.Keys];

    /// <summary><paramref name="function"/>'s request with the principal headers given, to a host told (or not) it runs behind App Service Authentication.</summary>
    private static HttpRequest Request(string function, bool behindAppServiceAuthentication, string? principal)
    {
        var request = StaffRouteOutageTests.Requests[function]();
        request.HttpContext.RequestServices = HttpTesting.ServicesFor(new MemoryAuditLog(), behindAppServiceAuthentication);
        if (principal is not null)
        {
            request.Headers[ClientPrincipal.Header] = principal;
        }
        return request;
    }

    private static string Person(params string[] roles) =>
        StaffIdentityTests.Principal([("name", "Ann Example"), .. roles.Select(r => ("roles", r))]);

    private static async Task<int> StatusAsync(string function, bool behind, string? principal) =>
        (await StaffRouteOutageTests.InvokeAsync(function, Request(function, behind, principal), Outage)).Status;

    [Theory]
    [MemberData(nameof(Functions))]
    public async Task Behind_App_Service_Authentication_a_person_without_a_role_or_nobody_signed_in_gets_403(string function)
    {
        var roleless = await StaffRouteOutageTests.InvokeAsync(function, Request(function, true, Person()), Outage);
        var otherAppsRole = await StatusAsync(function, true, Person("Other.Admin"));
        var nobody = await StatusAsync(function, true, null);
        var malformed = await StatusAsync(function, true, "bm90IGpzb24=");

        Assert.Equal(StatusCodes.Status403Forbidden, roleless.Status);
        Assert.Contains("no role", StaffRouteOutageTests.ErrorDetail(function, roleless), StringComparison.Ordinal);
        Assert.Equal(StatusCodes.Status403Forbidden, otherAppsRole);
        Assert.Equal(StatusCodes.Status403Forbidden, nobody);
        Assert.Equal(StatusCodes.Status403Forbidden, malformed);
    }

    [Theory]
    [MemberData(nameof(Functions))]
    public async Task A_coordinator_is_refused_only_the_managers_routes_and_a_manager_none(string function)
    {
        var coordinator = await StatusAsync(function, true, Person("Intake.Coordinator"));
        var manager = await StatusAsync(function, true, Person("Intake.Manager"));

        Assert.Equal(ManagerOnly.Contains(function) ? StatusCodes.Status403Forbidden : StaffRouteOutageTests.PastTheRoleCheck(function), coordinator);
        Assert.Equal(StaffRouteOutageTests.PastTheRoleCheck(function), manager);
    }

    [Theory]
    [MemberData(nameof(Functions))]
    public async Task Not_behind_App_Service_Authentication_principal_headers_are_ignored_and_the_key_holder_passes(string function)
    {
        var passed = StaffRouteOutageTests.PastTheRoleCheck(function);
        Assert.Equal(passed, await StatusAsync(function, false, Person()));
        Assert.Equal(passed, await StatusAsync(function, false, "bm90IGpzb24="));
        Assert.Equal(passed, await StatusAsync(function, false, null));
    }

    [Fact]
    public void Every_manager_only_route_is_a_staff_route_and_they_are_those_api_2_marks_manager()
    {
        Assert.Equal(["ErasePerson", "ExportList", "GetAudit"], ManagerOnly.Order(StringComparer.Ordinal));
        Assert.All(ManagerOnly, f => Assert.Contains(f, StaffRouteOutageTests.Requests.Keys));
    }
}
