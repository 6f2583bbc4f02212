using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Intake.Functions.Http;

/// <summary>Every error the API gives, as RFC 9457 problem details (<c>application/problem+json</c>).</summary>
public static class Problems
{
    /// <summary>The media type of problem details.</summary>
    public const string ContentType = "application/problem+json";

    /// <summary>400 with the field errors, keyed by JSON path.</summary>
    public static IActionResult Validation(FieldErrors errors, string detail = "Some answers need correcting: see errors, keyed by the field's JSON path.") =>
        Result(new ValidationProblemDetails(errors.ToDictionary().ToDictionary(e => e.Key, e => e.Value))
        {
            Title = "The request has problems",
            Status = StatusCodes.Status400BadRequest,
            Detail = detail,
        });

    /// <summary>400 for a body that cannot be read at all; like every 400 (api.md), with <c>errors</c>, under the body's path "".</summary>
    public static IActionResult BadRequest(string detail) =>
        Result(new ValidationProblemDetails(new Dictionary<string, string[]> { [""] = [detail] }) { Title = "The request cannot be read", Status = StatusCodes.Status400BadRequest, Detail = detail });

    /// <summary>400 for a proof-of-work solution that is missing, unreadable, wrong, expired or used: <c>errors</c> names <c>altcha</c>.</summary>
    public static IActionResult ChallengeRefused(string message) =>
        Result(new ValidationProblemDetails(new Dictionary<string, string[]> { [SubmissionGate.Field] = [message] })
        {
            Title = "The request needs a solved challenge",
            Status = StatusCodes.Status400BadRequest,
            Detail = message,
        });

    /// <summary>401 for a partner key that is not one of the configured keys (the key is never echoed).</summary>
    public static IActionResult WrongPartnerKey() => Of(StatusCodes.Status401Unauthorized, "The partner key is not valid",
        "The x-partner-key header does not hold a key this service knows. Check the key your integration was given, or send without it and solve a challenge instead.");

    /// <summary>403 for a staff member without the role a route needs (or, behind App Service Authentication, for a request with nobody signed in).</summary>
    public static IActionResult Forbidden(string detail) => Of(StatusCodes.Status403Forbidden, "Not allowed", detail);

    /// <summary>404 that says nothing more than that.</summary>
    public static IActionResult NotFound(string detail = "No submission has this id.") => Of(StatusCodes.Status404NotFound, "Not found", detail);

    /// <summary>409 for a different body under an id already used.</summary>
    public static IActionResult Conflict(string id) => Of(StatusCodes.Status409Conflict, "This id is already used",
        $"A different submission was already received with id {id}. Send a new id (or none) for a new submission.");

    /// <summary>409 for an action that does not fit where the submission stands.</summary>
    public static IActionResult Conflict(string title, string detail) => Of(StatusCodes.Status409Conflict, title, detail);

    /// <summary>413 for a body over the limit.</summary>
    public static IActionResult TooLarge(int limit) => Of(StatusCodes.Status413PayloadTooLarge, "The request is too large",
        $"A submission may be at most {limit / 1024} KiB.");

    /// <summary>415 for a body that is not JSON.</summary>
    public static IActionResult NotJson() => Of(StatusCodes.Status415UnsupportedMediaType, "The request must be JSON",
        "Send the submission as application/json in UTF-8.");

    /// <summary>
    /// 408 for a body not all sent within <paramref name="seconds"/>: nothing was stored. The
    /// connection is closed after it (RFC 9110, 15.5.9), so the rest of the body is not waited for.
    /// </summary>
    public static IActionResult BodyTooSlow(HttpResponse response, int seconds)
    {
        response.Headers.Connection = "close";
        return Of(StatusCodes.Status408RequestTimeout, "The request took too long to arrive",
            $"Nothing was stored. The whole request must arrive within {seconds} seconds; please send it again.");
    }

    /// <summary>503 while storage cannot be reached: nothing was stored, try again.</summary>
    public static IActionResult Unavailable(HttpResponse response, int retryAfterSeconds) =>
        RetryLater(response, retryAfterSeconds, StatusCodes.Status503ServiceUnavailable, "The service is briefly unavailable",
            $"Nothing was stored. Please send the same request again in {retryAfterSeconds} seconds.");

    /// <summary>503 from the health route: nothing more than that, and when to ask again.</summary>
    public static IActionResult NotHealthy(HttpResponse response, int retryAfterSeconds) =>
        RetryLater(response, retryAfterSeconds, StatusCodes.Status503ServiceUnavailable, "The service is unavailable",
            $"Please try again in {retryAfterSeconds} seconds.");

    /// <summary>503 on a staff route while storage cannot be reached: try again; a change may or may not have been recorded.</summary>
    public static IActionResult StaffUnavailable(HttpResponse response, int retryAfterSeconds) =>
        RetryLater(response, retryAfterSeconds, StatusCodes.Status503ServiceUnavailable, "The service is briefly unavailable",
            $"Storage cannot be reached just now. Please try again in {retryAfterSeconds} seconds; the submission's history shows whether a change sent now was recorded.");

    /// <summary>410 for a submission that was erased: when and by whom; nothing of it is kept to show.</summary>
    public static IActionResult Gone(ErasedSubmission erased)
    {
        ArgumentNullException.ThrowIfNull(erased);
        return Of(StatusCodes.Status410Gone, "This submission was erased",
            $"Submission {erased.Id} was erased on {erased.ErasedAt.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture)} UTC by {erased.ErasedBy}; only a tombstone without patient data is kept.");
    }

    /// <summary>429 when one client sends too many submissions: nothing was stored, wait and send again.</summary>
    public static IActionResult TooManyRequests(HttpResponse response, int retryAfterSeconds) =>
        RetryLater(response, retryAfterSeconds, StatusCodes.Status429TooManyRequests, "Too many submissions from this address",
            $"Nothing was stored. Please wait {retryAfterSeconds} seconds, then send the same request again.");

    private static ObjectResult RetryLater(HttpResponse response, int retryAfterSeconds, int status, string title, string detail)
    {
        response.Headers.RetryAfter = retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Of(status, title, detail);
    }

    private static ObjectResult Of(int status, string title, string detail) =>
        Result(new ProblemDetails { Title = title, Status = status, Detail = detail });

    private static ObjectResult Result(ProblemDetails problem) => new(problem)
    {
        StatusCode = problem.Status,
        ContentTypes = { ContentType },
    };
}
