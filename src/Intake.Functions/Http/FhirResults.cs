using Hl7.Fhir.Model;
using Intake.Core.Fhir;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Intake.Functions.Http;

/// <summary>
/// The answers of the FHIR routes (api-2.md, "FHIR R4"): resources as <c>application/fhir+json</c>,
/// and every error as an <c>OperationOutcome</c>, one issue per problem, each with a FHIRPath
/// <c>expression</c> (<c>Bundle</c> when the problem is with the request as a whole).
/// </summary>
public static class FhirResults
{
    /// <summary>The content type of every FHIR answer.</summary>
    public const string ContentType = FhirJson.MediaType + "; charset=utf-8";

    /// <summary>The media types a FHIR body may be sent as; any other is a <c>415</c>.</summary>
    public static IReadOnlyList<string> MediaTypes { get; } = [FhirJson.MediaType, "application/json"];

    /// <summary><paramref name="status"/> with <paramref name="resource"/> as FHIR JSON.</summary>
    public static ContentResult Resource(Resource resource, int status = StatusCodes.Status200OK) =>
        new() { StatusCode = status, ContentType = ContentType, Content = FhirJson.Serialize(resource) };

    /// <summary><paramref name="status"/> with an OperationOutcome of <paramref name="issues"/>.</summary>
    public static ContentResult Outcome(int status, IEnumerable<FhirIssue> issues) => Resource(FhirIssue.Outcome(issues), status);

    /// <summary>
    /// The same answer as an OperationOutcome when <paramref name="result"/> is problem details (the
    /// limits, the gate, storage failures and the staff route's refusals the FHIR routes share with
    /// the JSON ones): same status, same headers, one issue per field error or one for the problem.
    /// Any other result is returned as it is.
    /// </summary>
    public static IActionResult FromProblem(IActionResult result)
    {
        if (result is not ObjectResult { Value: ProblemDetails problem } objectResult)
        {
            return result;
        }
        var status = objectResult.StatusCode ?? problem.Status ?? StatusCodes.Status500InternalServerError;
        var code = status switch
        {
            StatusCodes.Status400BadRequest => OperationOutcome.IssueType.Invalid,
            StatusCodes.Status401Unauthorized => OperationOutcome.IssueType.Security,
            StatusCodes.Status403Forbidden => OperationOutcome.IssueType.Forbidden,
            StatusCodes.Status404NotFound => OperationOutcome.IssueType.NotFound,
            StatusCodes.Status408RequestTimeout => OperationOutcome.IssueType.Timeout,
            StatusCodes.Status409Conflict => OperationOutcome.IssueType.Conflict,
            StatusCodes.Status410Gone => OperationOutcome.IssueType.Deleted,
            StatusCodes.Status413PayloadTooLarge => OperationOutcome.IssueType.TooLong,
            StatusCodes.Status415UnsupportedMediaType => OperationOutcome.IssueType.NotSupported,
            StatusCodes.Status429TooManyRequests => OperationOutcome.IssueType.Throttled,
            StatusCodes.Status503ServiceUnavailable => OperationOutcome.IssueType.Transient,
            _ => OperationOutcome.IssueType.Exception,
        };
        if (status == StatusCodes.Status415UnsupportedMediaType)
        {
            return Outcome(status, [new FhirIssue("Bundle", "Send the Bundle as application/fhir+json (application/json is accepted too), in UTF-8.", code)]);
        }
        var messages = problem is ValidationProblemDetails { Errors.Count: > 0 } validation
            ? validation.Errors.SelectMany(e => e.Value.Select(m => e.Key.Length == 0 ? m : $"{e.Key}: {m}"))
            : [$"{problem.Title}. {problem.Detail}"];
        return Outcome(status, messages.Select(m => new FhirIssue("Bundle", m, code)));
    }
}
