using Intake.Core.Fhir;
using Intake.Functions.Http;
using Intake.Functions.Http.Responses;
using Intake.Functions.Telemetry;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace Intake.Functions.Triggers;

/// <summary>
/// The public routes: a patient's self-screening and an oncologist's referral, the latter also as a
/// FHIR R4 Bundle. Anyone may create; nobody may read back. The answer never tells the pre-check result.
/// </summary>
public sealed class SubmissionFunctions(
    SubmissionIntake intake, SiteCalendar calendar, SubmissionRateLimit rateLimit, SubmissionGate gate, IntakeMetrics metrics, ILogger<SubmissionFunctions> logger)
{
    /// <summary>The header a partner system sends its key in (api-2.md).</summary>
    public const string PartnerKeyHeader = "x-partner-key";

    /// <summary>The header the solved challenge travels in: the ALTCHA widget's base64 payload.</summary>
    public const string ChallengeHeader = "X-Altcha";

    /// <summary>Seconds a client is asked to wait when storage cannot be reached.</summary>
    public const int RetryAfterSeconds = 10;

    /// <summary><c>POST /api/screenings</c>.</summary>
    [Function(nameof(SubmitScreening))]
    public Task<IActionResult> SubmitScreening(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/screenings")] HttpRequest request, CancellationToken cancellationToken) =>
        SubmitAsync(request, SubmissionKind.SelfScreening, ReadJsonAsync, cancellationToken);

    /// <summary><c>POST /api/referrals</c>.</summary>
    [Function(nameof(SubmitReferral))]
    public Task<IActionResult> SubmitReferral(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/referrals")] HttpRequest request, CancellationToken cancellationToken) =>
        SubmitAsync(request, SubmissionKind.Referral, ReadJsonAsync, cancellationToken);

    /// <summary>
    /// <c>POST /api/fhir/referrals</c>: a referral as a FHIR R4 Bundle (api-2.md, "FHIR R4"), read into
    /// the same submission <c>/api/referrals</c> takes, under the same limits, gate and idempotency;
    /// every refusal an OperationOutcome.
    /// </summary>
    [Function(nameof(SubmitFhirReferral))]
    public async Task<IActionResult> SubmitFhirReferral(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/fhir/referrals")] HttpRequest request, CancellationToken cancellationToken) =>
        FhirResults.FromProblem(await SubmitAsync(request, SubmissionKind.Referral, ReadFhirAsync, cancellationToken));

    /// <summary>A request body read into a submission, or the answer refusing it with how many problems it had.</summary>
    private delegate Task<(SubmissionDraft? Draft, IActionResult? Refusal, int Problems)> BodyReader(HttpRequest request, SubmissionKind kind, CancellationToken cancellationToken);

    private async Task<(SubmissionDraft? Draft, IActionResult? Refusal, int Problems)> ReadJsonAsync(HttpRequest request, SubmissionKind kind, CancellationToken cancellationToken)
    {
        var (document, problem) = await JsonBody.ReadAsync(request, cancellationToken);
        if (problem is not null)
        {
            return (null, problem, 1);
        }
        using (document)
        {
            var errors = new FieldErrors();
            var draft = SubmissionReader.Read(document!.RootElement, kind, calendar.Today, errors);
            return draft is null ? (null, Problems.Validation(errors), errors.Count) : (draft, null, 0);
        }
    }

    private async Task<(SubmissionDraft? Draft, IActionResult? Refusal, int Problems)> ReadFhirAsync(HttpRequest request, SubmissionKind kind, CancellationToken cancellationToken)
    {
        var (document, problem) = await JsonBody.ReadAsync(request, FhirResults.MediaTypes, FhirJson.DocumentOptions, cancellationToken);
        if (problem is not null)
        {
            return (null, problem, 1);
        }
        using (document)
        {
            var issues = new List<FhirIssue>();
            var draft = FhirJson.ReadBundle(document!.RootElement, issues) is { } bundle ? ReferralBundleReader.Read(bundle, calendar.Today, issues) : null;
            return draft is null ? (null, FhirResults.Outcome(StatusCodes.Status400BadRequest, issues), issues.Count) : (draft, null, 0);
        }
    }

    private async Task<IActionResult> SubmitAsync(HttpRequest request, SubmissionKind kind, BodyReader read, CancellationToken cancellationToken)
    {
        if (rateLimit.TryAdmit(request) is { } wait)
        {
            logger.LogWarning("Refused a {Kind}: its client is over the rate limit", kind);
            return Problems.TooManyRequests(request.HttpContext.Response, wait);
        }
        GateResult admission;
        try
        {
            admission = await gate.CheckAsync(request.Headers[PartnerKeyHeader].ToString(), request.Headers[ChallengeHeader].ToString(), cancellationToken);
        }
        catch (Exception e) when (StorageFailure.Is(e, cancellationToken))
        {
            logger.LogWarning("Storage unavailable while checking a {Kind}'s challenge: {Error}", kind, e.GetType().Name);
            return Problems.Unavailable(request.HttpContext.Response, RetryAfterSeconds);
        }
        switch (admission.Decision)
        {
            case GateDecision.WrongPartnerKey:
                logger.LogWarning("Refused a {Kind}: its partner key is not a configured one", kind);
                return Problems.WrongPartnerKey();
            case GateDecision.ChallengeRefused:
                logger.LogInformation("Refused a {Kind}: no valid solved challenge", kind);
                return Problems.ChallengeRefused(admission.Problem!);
        }
        var (draft, refusal, problems) = await read(request, kind, cancellationToken);
        if (draft is null)
        {
            logger.LogInformation("Refused a {Kind}: {Count} problems with its body", kind, problems);
            return refusal!;
        }
        IntakeResult result;
        try
        {
            result = await intake.AcceptAsync(draft, cancellationToken);
        }
        catch (Exception e) when (StorageFailure.Is(e, cancellationToken))
        {
            logger.LogWarning("Storage unavailable while taking in a {Kind}: {Error}", kind, e.GetType().Name);
            return Problems.Unavailable(request.HttpContext.Response, RetryAfterSeconds);
        }
        if (!result.Accepted)
        {
            logger.LogInformation("Refused a {Kind}: id {Id} already holds a different submission", kind, result.Id);
            return Problems.Conflict(result.Id);
        }
        if (!result.Queued)
        {
            logger.LogWarning("Accepted {Kind} {Id}, but its queue send failed: the reconciler will queue it", kind, result.Id);
        }
        else
        {
            logger.LogInformation("Accepted {Kind} {Id}", kind, result.Id);
        }
        metrics.Accepted(kind);
        return ApiJson.Accepted(request.HttpContext.Response, $"/api/submissions/{result.Id}", new SubmissionAccepted(result.Id, SubmissionStatus.Received), ResponseJson.Default.SubmissionAccepted);
    }
}
