using System.Globalization;
using System.Text;

namespace Intake.Core.Export;

/// <summary>
/// <c>GET /api/export.csv</c> (api-2.md, "Working an item"): one row a submission, the columns of
/// docs/team-guide.md, as CSV (<see cref="CsvText"/>: RFC 4180, formula injection neutralised).
/// </summary>
public static class ListExport
{
    /// <summary>The columns, in order: the header row.</summary>
    public static IReadOnlyList<string> Columns { get; } =
    [
        "id", "list", "kind", "receivedAt", "receivedOn", "priority", "result", "scheduledBiopsyDate", "teamStatus", "summary", "notMetReasons",
        "name", "email", "phone", "preferredLanguage", "assignedTo", "lastContactChannel", "lastContactOutcome", "lastContactAt", "lastContactBy",
        "nextContactOn", "firstContactAt", "reopened", "personId",
    ];

    /// <summary>Whether the line was received from <paramref name="from"/> to <paramref name="to"/> (the site's dates, both included; <c>null</c> leaves that end open).</summary>
    public static bool Covers(WorklistItem line, DateOnly? from, DateOnly? to, SiteCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(line);
        ArgumentNullException.ThrowIfNull(calendar);
        var on = calendar.DateAt(line.ReceivedAt);
        return (from is null || on >= from) && (to is null || on <= to);
    }

    /// <summary>The whole file: a header row, then one row per item, in the order given.</summary>
    public static string Write(IEnumerable<ExportRow> rows, SiteCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(calendar);
        var csv = new StringBuilder();
        CsvText.AppendRecord(csv, Columns);
        foreach (var row in rows)
        {
            CsvText.AppendRecord(csv, Fields(row, calendar));
        }
        return csv.ToString();
    }

    private static string?[] Fields(ExportRow row, SiteCalendar calendar)
    {
        var (line, contact) = (row.Line, row.Contact);
        var attempt = line.LastContactAttempt;
        return
        [
            line.Id,
            line.List == TeamList.Worklist ? "worklist" : "screened-out",
            JsonEnum<SubmissionKind>.Name(line.Kind),
            Instant(line.ReceivedAt),
            Date(calendar.DateAt(line.ReceivedAt)),
            line.Priority?.ToString(),
            line.Result.ToString(),
            line.ScheduledBiopsyDate is { } biopsy ? Date(biopsy) : null,
            line.TeamStatus.ToString(),
            line.Summary,
            string.Join("; ", line.NotMetReasons),
            contact?.Name,
            contact?.Email,
            contact?.Phone,
            contact?.PreferredLanguage,
            line.AssignedTo,
            attempt is null ? null : JsonEnum<ContactChannel>.Name(attempt.Channel),
            attempt is null ? null : JsonEnum<ContactOutcome>.Name(attempt.Outcome),
            attempt is null ? null : Instant(attempt.At),
            attempt?.By,
            line.NextContactOn is { } next ? Date(next) : null,
            line.FirstContactAt is { } first ? Instant(first) : null,
            line.Reopened ? "true" : "false",
            line.PersonId,
        ];
    }

    private static string Instant(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
