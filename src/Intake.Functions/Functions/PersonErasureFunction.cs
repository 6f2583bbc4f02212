using Intake.Core;
using Intake.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Intake.Functions.Functions;

/// <summary>
/// <c>POST /api/people/{personId}/erase</c> <c>{ "reason": "…" }</c> (manager): erases every submission
/// of the person (<see cref="PersonErasure"/>), leaving tombstones. Audited: the entry names the
/// person's id (their first submission's) and counts the submissions erased.
/// </summary>
public sealed class PersonErasureFunction(PersonErasure erasure, SiteCalendar calendar)
{
    private static readonly string[] Fields = ["reason"];

    /// <summary><c>POST /api/people/{personId}/erase</c>: <c>200</c> <c>{ "personId", "erasedSubmissions" }</c>; again, <c>0</c>.</summary>
    [Function(nameof(ErasePerson))]
    public Task<IActionResult> ErasePerson(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/people/{personId}/erase")] HttpRequest request, string personId, CancellationToken cancellationToken) =>
        StaffRoute.RunAsync(request, StaffRole.Manager, StaffData.PatientData, call => EraseAsync(request, call, personId, cancellationToken), cancellationToken);

    private async Task<IActionResult> EraseAsync(HttpRequest request, StaffCall call, string personId, CancellationToken cancellationToken)
    {
        var (key, document, problem) = await SubmissionRequest.ReadAsync(request, personId, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }
        call.About(key);
        using (document)
        {
            var errors = new FieldErrors();
            string? reason = null;
            if (StrictJsonObject.TryOpen(document.RootElement, "", errors, Fields, out var json))
            {
                reason = json.Text("reason", PersonErasure.MaxReasonLength);
                if (reason is null && !errors.ToDictionary().ContainsKey("reason"))
                {
                    json.Fail("reason", $"is required: why the person's data is erased, 1 to {PersonErasure.MaxReasonLength} characters.");
                }
            }
            if (!errors.IsEmpty)
            {
                return Problems.Validation(errors, "The erasure has problems: see errors. Nothing was erased.");
            }
            var erased = await erasure.EraseAsync(key, new ErasureMark(calendar.Now, call.Staff.Name, reason!), cancellationToken);
            call.Shows(erased);
            return ApiJson.Ok(w =>
            {
                w.WriteStartObject();
                w.WriteString("personId", key);
                w.WriteNumber("erasedSubmissions", erased);
                w.WriteEndObject();
            });
        }
    }
}
