using System.Text.Json;
using Intake.Functions.Http;
using Intake.Functions.Http.Responses;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace Intake.Functions.Triggers;

/// <summary>
/// Closes the loop for referrers: the study team asks for a referral's referrer to be told where
/// it stands, and the alert function e-mails it (once) through the alerts queue.
/// </summary>
public sealed class ReferrerUpdateFunction(ReferrerUpdates updates, ILogger<ReferrerUpdateFunction> logger)
{
    private static readonly string[] Fields = ["status"];

    /// <summary>
    /// <c>POST /api/submissions/{id}/referrer-updates</c> <c>{ "status": "UnderReview" }</c>: <c>202</c>
    /// <c>{ "requestId", "submissionId", "status" }</c>; <c>404</c> unknown id; <c>409</c> not a
    /// referral or no referrer e-mail; <c>400</c> a status that is not one of <see cref="ReferralStatus"/>
    /// (PascalCase like every status; the camelCase spelling first published, <c>underReview</c>, is still accepted).
    /// </summary>
    [Function(nameof(RequestReferrerUpdate))]
    public Task<IActionResult> RequestReferrerUpdate(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/submissions/{id}/referrer-updates")] HttpRequest request, string id, CancellationToken cancellationToken) =>
        StaffRoute.RunAsync(request, StaffRole.Coordinator, StaffData.PatientData, call => RequestAsync(request, call, id, cancellationToken), cancellationToken);

    private async Task<IActionResult> RequestAsync(HttpRequest request, StaffCall call, string id, CancellationToken cancellationToken)
    {
        var (key, status, problem) = await SubmissionRequest.ReadObjectAsync(request, call, id, Fields, (json, _) =>
        {
            var status = json.Get("status") is { ValueKind: JsonValueKind.String } s && PascalCaseEnum<ReferralStatus>.TryParse(s.GetString(), out var parsed, alsoCamelCase: true)
                ? parsed : (ReferralStatus?)null;
            if (status is null)
            {
                json.Fail("status", $"is required, one of: {PascalCaseEnum<ReferralStatus>.Allowed}.");
            }
            return status;
        }, "The referrer update has problems: see errors.", cancellationToken);
        if (problem is not null)
        {
            return problem;
        }
        var result = await updates.RequestAsync(key, status!.Value, call.Staff.Name, cancellationToken);
        switch (result.Outcome)
        {
            case ActionOutcome.NotFound:
                return Problems.NotFound();
            case ActionOutcome.NotApplicable:
                return Problems.Conflict("A referrer update does not apply to this submission", result.Detail!);
        }
        logger.LogInformation("Referrer update {RequestId} for {Id} queued", result.RequestId, key);
        return ApiJson.Accepted(request.HttpContext.Response, $"/api/submissions/{key}", new ReferrerUpdateAccepted(result.RequestId!, key, status!.Value),
            ResponseJson.Default.ReferrerUpdateAccepted);
    }
}
