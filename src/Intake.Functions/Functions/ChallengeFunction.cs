using Intake.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace Intake.Functions.Functions;

/// <summary>
/// The proof-of-work challenge of the public forms (api-2.md): <c>GET /api/challenge</c> gives a
/// fresh signed challenge, and a timer removes the records of used challenges once they expired.
/// </summary>
public sealed class ChallengeFunction(ProofOfWork proofOfWork, UsedChallengeCleanup cleanup, ILogger<ChallengeFunction> logger)
{
    /// <summary><c>GET /api/challenge</c>: never cached, each one single-use.</summary>
    [Function(nameof(Challenge))]
    public IActionResult Challenge([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/challenge")] HttpRequest request)
    {
        request.HttpContext.Response.Headers.CacheControl = "no-store";
        var challenge = proofOfWork.Create();
        return new OkObjectResult(new
        {
            algorithm = challenge.Algorithm,
            challenge = challenge.Challenge,
            maxnumber = challenge.MaxNumber,
            salt = challenge.Salt,
            signature = challenge.Signature,
        });
    }

    /// <summary>Every hour, at minute 17: removes the used challenges that expired.</summary>
    [Function(nameof(RemoveExpiredChallenges))]
    public async Task RemoveExpiredChallenges([TimerTrigger("0 17 * * * *")] TimerInfo timer, CancellationToken cancellationToken)
    {
        var (removed, failed) = await cleanup.RunAsync(cancellationToken);
        if (failed > 0)
        {
            logger.LogWarning("Used challenges: {Removed} expired removed, {Failed} could not be removed (tried again next hour)", removed, failed);
        }
        else if (removed > 0)
        {
            logger.LogInformation("Used challenges: {Removed} expired removed", removed);
        }
    }
}
