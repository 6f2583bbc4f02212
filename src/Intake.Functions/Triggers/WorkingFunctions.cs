using System.Text.Json;
using Intake.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Intake.Functions.Triggers;

/// <summary>
/// Working an item (api-2.md): who follows the person up, and the team's attempts to reach them.
/// Each is a change of the submission with a history entry naming who made it, answers with the
/// submission as <c>GET /api/submissions/{id}</c> shows it, and is audited.
/// </summary>
public sealed class WorkingFunctions(TeamActions actions, ISubmissionStore store, PersonLinking linking, SiteCalendar calendar)
{
    private const string AssignedTo = "assignedTo";
    private static readonly string[] AssignmentFields = [AssignedTo];
    private static readonly string[] AttemptFields = ["channel", "outcome", "note", "nextContactOn"];

    /// <summary><c>POST /api/submissions/{id}/assignment</c> <c>{ "assignedTo": "name" | null }</c>: <c>null</c> releases the item.</summary>
    [Function(nameof(AssignSubmission))]
    public Task<IActionResult> AssignSubmission(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/submissions/{id}/assignment")] HttpRequest request, string id, CancellationToken cancellationToken) =>
        StaffRoute.RunAsync(request, StaffRole.Coordinator, StaffData.PatientData, call => AssignAsync(request, call, id, cancellationToken), cancellationToken);

    private async Task<IActionResult> AssignAsync(HttpRequest request, StaffCall call, string id, CancellationToken cancellationToken)
    {
        var (key, assignment, problem) = await SubmissionRequest.ReadObjectAsync(request, call, id, AssignmentFields, ReadAssignment,
            "The assignment has problems: see errors.", cancellationToken);
        return problem ?? await AnswerAsync(await actions.AssignAsync(key, assignment.Name, call.Staff.Name, cancellationToken), call, cancellationToken);
    }

    private static (bool Read, string? Name) ReadAssignment(StrictJsonObject json, JsonElement body)
    {
        var what = $"a team member's name (1 to {TeamActions.MaxAssigneeLength} characters), or null to release the item.";
        if (!body.TryGetProperty(AssignedTo, out var value))
        {
            json.Fail(AssignedTo, $"is required: {what}");
            return default;
        }
        if (value.ValueKind == JsonValueKind.Null)
        {
            return (true, null);
        }
        var name = json.Text(AssignedTo, TeamActions.MaxAssigneeLength);
        if (name is null && !json.Failed(AssignedTo))
        {
            json.Fail(AssignedTo, $"must not be blank: {what}");
        }
        return (name is not null, name);
    }

    /// <summary>
    /// <c>POST /api/submissions/{id}/contact-attempts</c> <c>{ "channel", "outcome", "note", "nextContactOn" }</c>:
    /// kept in the history; the item shows it as its <c>lastContactAttempt</c> and its <c>nextContactOn</c>.
    /// </summary>
    [Function(nameof(LogContactAttempt))]
    public Task<IActionResult> LogContactAttempt(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/submissions/{id}/contact-attempts")] HttpRequest request, string id, CancellationToken cancellationToken) =>
        StaffRoute.RunAsync(request, StaffRole.Coordinator, StaffData.PatientData, call => LogContactAttemptAsync(request, call, id, cancellationToken), cancellationToken);

    private async Task<IActionResult> LogContactAttemptAsync(HttpRequest request, StaffCall call, string id, CancellationToken cancellationToken)
    {
        var today = calendar.Today;
        var (key, attempt, problem) = await SubmissionRequest.ReadObjectAsync(request, call, id, AttemptFields, (json, _) => ReadAttempt(json, today),
            "The contact attempt has problems: see errors.", cancellationToken);
        return problem ?? await AnswerAsync(await actions.LogContactAttemptAsync(key, attempt.Channel, attempt.Outcome, attempt.Note, attempt.NextContactOn,
            call.Staff.Name, cancellationToken), call, cancellationToken);
    }

    private static (ContactChannel Channel, ContactOutcome Outcome, string? Note, DateOnly? NextContactOn) ReadAttempt(StrictJsonObject json, DateOnly today)
    {
        var channel = json.Enum<ContactChannel>("channel");
        if (channel is null && !json.Failed("channel"))
        {
            json.Fail("channel", $"is required: how the person was contacted, one of: {JsonEnum<ContactChannel>.Allowed}.");
        }
        var outcome = json.Enum<ContactOutcome>("outcome");
        if (outcome is null && !json.Failed("outcome"))
        {
            json.Fail("outcome", $"is required: what came of it, one of: {JsonEnum<ContactOutcome>.Allowed}.");
        }
        var note = json.Text("note", TeamActions.MaxNoteLength);
        var next = json.Date("nextContactOn");
        if (next < today)
        {
            json.Fail("nextContactOn", $"must be the site's today ({today:yyyy-MM-dd}) or later, or null for no next contact.");
        }
        return (channel ?? default, outcome ?? default, note, next);
    }

    private Task<IActionResult> AnswerAsync(TeamActionResult result, StaffCall call, CancellationToken cancellationToken) =>
        TeamActionAnswers.OfAsync(result, call, store, linking, cancellationToken);
}
