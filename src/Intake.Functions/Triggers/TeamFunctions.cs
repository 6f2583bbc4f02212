using System.Text.Json;
using Intake.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Intake.Functions.Triggers;

/// <summary>
/// What the study team does to a submission: team status with a note, reopen, corrected answers.
/// Each needs the function key, answers with the submission as <c>GET /api/submissions/{id}</c>
/// shows it, and is recorded in its history with who did it.
/// </summary>
public sealed class TeamFunctions(TeamActions actions, ISubmissionStore store, PersonLinking linking, SiteCalendar calendar)
{
    private static readonly string[] StatusFields = ["status", "note"];
    private static readonly string[] AnswersFields = ["answers"];

    /// <summary><c>POST /api/submissions/{id}/team-status</c> <c>{ "status": "Contacted", "note": "…" }</c>.</summary>
    [Function(nameof(SetTeamStatus))]
    public Task<IActionResult> SetTeamStatus(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/submissions/{id}/team-status")] HttpRequest request, string id, CancellationToken cancellationToken) =>
        StaffRoute.RunAsync(request, StaffRole.Coordinator, StaffData.PatientData, call => SetTeamStatusAsync(request, call, id, cancellationToken), cancellationToken);

    private async Task<IActionResult> SetTeamStatusAsync(HttpRequest request, StaffCall call, string id, CancellationToken cancellationToken)
    {
        var (key, change, problem) = await SubmissionRequest.ReadObjectAsync(request, call, id, StatusFields, (json, _) =>
        {
            var status = json.Get("status") is { ValueKind: JsonValueKind.String } s && PascalCaseEnum<TeamStatus>.TryParse(s.GetString(), out var parsed) ? parsed : (TeamStatus?)null;
            if (status is null)
            {
                json.Fail("status", $"is required, one of: {PascalCaseEnum<TeamStatus>.Allowed}.");
            }
            return (Status: status, Note: json.Text("note", TeamActions.MaxNoteLength));
        }, "The status change has problems: see errors.", cancellationToken);
        return problem ?? await AnswerAsync(await actions.SetTeamStatusAsync(key, change.Status!.Value, change.Note, call.Staff.Name, cancellationToken), call, cancellationToken);
    }

    /// <summary><c>POST /api/submissions/{id}/reopen</c>: a screened-out submission joins the worklist.</summary>
    [Function(nameof(Reopen))]
    public Task<IActionResult> Reopen(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/submissions/{id}/reopen")] HttpRequest request, string id, CancellationToken cancellationToken) =>
        StaffRoute.RunAsync(request, StaffRole.Coordinator, StaffData.PatientData, async call => SubmissionId.Normalise(id) is { } key
            ? await AnswerAsync(await actions.ReopenAsync(key, call.About(key).Staff.Name, cancellationToken), call, cancellationToken)
            : Problems.NotFound(), cancellationToken);

    /// <summary>
    /// <c>POST /api/submissions/{id}/not-genuine</c> <c>{ "reason": "…" }</c>: off both lists and the
    /// funnel, kept 30 days for review, then removed; the same call again changes nothing.
    /// </summary>
    [Function(nameof(MarkNotGenuine))]
    public Task<IActionResult> MarkNotGenuine(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/submissions/{id}/not-genuine")] HttpRequest request, string id, CancellationToken cancellationToken) =>
        StaffRoute.RunAsync(request, StaffRole.Coordinator, StaffData.PatientData, call => MarkNotGenuineAsync(request, call, id, cancellationToken), cancellationToken);

    private async Task<IActionResult> MarkNotGenuineAsync(HttpRequest request, StaffCall call, string id, CancellationToken cancellationToken)
    {
        var (key, reason, problem) = await SubmissionRequest.ReadRequiredTextAsync(request, call, id, "reason", TeamActions.MaxNotGenuineReasonLength,
            $"why the submission is not genuine, 1 to {TeamActions.MaxNotGenuineReasonLength} characters.", "The mark of not genuine has problems: see errors.", cancellationToken);
        return problem ?? await AnswerAsync(await actions.MarkNotGenuineAsync(key, reason, call.Staff.Name, cancellationToken), call, cancellationToken);
    }

    /// <summary><c>PUT /api/submissions/{id}/answers</c> <c>{ "answers": { … } }</c>: corrected answers, pre-checked again with today's date.</summary>
    [Function(nameof(CorrectAnswers))]
    public Task<IActionResult> CorrectAnswers(
        [HttpTrigger(AuthorizationLevel.Function, "put", Route = "api/submissions/{id}/answers")] HttpRequest request, string id, CancellationToken cancellationToken) =>
        StaffRoute.RunAsync(request, StaffRole.Coordinator, StaffData.PatientData, call => CorrectAnswersAsync(request, call, id, cancellationToken), cancellationToken);

    private async Task<IActionResult> CorrectAnswersAsync(HttpRequest request, StaffCall call, string id, CancellationToken cancellationToken)
    {
        var (key, answers, problem) = await SubmissionRequest.ReadObjectAsync(request, call, id, AnswersFields, (json, _) =>
        {
            if (json.Get("answers") is not { } element)
            {
                json.Fail("answers", "is required: the corrected answers, all of them.");
                return null;
            }
            // The study team may record what the oncologist said for any submission, so the referral's fields are allowed.
            var answers = AnswersReader.Read(element, json.PathOf("answers"), SubmissionKind.Referral, calendar.Today, json.Errors);
            if (answers is null && json.Errors.IsEmpty)
            {
                json.Fail("answers", "could not be read: the corrected answers, all of them, as an object.");
            }
            return answers;
        }, "Some answers need correcting: see errors, keyed by the field's JSON path.", cancellationToken);
        return problem ?? await AnswerAsync(await actions.CorrectAnswersAsync(key, answers!, call.Staff.Name, cancellationToken), call, cancellationToken);
    }

    private Task<IActionResult> AnswerAsync(TeamActionResult result, StaffCall call, CancellationToken cancellationToken) =>
        TeamActionAnswers.OfAsync(result, call, store, linking, cancellationToken);
}
