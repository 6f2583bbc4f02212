namespace Intake.Functions.Http.Responses;

/// <summary>One entry of the <c>history</c> of <c>GET /api/submissions/{id}</c>: when, what, by whom.</summary>
public sealed record HistoryEntryResponse(DateTimeOffset At, string Event, string By);
