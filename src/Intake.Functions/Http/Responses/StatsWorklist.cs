namespace Intake.Functions.Http.Responses;

/// <summary>The <c>worklist</c> of <c>GET /api/stats</c> (<see cref="StatsResponse"/>): its people, their furthest team status (every status present, PascalCase) and those reopened.</summary>
public sealed record StatsWorklist(int People, IReadOnlyDictionary<string, int> TeamStatus, int Reopened);
