using System.Globalization;
using Intake.Functions.Http;
using Intake.Functions.Http.Responses;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Intake.Functions.Triggers;

/// <summary>
/// <c>GET /api/stats?from=YYYY-MM-DD&amp;to=YYYY-MM-DD</c>: the screening funnel of a range of the
/// site's dates (both included; by default the last 30 days up to the site's today), with the
/// poison-queue counts. Counts only; needs the function key.
/// </summary>
public sealed class StatsFunction(FunnelReader funnel, SiteCalendar calendar)
{
    private static readonly DateOnly Earliest = new(1900, 1, 1);

    /// <summary>What a date of the range must be, as the problem says it (docs/api-extensions.md).</summary>
    private const string SiteDate = "one date of the site's calendar,";

    /// <summary><c>GET /api/stats</c>.</summary>
    [Function(nameof(GetStats))]
    public Task<IActionResult> GetStats(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/stats")] HttpRequest request, CancellationToken cancellationToken) =>
        StaffRoute.RunAsync(request, StaffRole.Coordinator, StaffData.CountsOnly, _ => GetStatsAsync(request, cancellationToken), cancellationToken);

    private async Task<IActionResult> GetStatsAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var from = StaffQuery.Date(request, "from", errors, Earliest, SiteDate);
        var to = StaffQuery.Date(request, "to", errors, Earliest, SiteDate);
        if (!errors.IsEmpty)
        {
            return Problems.Validation(errors, "A date of the range cannot be read: see errors.");
        }
        var range = (from, to) switch
        {
            (null, null) => SiteDateRange.Ending(calendar.Today),
            (null, { } end) => SiteDateRange.Ending(end),
            ({ } start, null) => new SiteDateRange(start, calendar.Today),
            ({ } start, { } end) => new SiteDateRange(start, end),
        };
        if (range.From > range.To)
        {
            errors.Add("from", $"must be on or before to ({Date(range.To)}){(to is null ? ", the site's today" : "")}.");
        }
        else if (range.Days > SiteDateRange.MaxDays)
        {
            errors.Add("from", $"must be at most {SiteDateRange.MaxDays} days before to, both included: this range has {range.Days}.");
        }
        if (!errors.IsEmpty)
        {
            return Problems.Validation(errors, "The date range is not one the report covers: see errors.");
        }
        var report = await funnel.ReadAsync(range, cancellationToken);
        return ApiJson.Ok(StatsResponse.Of(report), ResponseJson.Default.StatsResponse);
    }

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
