using System.Globalization;
using Intake.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Intake.Functions.Triggers;

/// <summary>
/// <c>GET /api/export.csv?list=worklist|screened-out&amp;from=YYYY-MM-DD&amp;to=YYYY-MM-DD</c> (manager):
/// one row a submission of the list received in the range (the site's dates, both included, either
/// end optional), as CSV (<see cref="ListExport"/>). Audited with the number of rows.
/// </summary>
public sealed class ExportFunction(ITeamLists lists, ISubmissionStore store, SiteCalendar calendar)
{
    private readonly ExportRows _rows = new(lists, store, calendar);

    private static readonly DateOnly Earliest = new(2000, 1, 1);

    /// <summary><c>GET /api/export.csv</c>.</summary>
    [Function(nameof(ExportList))]
    public Task<IActionResult> ExportList(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/export.csv")] HttpRequest request, CancellationToken cancellationToken) =>
        StaffRoute.RunAsync(request, StaffRole.Manager, StaffData.PatientData, call => ExportAsync(request, call, cancellationToken), cancellationToken);

    private async Task<IActionResult> ExportAsync(HttpRequest request, StaffCall call, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        TeamList? list = StaffQuery.One(request, "list", errors) switch
        {
            null when !errors.ToDictionary().ContainsKey("list") => Fail(errors, "list", "is required: worklist or screened-out."),
            null => null,
            "worklist" => TeamList.Worklist,
            "screened-out" => TeamList.ScreenedOut,
            _ => Fail(errors, "list", "must be worklist or screened-out."),
        };
        var from = StaffQuery.Date(request, "from", errors, Earliest, "a date at the site");
        var to = StaffQuery.Date(request, "to", errors, Earliest, "a date at the site");
        if (from > to)
        {
            errors.Add("from", $"must be on or before to ({to:yyyy-MM-dd}).");
        }
        if (!errors.IsEmpty)
        {
            return Problems.Validation(errors, "The export has problems: see errors.");
        }
        var rows = await _rows.ReadAsync(list!.Value, from, to, cancellationToken);
        call.Shows(rows.Count);
        var name = $"{(list == TeamList.Worklist ? "worklist" : "screened-out")}-{calendar.Today:yyyy-MM-dd}.csv";
        request.HttpContext.Response.Headers.ContentDisposition = $"attachment; filename=\"{name}\"";
        // The byte order mark lets a spreadsheet read the file as UTF-8 (accents in names) rather than the machine's code page.
        return new ContentResult { StatusCode = StatusCodes.Status200OK, ContentType = "text/csv; charset=utf-8; header=present", Content = "\uFEFF" + ListExport.Write(rows, calendar) };
    }

    private static TeamList? Fail(FieldErrors errors, string name, string message)
    {
        errors.Add(name, message);
        return null;
    }
}
