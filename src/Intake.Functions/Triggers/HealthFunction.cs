using Intake.Functions.Http;
using Intake.Functions.Http.Responses;
using Intake.Functions.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Intake.Functions.Triggers;

/// <summary>
/// <c>GET /api/health</c>, for the platform's and the hospital's monitoring: <c>200</c> while
/// storage answers, <c>503</c> with <c>Retry-After</c> otherwise. Anonymous, so it says nothing
/// else: no version, no name, no error.
/// </summary>
public sealed class HealthFunction(IStorageHealth storage)
{
    /// <summary>Seconds a monitor is asked to wait before it asks again after a 503.</summary>
    public const int RetryAfterSeconds = 10;

    /// <summary><c>GET /api/health</c>.</summary>
    [Function(nameof(Health))]
    public async Task<IActionResult> Health(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/health")] HttpRequest request, CancellationToken cancellationToken)
    {
        request.HttpContext.Response.Headers.CacheControl = "no-store";
        return await storage.AnswersAsync(cancellationToken)
            ? ApiJson.Ok(HealthResponse.Ok, ResponseJson.Default.HealthResponse)
            : Problems.NotHealthy(request.HttpContext.Response, RetryAfterSeconds);
    }
}
