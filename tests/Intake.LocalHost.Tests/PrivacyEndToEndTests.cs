using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Intake.Functions.Storage;
using Intake.Testing;

namespace Intake.LocalHost.Tests;

/// <summary>
/// Issue 13's proof, end to end through the local host behind (planted) App Service Authentication,
/// on storage of its own: several people are seeded; a coordinator and a manager read and act; the
/// manager erases one person; then a second host whose clock is 400 days ahead
/// (<c>LocalHost:ClockOffset</c>) runs the retention pass on the same storage, which erases the
/// people closed or screened out for over a year and never enrolled. Afterwards every table and
/// queue in Azurite, raw entities and messages, holds nothing that was sent for an erased person;
/// the audit log holds exactly the reads and changes made, and no request to any route, nor
/// anything the passes did with what was stored, changed an audit entry written before.
/// </summary>
public sealed class PrivacyEndToEndTests(PrivacyEndToEndTests.Service service) : IClassFixture<PrivacyEndToEndTests.Service>
{
    private const string Coordinator = "Intake.Coordinator";
    private const string Manager = "Intake.Manager";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    /// <summary>Azurite and a host on it behind App Service Authentication.</summary>
    public sealed class Service : IAsyncLifetime
    {
        public Azurite Azurite { get; private set; } = null!;

        public LocalHostProcess Host { get; private set; } = null!;

        public static Dictionary<string, string?> Behind { get; } = new() { ["Intake__Auth__AppServiceAuthentication"] = "true" };

        public async Task InitializeAsync()
        {
            Azurite = await Azurite.StartAsync();
            Host = await LocalHostProcess.StartAsync(Azurite.ConnectionString, Behind);
        }

        public async Task DisposeAsync()
        {
            await Host.DisposeAsync();
            await Azurite.DisposeAsync();
            Host.AssertNoPatientDataInOutput();
            Host.AssertAnswersMatchTheApiDocument();
        }
    }

    private sealed record Person(string Name, string Email, string Phone, string DateOfBirth)
    {
        public string[] Values => [Name, Email, Phone, DateOfBirth];
    }

    /// <summary>An audit entry as the test expects it: who, in which role, which function, about what, how many shown, the answer.</summary>
    private sealed record Entry(string By, string Role, string Action, string? SubmissionId, int Count, int Status);

    /// <summary>Every staff request this test sent, as the audit log must hold it.</summary>
    private readonly List<Entry> _sent = [];

    private static int _people;

    private static Person NewPerson()
    {
        var n = Interlocked.Increment(ref _people);
        var tag = Guid.NewGuid().ToString("N");
        var letters = new string([.. tag[..10].Select(c => (char)('a' + c % 26))]);
        // Distinct dates of birth, decades before any date the service writes.
        var born = new DateOnly(1960, 1, 1).AddDays(n * 37 + Random.Shared.Next(0, 30));
        return new($"Pat {letters}", $"pat.{tag[..12]}@example.org", $"+1 612 {200 + n} {Random.Shared.Next(1000, 9999)}", born.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// Sends a staff request as <paramref name="name"/> holding <paramref name="appRole"/>, and notes the entry the
    /// audit log must get for it: <paramref name="action"/> about <paramref name="about"/>, with the count the answer shows.
    /// </summary>
    private async Task<(HttpStatusCode Status, JsonObject? Json)> AsAsync(HttpMethod method, string path, string name, string appRole, string action,
        string? about, JsonNode? body = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }
        RolesThroughTheLocalHostTests.SignIn(request, name, appRole);
        using var response = await service.Host.Staff.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var json = text.Length > 0 && text[0] == '{' ? JsonNode.Parse(text)!.AsObject() : null;
        var status = (int)response.StatusCode;
        var shown = status is >= 200 and < 300
            ? action switch
            {
                "GetWorklist" or "GetScreenedOut" or "GetAudit" => json!["items"]!.AsArray().Count,
                "ErasePerson" => (int)json!["erasedSubmissions"]!,
                _ => 1,
            }
            : 0;
        _sent.Add(new Entry(name, appRole == Manager ? "manager" : "coordinator", action, about, shown, status));
        return (response.StatusCode, json);
    }

    private async Task<string> SubmitAsync(Person person, JsonObject answers)
    {
        var body = Bodies.Screening(answers.With("dateOfBirth", person.DateOfBirth));
        body["contact"] = new JsonObject { ["name"] = person.Name, ["email"] = person.Email, ["phone"] = person.Phone, ["preferredLanguage"] = "en" };
        using var response = await service.Host.Client.PostAsync("/api/screenings", new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = (string)(await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        // Waited for in storage itself, so that the wait reads nothing through the audited routes.
        var records = Tables().GetTableClient(SubmissionTables.NameFor(id));
        await Poll.UntilAsync(async () =>
            (await records.GetEntityIfExistsAsync<TableEntity>(id, $"record-{id}")) is { HasValue: true } record
                && record.Value!.GetString("Status") is "Routed" or "ScreenedOut",
            Deadline, $"submission {id} to be pre-checked and listed");
        return id;
    }

    private TableServiceClient Tables() => StoredText.Connection(service.Azurite.ConnectionString).CreateTableServiceClient(new TableClientOptions());

    private Task<string> EverythingStoredAsync() => StoredText.EverythingAsync(service.Azurite.ConnectionString);

    /// <summary>The audit table's raw entities: key → every property with the entity's ETag.</summary>
    private async Task<Dictionary<string, string>> AuditRowsAsync()
    {
        var rows = new Dictionary<string, string>(StringComparer.Ordinal);
        await foreach (var entity in Tables().GetTableClient(StorageNames.AuditTable).QueryAsync<TableEntity>())
        {
            rows[$"{entity.PartitionKey}/{entity.RowKey}"] = entity.ETag + " " + string.Join(";", entity.Where(p => p.Key is not ("odata.etag" or "Timestamp"))
                .OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={Convert.ToString(p.Value, CultureInfo.InvariantCulture)}"));
        }
        return rows;
    }

    /// <summary>Every audit entry from <paramref name="from"/> to <paramref name="to"/> (UTC dates), read as a manager of its own, page by page.</summary>
    private async Task<List<JsonObject>> AuditAsync(DateOnly from, DateOnly to)
    {
        var entries = new List<JsonObject>();
        string? next = null;
        do
        {
            var path = $"/api/audit?from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}&limit=200{(next is null ? "" : "&cursor=" + Uri.EscapeDataString(next))}";
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
            RolesThroughTheLocalHostTests.SignIn(request, "auditor@example.org", Manager);
            using var response = await service.Host.Staff.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
            entries.AddRange(page["items"]!.AsArray().Select(i => i!.AsObject()));
            next = (string?)page["next"];
        }
        while (next is not null);
        return entries;
    }

    private static Entry EntryOf(JsonObject i) =>
        new((string)i["by"]!, (string)i["role"]!, (string)i["action"]!, (string?)i["submissionId"], (int)i["count"]!, (int)i["status"]!);

    [Fact]
    public async Task After_erasure_and_retention_nothing_sent_for_the_erased_is_stored_and_the_audit_log_holds_exactly_what_was_done()
    {
        const string ann = "ann.coordinator@example.org";
        const string bea = "bea.manager@example.org";
        var started = DateOnly.FromDateTime(DateTime.UtcNow);

        // Seeded: asked to be erased (two submissions), declined, screened out, enrolled then
        // declined (never erased by the timer), and still being worked on.
        var (asked, declined, screenedOut, enrolled, open) = (NewPerson(), NewPerson(), NewPerson(), NewPerson(), NewPerson());
        var askedFirst = await SubmitAsync(asked, Bodies.BaselineAnswers());
        var askedSecond = await SubmitAsync(asked, Bodies.BaselineAnswers());
        var declinedId = await SubmitAsync(declined, Bodies.BaselineAnswers());
        var screenedOutId = await SubmitAsync(screenedOut, Bodies.BaselineAnswers().With("ecog", 3));
        var enrolledId = await SubmitAsync(enrolled, Bodies.BaselineAnswers());
        var openId = await SubmitAsync(open, Bodies.BaselineAnswers());
        var note = $"Called {declined.Name}; not now {Guid.NewGuid():N}";

        // The coordinator works the list.
        var (listed, worklist) = await AsAsync(HttpMethod.Get, "/api/worklist", ann, Coordinator, "GetWorklist", null);
        Assert.Equal(HttpStatusCode.OK, listed);
        Assert.Superset(new HashSet<string>([askedFirst, declinedId, enrolledId, openId]),
            worklist!["items"]!.AsArray().Select(i => (string)i!["id"]!).ToHashSet());
        Assert.Equal(HttpStatusCode.OK, (await AsAsync(HttpMethod.Get, "/api/screened-out", ann, Coordinator, "GetScreenedOut", null)).Status);
        Assert.Equal(HttpStatusCode.OK, (await AsAsync(HttpMethod.Get, $"/api/submissions/{declinedId}", ann, Coordinator, "GetSubmission", declinedId)).Status);
        Assert.Equal(HttpStatusCode.OK, (await AsAsync(HttpMethod.Post, $"/api/submissions/{declinedId}/team-status", ann, Coordinator, "SetTeamStatus", declinedId,
            new JsonObject { ["status"] = "Declined", ["note"] = note })).Status);
        foreach (var status in new[] { "Enrolled", "Declined" })
        {
            Assert.Equal(HttpStatusCode.OK, (await AsAsync(HttpMethod.Post, $"/api/submissions/{enrolledId}/team-status", ann, Coordinator, "SetTeamStatus", enrolledId,
                new JsonObject { ["status"] = status })).Status);
        }
        var (read, askedFile) = await AsAsync(HttpMethod.Get, $"/api/submissions/{askedSecond}", ann, Coordinator, "GetSubmission", askedSecond);
        Assert.Equal(HttpStatusCode.OK, read);
        var personId = (string)askedFile!["personId"]!;
        Assert.Equal(askedFirst, personId);
        // A coordinator may not erase (refused before the route reads its id, so the entry names none); the manager reads and erases.
        Assert.Equal(HttpStatusCode.Forbidden, (await AsAsync(HttpMethod.Post, $"/api/people/{personId}/erase", ann, Coordinator, "ErasePerson", null,
            new JsonObject { ["reason"] = "Asked by phone" })).Status);
        Assert.Equal(HttpStatusCode.OK, (await AsAsync(HttpMethod.Get, $"/api/submissions/{askedFirst}", bea, Manager, "GetSubmission", askedFirst)).Status);
        var (erased, erasure) = await AsAsync(HttpMethod.Post, $"/api/people/{personId}/erase", bea, Manager, "ErasePerson", personId,
            new JsonObject { ["reason"] = "Asked by phone" });
        Assert.Equal(HttpStatusCode.OK, erased);
        Assert.Equal(2, (int)erasure!["erasedSubmissions"]!);
        var before = await AuditRowsAsync();

        // 400 days on, a host on the same storage runs retention every two seconds.
        var moved = await LocalHostProcess.StartAsync(service.Azurite.ConnectionString, new Dictionary<string, string?>(Service.Behind)
        {
            ["LocalHost__ClockOffset"] = "400.00:00:00",
            ["LocalHost__Schedules__EraseByRetention"] = "*/2 * * * * *",
        });
        var later = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(400));
        try
        {
            TableClient Records(string id) => Tables().GetTableClient(SubmissionTables.NameFor(id));
            await Poll.UntilAsync(async () =>
                (await Records(declinedId).GetEntityIfExistsAsync<TableEntity>(declinedId, $"tombstone-{declinedId}")).HasValue
                && (await Records(screenedOutId).GetEntityIfExistsAsync<TableEntity>(screenedOutId, $"tombstone-{screenedOutId}")).HasValue
                && !(await Records(declinedId).GetEntityIfExistsAsync<TableEntity>(declinedId, $"record-{declinedId}")).HasValue
                && !(await Records(screenedOutId).GetEntityIfExistsAsync<TableEntity>(screenedOutId, $"record-{screenedOutId}")).HasValue,
                Deadline, "retention to erase the declined and the screened-out person");
            Assert.Contains("The clock is moved by 400.00:00:00", moved.Output, StringComparison.Ordinal);
        }
        finally
        {
            await moved.DisposeAsync();
        }
        moved.AssertNoPatientDataInOutput();
        moved.AssertAnswersMatchTheApiDocument();

        // Erased: 410, by whom; kept: the enrolled one (closed, but once enrolled) and the open one.
        foreach (var (id, by) in new[] { (askedFirst, bea), (askedSecond, bea), (declinedId, "system"), (screenedOutId, "system") })
        {
            var (gone, problem) = await AsAsync(HttpMethod.Get, $"/api/submissions/{id}", ann, Coordinator, "GetSubmission", id);
            Assert.Equal(HttpStatusCode.Gone, gone);
            Assert.Contains($"by {by}", (string?)problem!["detail"], StringComparison.Ordinal);
        }
        foreach (var id in new[] { enrolledId, openId })
        {
            Assert.Equal(HttpStatusCode.OK, (await AsAsync(HttpMethod.Get, $"/api/submissions/{id}", ann, Coordinator, "GetSubmission", id)).Status);
        }

        // No route changes an audit entry: every route, every method, as a manager, at an erased
        // and an unknown id, with a body each would act on.
        foreach (var function in AbuseFixture.HttpFunctions)
        {
            foreach (var method in function.Trigger.Methods!.Select(m => new HttpMethod(m.ToUpperInvariant())))
            {
                foreach (var id in new[] { declinedId, Guid.NewGuid().ToString() })
                {
                    var path = "/" + System.Text.RegularExpressions.Regex.Replace(function.Trigger.Route!, @"\{(\w+)\??\}", m => m.Groups[1].Value == "queue" ? "precheck" : id);
                    using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
                    if (method != HttpMethod.Get)
                    {
                        request.Content = new StringContent("""{"status":"Enrolled","reason":"overwrite the log","email":"x@example.org","answers":{}}""", Encoding.UTF8, "application/json");
                    }
                    RolesThroughTheLocalHostTests.SignIn(request, "probe@example.org", Manager);
                    using var _ = await service.Host.Staff.SendAsync(request);
                }
            }
        }
        var after = await AuditRowsAsync();
        Assert.All(before, row => Assert.Equal(row.Value, after.GetValueOrDefault(row.Key)));

        // Nothing sent for the erased people is anywhere in storage; the kept people's values are.
        var stored = await EverythingStoredAsync();
        foreach (var value in asked.Values.Concat(declined.Values).Concat(screenedOut.Values).Append(note))
        {
            Assert.DoesNotContain(value, stored, StringComparison.OrdinalIgnoreCase);
        }
        foreach (var value in enrolled.Values.Concat(open.Values))
        {
            Assert.Contains(value, stored, StringComparison.OrdinalIgnoreCase);
        }

        // The audit log holds exactly the reads and changes made, newest first. Left aside: the
        // probes above, the hosts' own start-up checks (a key without a sign-in: refused, nothing
        // shown), and the reads of the log by this test's auditor.
        var today = await AuditAsync(started, DateOnly.FromDateTime(DateTime.UtcNow));
        var logged = today.Select(EntryOf).Where(e => e.By is not ("probe@example.org" or "auditor@example.org")).ToList();
        Assert.All(logged.Where(e => e.By == "(nobody signed in)"), e => Assert.Equal(("GetWorklist", 0, 403), (e.Action, e.Count, e.Status)));
        Assert.Equal(Enumerable.Reverse(_sent), logged.Where(e => e.By != "(nobody signed in)"));
        Assert.Equal(today.Select(i => (string)i["at"]!).OrderDescending(StringComparer.Ordinal), today.Select(i => (string)i["at"]!));
        // The retention pass: one entry per erasure, by the system, at the moved clock's date.
        var retention = (await AuditAsync(later.AddDays(-1), later.AddDays(1))).Select(EntryOf).Where(e => e.By != "(nobody signed in)").ToList();
        Assert.Equal(
            new[] { declinedId, screenedOutId }.Order(StringComparer.Ordinal),
            retention.Select(e => e.SubmissionId!).Order(StringComparer.Ordinal));
        Assert.All(retention, e => Assert.Equal(("system", "system", "EraseByRetention", 1, 200), (e.By, e.Role, e.Action, e.Count, e.Status)));
    }
}
