using System.Globalization;
using System.Text.Json;

namespace Intake.Functions.Http;

/// <summary>The JSON of <c>GET /api/stats</c> (docs/api-extensions.md): counts only, never an id or a detail of a person.</summary>
public static class StatsJson
{
    /// <summary>Writes the funnel report.</summary>
    public static void Write(Utf8JsonWriter w, FunnelReport report)
    {
        w.WriteStartObject();
        w.WriteString("from", Date(report.Range.From));
        w.WriteString("to", Date(report.Range.To));
        w.WriteString("timeZone", report.TimeZone);

        w.WriteStartObject("submissions");
        foreach (var (kind, count) in report.Submissions.OrderBy(s => s.Key))
        {
            w.WriteNumber(JsonEnum<SubmissionKind>.Name(kind), count);
        }
        w.WriteNumber("total", report.TotalSubmissions);
        w.WriteEndObject();

        w.WriteNumber("people", report.People);
        w.WriteNumber("awaitingPrecheck", report.AwaitingPrecheck);
        w.WriteNumber("notGenuine", report.NotGenuine);

        w.WriteStartObject("precheckResults");
        foreach (var (result, count) in report.PrecheckResults.OrderBy(r => r.Key))
        {
            w.WriteNumber(result.ToString(), count);
        }
        w.WriteEndObject();

        w.WriteStartObject("notMet");
        foreach (var (criterion, count) in report.NotMet)
        {
            w.WriteNumber(criterion, count);
        }
        w.WriteEndObject();

        w.WriteStartObject("worklist");
        w.WriteNumber("people", report.WorklistPeople);
        w.WriteStartObject("teamStatus");
        foreach (var (status, count) in report.TeamStatuses.OrderBy(s => s.Key))
        {
            w.WriteNumber(status.ToString(), count);
        }
        w.WriteEndObject();
        w.WriteNumber("reopened", report.Reopened);
        w.WriteEndObject();

        var contact = report.TimeToFirstContact;
        w.WriteStartObject("timeToFirstContact");
        w.WriteNumber("people", contact.People);
        WriteHours(w, "medianHours", contact.MedianHours);
        WriteHours(w, "p90Hours", contact.P90Hours);
        w.WriteEndObject();

        w.WriteStartObject("poisonMessages");
        foreach (var (queue, count) in report.PoisonMessages)
        {
            w.WriteNumber(queue, count);
        }
        w.WriteEndObject();

        // Every pass named, null until it has run once.
        w.WriteStartObject("timerPasses");
        foreach (var pass in PassOutcome.Passes.Union(report.TimerPasses.Select(p => p.Pass)))
        {
            if (report.TimerPasses.FirstOrDefault(p => p.Pass == pass) is { } outcome)
            {
                w.WriteStartObject(pass);
                w.WriteString("at", outcome.At);
                w.WriteNumber("items", outcome.Items);
                w.WriteNumber("failures", outcome.Failures);
                w.WriteEndObject();
            }
            else
            {
                w.WriteNull(pass);
            }
        }
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static void WriteHours(Utf8JsonWriter w, string name, double? hours)
    {
        if (hours is { } h)
        {
            w.WriteNumber(name, h);
        }
        else
        {
            w.WriteNull(name);
        }
    }
}
