using System.Text.Json.Serialization;

namespace Intake.Functions.Http.Responses;

/// <summary>
/// One line of <c>GET /api/worklist</c>, <c>GET /api/screened-out</c> (<see cref="ListPage"/>) and of
/// a person found by <c>GET /api/people</c> (<see cref="PersonFound"/>), as api.md and api-2.md write
/// it: the line, how it is being worked, and its person's contact details (<c>null</c> when gone).
/// <c>notMetReasons</c> only on a screened-out line.
/// </summary>
public sealed record ListItem(
    string Id,
    SubmissionKind Kind,
    Priority? Priority,
    PrecheckResult Result,
    DateTimeOffset ReceivedAt,
    DateOnly? ScheduledBiopsyDate,
    TeamStatus TeamStatus,
    string Summary,
    IReadOnlyList<string> FollowUps,
    string PersonId,
    bool Reopened,
    string? AssignedTo,
    ListContactAttempt? LastContactAttempt,
    DateOnly? NextContactOn,
    string? Name,
    string? Email,
    string? Phone,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? NotMetReasons)
{
    /// <summary>
    /// The answer for <paramref name="item"/> with its person's <paramref name="contact"/> (read from the
    /// contact entity, never stored on the line), and its NotMet reasons <paramref name="withReasons"/>.
    /// The one place a list line's answer is built.
    /// </summary>
    public static ListItem Of(WorklistItem item, Contact? contact, bool withReasons)
    {
        ArgumentNullException.ThrowIfNull(item);
        return new(item.Id, item.Kind, item.Priority, item.Result, item.ReceivedAt, item.ScheduledBiopsyDate, item.TeamStatus, item.Summary,
            item.FollowUps, item.PersonId, item.Reopened, item.AssignedTo,
            item.LastContactAttempt is { } a ? new ListContactAttempt(a.Channel, a.Outcome, a.At, a.By) : null,
            item.NextContactOn, contact?.Name, contact?.Email, contact?.Phone,
            withReasons ? item.NotMetReasons : null);
    }
}
