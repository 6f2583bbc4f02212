using Intake.Functions.Http;
using Intake.Functions.Http.Responses;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Intake.Functions.Triggers;

/// <summary>
/// <c>GET /api/me</c> (staff): who the service takes the caller to be and the roles they hold, so
/// the team page offers a manager's sections only to a manager. No patient data, so not audited;
/// a person without a role gets the same <c>403</c> as on every staff route.
/// </summary>
public sealed class SignedInStaffFunction
{
    /// <summary><c>GET /api/me</c>.</summary>
    [Function(nameof(GetSignedInStaff))]
    public Task<IActionResult> GetSignedInStaff(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/me")] HttpRequest request, CancellationToken cancellationToken) =>
        StaffRoute.RunAsync(request, StaffRole.Coordinator, StaffData.CallerOnly,
            call => Task.FromResult<IActionResult>(ApiJson.Ok(SignedInStaff.Of(call.Staff), ResponseJson.Default.SignedInStaff)), cancellationToken);
}
