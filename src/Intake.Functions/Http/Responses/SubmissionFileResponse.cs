using System.Text.Json.Serialization;

namespace Intake.Functions.Http.Responses;

/// <summary>
/// The answer of <c>GET /api/submissions/{id}</c> and of every team action on a submission
/// (api.md, api-2.md): its whole file with the same person's other submissions. <c>notGenuine</c>
/// is there only while the team's mark stands; every other member is always there, <c>null</c>
/// when empty.
/// </summary>
public sealed record SubmissionFileResponse(
    string Id,
    SubmissionKind Kind,
    DateTimeOffset ReceivedAt,
    SubmissionStatus Status,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] NotGenuineMarkResponse? NotGenuine,
    AnswersResponse Answers,
    ContactResponse Contact,
    ReferrerResponse? Referrer,
    PrecheckResponse? Precheck,
    TeamStatus TeamStatus,
    string? AssignedTo,
    ContactAttemptResponse? LastContactAttempt,
    DateOnly? NextContactOn,
    bool Reopened,
    IReadOnlyList<string> FollowUps,
    string PersonId,
    IReadOnlyList<string> LinkedSubmissions,
    IReadOnlyList<HistoryEntryResponse> History)
{
    /// <summary>The answer for <paramref name="file"/>, whose person's other submissions are <paramref name="linkedSubmissions"/>.</summary>
    public static SubmissionFileResponse Of(SubmissionFile file, IReadOnlyList<string> linkedSubmissions)
    {
        ArgumentNullException.ThrowIfNull(file);
        var s = file.Submission;
        // Kept for review until its removal; reopening puts it back.
        var notGenuine = s.NotGenuine is { } mark ? new NotGenuineMarkResponse(mark.At, mark.By, mark.Reason, NotGenuineRemoval.RemovalDue(mark.At)) : null;
        var referrer = file.Referrer is { } r
            ? new ReferrerResponse(r.Name, r.Institution, r.Email, r.Phone,
                // Referrer updates go only to a confirmed address.
                ReferrerUpdates.IsConfirmed(file) && s.ReferrerConfirmed is { } confirmed ? new ReferrerConfirmationResponse(confirmed.At, confirmed.By) : null)
            : null;
        var attempt = s.LastContactAttempt is { } a ? new ContactAttemptResponse(a.Channel, a.Outcome, a.At, a.By, a.Note) : null;
        return new(s.Id, s.Kind, s.ReceivedAt, s.Status, notGenuine, AnswersResponse.Of(s.Answers),
            new ContactResponse(file.Contact.Name, file.Contact.Email, file.Contact.Phone, file.Contact.PreferredLanguage),
            referrer, s.Precheck is { } precheck ? PrecheckResponse.Of(precheck, s.EvaluatedAt) : null,
            s.TeamStatus, s.AssignedTo, attempt, s.NextContactOn, s.Reopened,
            s.Precheck is { } p ? Intake.Core.Workflows.Routing.FollowUps.For(s.Kind, p) : [],
            s.PersonId ?? s.Id, linkedSubmissions,
            [.. file.History.Select(h => new HistoryEntryResponse(h.At, h.Event, h.By))]);
    }
}
