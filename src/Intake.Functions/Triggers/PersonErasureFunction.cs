using Intake.Functions.Http;
using Intake.Functions.Http.Responses;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Intake.Functions.Triggers;

/// <summary>
/// <c>POST /api/people/{personId}/erase</c> <c>{ "reason": "…" }</c> (manager): erases every submission
/// of the person (<see cref="PersonErasure"/>), leaving tombstones. Audited: the entry names the
/// person's id (their first submission's) and counts the submissions erased.
/// </summary>
public sealed class PersonErasureFunction(PersonErasure erasure, SiteCalendar calendar)
{
    /// <summary><c>POST /api/people/{personId}/erase</c>: <c>200</c> <c>{ "personId", "erasedSubmissions" }</c>; again, <c>0</c>.</summary>
    [Function(nameof(ErasePerson))]
    public Task<IActionResult> ErasePerson(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/people/{personId}/erase")] HttpRequest request, string personId, CancellationToken cancellationToken) =>
        StaffRoute.RunAsync(request, StaffRole.Manager, StaffData.PatientData, call => EraseAsync(request, call, personId, cancellationToken), cancellationToken);

    private async Task<IActionResult> EraseAsync(HttpRequest request, StaffCall call, string personId, CancellationToken cancellationToken)
    {
        var (key, reason, problem) = await SubmissionRequest.ReadRequiredTextAsync(request, call, personId, "reason", PersonErasure.MaxReasonLength,
            $"why the person's data is erased, 1 to {PersonErasure.MaxReasonLength} characters.", "The erasure has problems: see errors. Nothing was erased.", cancellationToken);
        if (problem is not null)
        {
            return problem;
        }
        var erased = await erasure.EraseAsync(key, new ErasureMark(calendar.Now, call.Staff.Name, reason), cancellationToken);
        call.Shows(erased);
        return ApiJson.Ok(new PersonErased(key, erased), ResponseJson.Default.PersonErased);
    }
}
