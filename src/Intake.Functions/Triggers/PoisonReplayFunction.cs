using Intake.Functions.Http;
using Intake.Functions.Http.Responses;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace Intake.Functions.Triggers;

/// <summary>
/// <c>POST /api/poison/{queue}/replay</c>: after the cause of a poison message was fixed (the logs
/// say which function failed and why), the team sends the messages of <c>{queue}-poison</c> back to
/// <c>{queue}</c>. The messages carry ids only; the handlers are idempotent, so a replayed message
/// that had in fact been handled changes nothing. Needs the function key; recorded in the logs
/// with the staff member who asked.
/// </summary>
public sealed class PoisonReplayFunction(IPoisonQueues poison, ILogger<PoisonReplayFunction> logger)
{
    /// <summary><c>POST /api/poison/{queue}/replay</c>.</summary>
    [Function(nameof(ReplayPoison))]
    public Task<IActionResult> ReplayPoison(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/poison/{queue}/replay")] HttpRequest request, string queue,
        CancellationToken cancellationToken) =>
        StaffRoute.RunAsync(request, StaffRole.Coordinator, StaffData.PatientData, call => ReplayAsync(call, queue, cancellationToken), cancellationToken);

    private async Task<IActionResult> ReplayAsync(StaffCall call, string queue, CancellationToken cancellationToken)
    {
        var moved = await poison.ReplayAsync(queue, cancellationToken);
        if (moved is null)
        {
            return Problems.NotFound("No poison queue belongs to this queue name: use a key of poisonMessages in GET /api/stats.");
        }
        call.Shows(moved.Value);
        logger.LogInformation("{Staff} replayed {Count} messages of {Queue}-poison", call.Staff.Name, moved, queue);
        return ApiJson.Ok(new PoisonReplayed(queue, moved.Value), ResponseJson.Default.PoisonReplayed);
    }
}
