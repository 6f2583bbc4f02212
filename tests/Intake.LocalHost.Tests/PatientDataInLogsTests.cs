using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Intake.Testing;
using Xunit.Abstractions;

namespace Intake.LocalHost.Tests;

/// <summary>
/// Patient data never reaches the logs or the telemetry: the local host logs at its most verbose
/// level (Trace, the Azure SDK included) and exports its spans, metrics and logs over OTLP to a
/// receiver in the test, while a scenario uses every route with patient data, accepted and refused,
/// and the alerts go out by e-mail; then every name, e-mail address, phone number, date of birth
/// and note sent is searched for in everything the host printed and in every byte it exported.
/// </summary>
public sealed class PatientDataInLogsTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private Azurite _azurite = null!;
    private MailDev _mailDev = null!;
    private LocalHostProcess _host = null!;
    private OtlpReceiver _telemetry = null!;

    public async Task InitializeAsync()
    {
        _azurite = await Azurite.StartAsync();
        _mailDev = await MailDev.StartAsync();
        _telemetry = OtlpReceiver.Start();
        _host = await LocalHostProcess.StartAsync(_azurite.ConnectionString, new Dictionary<string, string?>(_telemetry.ExporterSettings)
        {
            ["Logging__LogLevel__Default"] = "Trace",
            ["Logging__LogLevel__Microsoft.AspNetCore"] = "Trace",
            ["Logging__LogLevel__Azure.Core"] = "Trace",
            ["Logging__LogLevel__System.Net.Http.HttpClient"] = "Trace",
            ["Intake__Alerts__SmtpHost"] = "localhost",
            ["Intake__Alerts__SmtpPort"] = $"{_mailDev.SmtpPort}",
            ["Intake__Alerts__TeamAddress"] = "mbc-team@study.example",
        });
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _telemetry.DisposeAsync();
        await _mailDev.DisposeAsync();
        await _azurite.DisposeAsync();
    }

    private static JsonObject Person(string name, string email, string phone) => new()
    {
        ["name"] = name, ["email"] = email, ["phone"] = phone, ["preferredLanguage"] = "es",
    };

    private static JsonObject Answers(int yearsOld, int? biopsyInDays = null, string breastCancer = "invasiveConfirmed")
    {
        var answers = Bodies.BaselineAnswers()
            .With("dateOfBirth", Bodies.Today.AddYears(-yearsOld).AddDays(-17).ToString("yyyy-MM-dd"))
            .With("breastCancer", breastCancer);
        return biopsyInDays is { } days
            ? answers.With("scheduledClinicalBiopsy", new JsonObject { ["site"] = "liver", ["date"] = Bodies.Today.AddDays(days).ToString("yyyy-MM-dd") })
            : answers;
    }

    // The host's own clients note every piece of patient data they send (LocalHostProcess.PatientData).
    private HttpClient Public => _host.Client;

    private HttpClient Staff => _host.Staff;

    private PatientDataLedger Ledger => _host.PatientData;

    private async Task<string> AcceptedAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (string)(await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
    }

    private Task<JsonObject> HistoryHasAsync(string id, string eventStart) => Poll.UntilAsync(async () =>
    {
        var submission = (await Staff.GetFromJsonAsync<JsonObject>($"/api/submissions/{id}"))!;
        return submission["history"]!.AsArray().Any(h => ((string)h!["event"]!).StartsWith(eventStart, StringComparison.Ordinal)) ? submission : null;
    }, Deadline, $"'{eventStart}' in the history of {id}");

    [Fact]
    public async Task No_name_email_phone_date_of_birth_or_note_sent_to_any_route_appears_in_the_logs_or_the_exported_telemetry()
    {
        // Accepted: an urgent self-screening (alert e-mail), a screened-out one, an urgent referral.
        var urgent = await AcceptedAsync(await Public.PostAsJsonAsync("/api/screenings", new JsonObject
        {
            ["answers"] = Answers(61, biopsyInDays: 4),
            ["contact"] = Person("Zelda Quintero", "zelda.quintero@example.org", "+1 507 555 0143"),
            ["consentToContact"] = true,
        }));
        var screenedOut = await AcceptedAsync(await Public.PostAsJsonAsync("/api/screenings", new JsonObject
        {
            ["id"] = Guid.NewGuid().ToString("D"),
            ["answers"] = Answers(47, breastCancer: "none"),
            ["contact"] = Person("Marisol Okonkwo-Betancourt", "m.okonkwo@example.net", "(612) 555-0188"),
            ["consentToContact"] = true,
        }));
        var referral = await AcceptedAsync(await Public.PostAsJsonAsync("/api/referrals", new JsonObject
        {
            ["answers"] = Answers(72, biopsyInDays: 9).With("oncologistConcerns",
                new JsonObject { ["seriousComorbidity"] = false, ["biopsySafetyRisk"] = false, ["hazardousCondition"] = false }),
            ["patient"] = Person("Henrietta Vasquez-Lindqvist", "hvl@example.com", "+1 218 555 0167"),
            ["referrer"] = new JsonObject { ["name"] = "Dr. Ignatius Fairweather", ["institution"] = "Example Oncology", ["email"] = "fairweather@clinic.example", ["phone"] = "+1 651 555 0119" },
            ["patientAwareOfReferral"] = true,
        }));

        // Refused: a bad e-mail and phone, a conflict on a used id, a body with an unknown field.
        Assert.Equal(HttpStatusCode.BadRequest, (await Public.PostAsJsonAsync("/api/screenings", new JsonObject
        {
            ["answers"] = Answers(55),
            ["contact"] = Person("Ottilie Brandvold", "ottilie.brandvold-at-example.org", "555-01"),
            ["consentToContact"] = true,
        })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await Public.PostAsJsonAsync("/api/screenings", new JsonObject
        {
            ["id"] = screenedOut,
            ["answers"] = Answers(33),
            ["contact"] = Person("Cornelius Abernathy", "cabernathy@example.org", "+1 320 555 0102"),
            ["consentToContact"] = true,
        })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Public.PostAsJsonAsync("/api/referrals", new JsonObject
        {
            ["answers"] = Answers(66),
            ["patient"] = Person("Philippa Nakashima", "pnakashima@example.org", "+1 952 555 0110"),
            ["referrer"] = new JsonObject { ["name"] = "Dr. Eustace Pemberton", ["institution"] = "Example Oncology", ["email"] = "pemberton@clinic.example" },
            ["patientAwareOfReferral"] = true,
            ["mothersMaidenName"] = "Featherstonehaugh",
        })).StatusCode);

        // The team works the items: reads them, records contacts with notes, corrects, reopens, asks for a referrer update.
        await HistoryHasAsync(urgent, "Urgent alert e-mailed to the study team");
        await HistoryHasAsync(referral, "Urgent alert e-mailed to the study team");
        await HistoryHasAsync(screenedOut, "Pre-checked");
        foreach (var id in new[] { urgent, screenedOut, referral })
        {
            Assert.Equal(HttpStatusCode.OK, (await Staff.GetAsync($"/api/submissions/{id}")).StatusCode);
        }
        Assert.Equal(HttpStatusCode.OK, (await Staff.PostAsJsonAsync($"/api/submissions/{urgent}/team-status",
            new JsonObject { ["status"] = "Contacted", ["note"] = "Spoke with her daughter Rosalind Quintero on 507 555 0199" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Staff.PostAsJsonAsync($"/api/submissions/{urgent}/team-status",
            new JsonObject { ["status"] = "Phoned", ["note"] = "Left a message for Bartholomew Quintero" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Staff.PutAsJsonAsync($"/api/submissions/{referral}/answers",
            new JsonObject { ["answers"] = Answers(73, biopsyInDays: 9) })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Staff.PutAsJsonAsync($"/api/submissions/{referral}/answers",
            new JsonObject { ["answers"] = Answers(74).With("dateOfBirth", "1951-02-30"), ["note"] = "Dr. Fairweather's nurse Philomena gave this birth date" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Staff.PostAsync($"/api/submissions/{screenedOut}/reopen", content: null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Staff.PostAsJsonAsync($"/api/submissions/{referral}/referrer-confirmation",
            new JsonObject { ["email"] = "fairweather@clinic.example" })).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await Staff.PostAsJsonAsync($"/api/submissions/{referral}/referrer-updates",
            new JsonObject { ["status"] = "contacted" })).StatusCode);
        await HistoryHasAsync(referral, "Referrer told:");
        // Working an item: an assignment, contact attempts with notes, the working filters and the export.
        Assert.Equal(HttpStatusCode.OK, (await Staff.PostAsJsonAsync($"/api/submissions/{urgent}/assignment", new JsonObject { ["assignedTo"] = "local-staff" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Staff.PostAsJsonAsync($"/api/submissions/{urgent}/contact-attempts",
            new JsonObject { ["channel"] = "phone", ["outcome"] = "leftMessage", ["note"] = "Her neighbour Evangeline Thistlewood took a message" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Staff.PostAsJsonAsync($"/api/submissions/{urgent}/contact-attempts",
            new JsonObject { ["channel"] = "pigeon", ["outcome"] = "reached", ["note"] = "Reached Leopoldina Thistlewood by pigeon" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Staff.GetAsync("/api/worklist?assignedTo=local-staff&due=today")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Staff.GetAsync("/api/export.csv?list=worklist")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Staff.GetAsync("/api/worklist")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Staff.GetAsync("/api/screened-out")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Staff.GetAsync("/api/stats")).StatusCode);
        Assert.NotEmpty(await _mailDev.EmailsAsync());

        var logs = _host.Output;
        output.WriteLine($"{Ledger.Values.Count} values of patient data sent; {logs.Split('\n').Length} log lines searched");
        // The logs were captured, and verbosely: the search below is not vacuous.
        Assert.Contains(urgent, logs, StringComparison.Ordinal);
        Assert.Contains("trce:", logs, StringComparison.Ordinal);
        Assert.True(Ledger.Values.Count >= 30, $"only {Ledger.Values.Count} values were noted");
        var found = Ledger.FoundIn(logs);
        foreach (var line in logs.Split('\n').Where(l => found.Any(v => l.Contains(v, StringComparison.OrdinalIgnoreCase))).Take(20))
        {
            output.WriteLine($"log line with patient data: {line[..Math.Min(line.Length, 400)]}");
        }
        Assert.Empty(found);

        // The exported telemetry: every span, metric and log record, as the raw protobuf bytes (a
        // string is its UTF-8 there). The host stops cleanly first, so its exporters send all they hold.
        await _host.StopAsync(Deadline);
        var spans = _telemetry.Spans();
        var metrics = _telemetry.MetricNames();
        output.WriteLine($"{_telemetry.TotalBytes} bytes of telemetry searched: {spans.Count} spans, {metrics.Count} metrics, {_telemetry.Bodies("/v1/logs").Count} log exports");
        // It was exported, and from every part: the search below is not vacuous.
        Assert.Contains(spans, s => s.Scope == "MbcIntake" && s.Name == "process precheck" && s.Attributes.GetValueOrDefault("mbcintake.submission.id") == urgent);
        Assert.Contains(spans, s => s.Scope == "Microsoft.AspNetCore" && s.Kind == 2);
        Assert.Contains(spans, s => s.Scope.StartsWith("Azure.Data.Tables", StringComparison.Ordinal));
        Assert.Contains(spans, s => s.Scope.StartsWith("Azure.Storage.Queues", StringComparison.Ordinal));
        Assert.Contains("mbcintake.submissions.accepted", metrics);
        Assert.Contains("mbcintake.precheck.duration", metrics);
        Assert.NotEmpty(_telemetry.Bodies("/v1/logs"));
        var exported = _telemetry.AllText();
        Assert.Contains(urgent, exported, StringComparison.Ordinal);
        var foundInTelemetry = Ledger.FoundIn(exported);
        foreach (var span in spans.Select(s => $"{s.Scope} {s.Name} {string.Join(", ", s.Attributes.Select(a => $"{a.Key}={a.Value}"))}")
                     .Where(s => foundInTelemetry.Any(v => s.Contains(v, StringComparison.OrdinalIgnoreCase))).Take(20))
        {
            output.WriteLine($"span with patient data: {span}");
        }
        Assert.Empty(foundInTelemetry);
    }
}
