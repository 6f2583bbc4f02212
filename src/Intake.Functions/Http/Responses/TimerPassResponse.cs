namespace Intake.Functions.Http.Responses;

/// <summary>A timer pass's last outcome in <c>GET /api/stats</c>' <c>timerPasses</c> (<see cref="StatsResponse"/>): when it ended, items taken up, items it could not handle.</summary>
public sealed record TimerPassResponse(DateTimeOffset At, int Items, int Failures);
