using System.Text.Json;
using Intake.Functions.Triggers;
using Intake.Functions.Http;

namespace Intake.Functions.Tests;

/// <summary>
/// <c>GET /api/me</c> says who the service takes the caller to be and which roles' routes they may
/// use, from the same identity every staff route uses; it writes no audit entry (no patient data).
/// </summary>
public sealed class SignedInStaffFunctionTests
{
    private static async Task<(int Status, JsonElement Json, MemoryAuditLog Audit)> AskAsync(bool behind, string? name, params string[] roles)
    {
        var audit = new MemoryAuditLog();
        var request = HttpTesting.Get();
        if (name is not null)
        {
            request.SignedIn(name, roles);
        }
        request.HttpContext.RequestServices = HttpTesting.ServicesFor(audit, behindAppServiceAuthentication: behind);
        var answer = await HttpTesting.ExecuteAsync(await new SignedInStaffFunction().GetSignedInStaff(request, CancellationToken.None), request);
        return (answer.Status, answer.Json(), audit);
    }

    private static string[] Roles(JsonElement json) => [.. json.GetProperty("roles").EnumerateArray().Select(r => r.GetString()!)];

    [Fact]
    public async Task A_signed_in_coordinator_is_named_with_the_coordinator_role_only()
    {
        var (status, json, audit) = await AskAsync(true, "ann@example.org", ClientPrincipal.CoordinatorRole);

        Assert.Equal(200, status);
        Assert.Equal("ann@example.org", json.GetProperty("name").GetString());
        Assert.Equal(["coordinator"], Roles(json));
        Assert.Empty(audit.Entries);
    }

    [Fact]
    public async Task A_manager_may_use_the_coordinators_routes_too()
    {
        var (status, json, _) = await AskAsync(true, "bea@example.org", ClientPrincipal.ManagerRole);

        Assert.Equal(200, status);
        Assert.Equal(["coordinator", "manager"], Roles(json));
    }

    [Fact]
    public async Task Not_behind_App_Service_Authentication_the_key_is_the_local_staff_member_whatever_the_headers_say()
    {
        var (status, json, _) = await AskAsync(false, "mallory@example.org", ClientPrincipal.ManagerRole);

        Assert.Equal(200, status);
        Assert.Equal("local-staff", json.GetProperty("name").GetString());
        Assert.Equal(["coordinator", "manager"], Roles(json));
    }

    [Fact]
    public async Task A_person_without_a_role_is_refused_like_on_every_staff_route()
    {
        var (status, json, _) = await AskAsync(true, "no.role@example.org", "Other.Admin");

        Assert.Equal(403, status);
        Assert.False(json.TryGetProperty("roles", out _));
    }
}
