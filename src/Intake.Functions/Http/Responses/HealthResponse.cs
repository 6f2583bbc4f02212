namespace Intake.Functions.Http.Responses;

/// <summary>The <c>200</c> of <c>GET /api/health</c>: <c>{ "status": "ok" }</c> and nothing else (the route is anonymous).</summary>
public sealed record HealthResponse(string Status)
{
    /// <summary>The one answer while storage answers.</summary>
    public static HealthResponse Ok { get; } = new("ok");
}
