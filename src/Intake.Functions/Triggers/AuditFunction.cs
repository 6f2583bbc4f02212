using System.Globalization;
using Intake.Functions.Http;
using Intake.Functions.Http.Responses;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Intake.Functions.Triggers;

/// <summary>
/// <c>GET /api/audit?from=YYYY-MM-DD&amp;to=YYYY-MM-DD&amp;by=…&amp;submissionId=…&amp;limit=&amp;cursor=</c>
/// (manager): the audit log, newest first, as <c>{ "items", "next" }</c>. Its own reads are audited too.
/// </summary>
public sealed class AuditFunction(IAuditLog audit, TimeProvider time)
{
    private static readonly DateOnly Earliest = new(2000, 1, 1);

    /// <summary><c>GET /api/audit</c>.</summary>
    [Function(nameof(GetAudit))]
    public Task<IActionResult> GetAudit(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/audit")] HttpRequest request, CancellationToken cancellationToken) =>
        StaffRoute.RunAsync(request, StaffRole.Manager, StaffData.PatientData, call => GetAuditAsync(request, call, cancellationToken), cancellationToken);

    private async Task<IActionResult> GetAuditAsync(HttpRequest request, StaffCall call, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var from = StaffQuery.Date(request, "from", errors, Earliest, "a UTC date");
        var to = StaffQuery.Date(request, "to", errors, Earliest, "a UTC date");
        var by = StaffQuery.One(request, "by", errors) is { } name ? (name.Trim() is { Length: > 0 and <= 256 } trimmed ? trimmed : Fail(errors, "by", "must be 1 to 256 characters.")) : null;
        var submission = StaffQuery.One(request, "submissionId", errors) is { } id ? SubmissionId.Normalise(id) ?? Fail(errors, "submissionId", "must be a submission id (a UUID).") : null;
        var limit = AuditQuery.DefaultLimit;
        if (StaffQuery.One(request, "limit", errors) is { } text && !(int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out limit) && limit is >= 1 and <= AuditQuery.MaxLimit))
        {
            errors.Add("limit", $"must be a whole number from 1 to {AuditQuery.MaxLimit}.");
        }
        var cursor = StaffQuery.One(request, "cursor", errors);
        if (!errors.IsEmpty)
        {
            return Problems.Validation(errors, "The audit query has problems: see errors.");
        }
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var end = to ?? today;
        var start = from ?? end.AddDays(-29);
        if (start > end)
        {
            errors.Add("from", $"must be on or before to ({end:yyyy-MM-dd}).");
        }
        else if (end.DayNumber - start.DayNumber + 1 > AuditQuery.MaxDays)
        {
            errors.Add("from", $"must be at most {AuditQuery.MaxDays} days before to, both included.");
        }
        if (!errors.IsEmpty)
        {
            return Problems.Validation(errors, "The date range is not one the audit log covers: see errors.");
        }
        if (submission is not null)
        {
            call.About(submission);
        }
        var page = await audit.ReadAsync(new AuditQuery(start, end, by, submission, limit, cursor), cancellationToken);
        if (page is null)
        {
            errors.Add("cursor", "is not a cursor this service made for this query: start again without it, or use the next of the page before with the same filters.");
            return Problems.Validation(errors, "The cursor cannot be used: see errors.");
        }
        call.Shows(page.Items.Count);
        return ApiJson.Ok(AuditLogPage.Of(page), ResponseJson.Default.AuditLogPage);
    }

    private static string? Fail(FieldErrors errors, string name, string message)
    {
        errors.Add(name, message);
        return null;
    }
}
