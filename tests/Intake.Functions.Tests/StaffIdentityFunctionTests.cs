using Intake.Functions.Functions;
using Intake.Functions.Http;
using Microsoft.AspNetCore.Http;

namespace Intake.Functions.Tests;

/// <summary>
/// <c>GET /api/me</c>: the name history and the audit log record for the caller, and their roles;
/// through <see cref="StaffRoute"/> like every staff route, and not audited (no patient data).
/// </summary>
public sealed class StaffIdentityFunctionTests
{
    private static async Task<(Answer Answer, MemoryAuditLog Audit)> MeAsync(HttpRequest request, bool behindAppServiceAuthentication)
    {
        var audit = new MemoryAuditLog();
        request.HttpContext.RequestServices = HttpTesting.ServicesFor(audit, behindAppServiceAuthentication);
        return (await HttpTesting.ExecuteAsync(await new StaffIdentityFunction().GetMe(request, CancellationToken.None), request), audit);
    }

    [Fact]
    public async Task With_the_function_key_it_is_the_local_staff_member_with_both_roles_and_nothing_is_audited()
    {
        var (answer, audit) = await MeAsync(HttpTesting.Get(), behindAppServiceAuthentication: false);

        Assert.Equal(StatusCodes.Status200OK, answer.Status);
        Assert.Equal("""{"name":"local-staff","roles":["coordinator","manager"]}""", answer.Body);
        Assert.Empty(audit.Entries);
    }

    [Fact]
    public async Task Signed_in_it_is_the_persons_name_and_app_roles()
    {
        var (coordinator, _) = await MeAsync(HttpTesting.Get().SignedIn("ann@example.org", ClientPrincipal.CoordinatorRole), behindAppServiceAuthentication: true);
        var (manager, _) = await MeAsync(HttpTesting.Get().SignedIn("bo@example.org", ClientPrincipal.ManagerRole), behindAppServiceAuthentication: true);

        Assert.Equal("""{"name":"ann@example.org","roles":["coordinator"]}""", coordinator.Body);
        Assert.Equal("""{"name":"bo@example.org","roles":["manager"]}""", manager.Body);
    }

    [Fact]
    public async Task Signed_in_without_a_role_or_nobody_signed_in_is_403()
    {
        var (roleless, _) = await MeAsync(HttpTesting.Get().SignedIn("someone@example.org", "Other.Admin"), behindAppServiceAuthentication: true);
        var (nobody, _) = await MeAsync(HttpTesting.Get(), behindAppServiceAuthentication: true);

        Assert.Equal(StatusCodes.Status403Forbidden, roleless.Status);
        Assert.Equal(StatusCodes.Status403Forbidden, nobody.Status);
    }
}
