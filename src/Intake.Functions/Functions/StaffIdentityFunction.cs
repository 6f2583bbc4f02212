using Intake.Core;
using Intake.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Intake.Functions.Functions;

/// <summary>
/// <c>GET /api/me</c> (coordinator): who the service takes the caller for, <c>{ "name", "roles" }</c>,
/// so that the team's page can offer "assign to me" and "mine". The name is the one history and the
/// audit log record. No patient data, no storage: not audited.
/// </summary>
public sealed class StaffIdentityFunction
{
    /// <summary><c>GET /api/me</c>.</summary>
    [Function(nameof(GetMe))]
    public Task<IActionResult> GetMe(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/me")] HttpRequest request, CancellationToken cancellationToken) =>
        StaffRoute.RunAsync(request, StaffRole.Coordinator, StaffData.CountsOnly, call => Task.FromResult<IActionResult>(ApiJson.Ok(w =>
        {
            w.WriteStartObject();
            w.WriteString("name", call.Staff.Name);
            w.WriteStartArray("roles");
            foreach (var role in call.Staff.Roles.Order())
            {
                w.WriteStringValue(role == StaffRole.Manager ? "manager" : "coordinator");
            }
            w.WriteEndArray();
            w.WriteEndObject();
        })), cancellationToken);
}
