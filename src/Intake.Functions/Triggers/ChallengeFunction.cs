using Intake.Functions.Http;
using Intake.Functions.Http.Responses;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Intake.Functions.Triggers;

/// <summary>
/// The proof-of-work challenge of the public forms (api-2.md): <c>GET /api/challenge</c> gives a
/// fresh signed challenge (<see cref="ExpiredChallengeRemovalFunction"/> removes the records of used
/// ones once they expired).
/// </summary>
public sealed class ChallengeFunction(ProofOfWork proofOfWork)
{
    /// <summary><c>GET /api/challenge</c>: never cached, each one single-use.</summary>
    [Function(nameof(Challenge))]
    public IActionResult Challenge([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/challenge")] HttpRequest request)
    {
        request.HttpContext.Response.Headers.CacheControl = "no-store";
        return ApiJson.PublicOk(ChallengeResponse.Of(proofOfWork.Create()), ResponseJson.Default.ChallengeResponse);
    }
}
