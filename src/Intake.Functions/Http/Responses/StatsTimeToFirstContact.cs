namespace Intake.Functions.Http.Responses;

/// <summary>The <c>timeToFirstContact</c> of <c>GET /api/stats</c> (<see cref="StatsResponse"/>): people reached, and the median and 90th percentile in hours (<c>null</c> when nobody was).</summary>
public sealed record StatsTimeToFirstContact(int People, double? MedianHours, double? P90Hours);
