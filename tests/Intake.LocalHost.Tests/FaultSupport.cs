using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Intake.Functions.Storage;

namespace Intake.LocalHost.Tests;

/// <summary>
/// The fault tests (a crashed host, a storage outage, a lost hand-off) each start their own Azurite
/// and local host and load two cores: one collection runs them one after another.
/// </summary>
[CollectionDefinition(Name)]
public sealed class FaultCollection
{
    public const string Name = "faults";
}

/// <summary>One submission as a client sends it, with what the test expects of it.</summary>
/// <param name="Id">The client-chosen id: a retry sends it again, which makes the POST idempotent.</param>
/// <param name="Route">The public route.</param>
/// <param name="Body">The JSON body.</param>
/// <param name="Urgent">True when it must land on the worklist as Urgent (a clinical biopsy within 14 days), and so alert the team.</param>
/// <param name="Worklist">True for the worklist, false for the screened-out list.</param>
internal sealed record ClientSubmission(string Id, string Route, string Body, bool Urgent, bool Worklist);

/// <summary>What one POST got: its status, and for a problem its header and body.</summary>
internal sealed record PostAttempt(string Id, HttpStatusCode? Status, string? RetryAfter, string? MediaType, JsonObject? Problem,
    DateTimeOffset Started, DateTimeOffset Ended, string? Error)
{
    public bool Accepted => Status == HttpStatusCode.Accepted;

    /// <summary>A 503 as api.md asks for: <c>Retry-After</c> and problem details with title, status and detail.</summary>
    public bool IsWellFormedUnavailable => Status == HttpStatusCode.ServiceUnavailable
        && int.TryParse(RetryAfter, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds > 0
        && MediaType == "application/problem+json"
        && (int?)Problem?["status"] == 503 && Problem?["title"] is not null && Problem?["detail"] is not null;
}

/// <summary>Fault-test helpers: a realistic mix of submissions, a client that posts them, settings, and a direct look at storage.</summary>
internal static class Faults
{
    /// <summary>
    /// The local host's settings for a fault test: a message being handled stays invisible for
    /// 5 s (not 10 min), so what a killed host held comes back quickly; the reconciler runs every
    /// 2 s with the given grace; the rate limit and the hourly bound of urgent e-mails are out of the way.
    /// </summary>
    public static Dictionary<string, string?> HostSettings(TimeSpan reconcileGrace) => new()
    {
        ["LocalHost__MessageInvisibility"] = "00:00:05",
        ["LocalHost__Schedules__Reconcile"] = "*/2 * * * * *",
        ["Intake__ReconcileAfterMinutes"] = reconcileGrace.TotalMinutes.ToString("R", CultureInfo.InvariantCulture),
        ["Intake__RateLimit__PermitsPerMinute"] = "1000000",
        // The fault tests count each urgent item's own e-mail; the hourly bound and its digest are UrgentDigestTests'.
        ["Intake__Alerts__MaxPerHour"] = "100000",
        ["Intake__Partners__Keys__0"] = PartnerKey,
    };

    /// <summary>The partner key of the fault tests' hosts: their clients post as a partner system.</summary>
    public const string PartnerKey = "fault-tests-partner-key-0123456789abcdef";

    /// <summary>
    /// Submission <paramref name="n"/> of a realistic mix, both channels: likely eligible (High),
    /// needs review (Normal), screened out (I5, I6, I8), a man (E5), and one in five urgent (a clinical
    /// biopsy in 3 or 5 days), each person with their own name, birth date and e-mail.
    /// </summary>
    public static ClientSubmission Mix(int n)
    {
        var id = Guid.NewGuid().ToString("D");
        var answers = Bodies.BaselineAnswers().With("dateOfBirth", Bodies.Today.AddYears(-40).AddDays(-n).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        static string InDays(int days) => Bodies.Today.AddDays(days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var (referral, urgent, worklist) = (n % 10) switch
        {
            0 => (true, true, true),
            1 => (false, false, true),
            2 => (false, false, false),
            3 => (false, false, true),
            4 => (true, false, true),
            5 => (false, true, true),
            6 => (false, false, false),
            7 => (false, false, false),
            8 => (false, false, true),
            _ => (true, false, true),
        };
        switch (n % 10)
        {
            case 0: answers.With("scheduledClinicalBiopsy", new JsonObject { ["site"] = "liver", ["date"] = InDays(5) }); break;
            case 2: answers.With("ecog", 3); break;
            case 3: answers.With("primaryTissue", "unknown"); break;
            case 5:
                answers.With("metastaticSites", new JsonArray("brain"))
                    .With("scheduledClinicalBiopsy", new JsonObject { ["site"] = "brain", ["date"] = InDays(3) });
                break;
            case 6: answers.With("metastaticSites", new JsonArray("brain")); break;
            case 7: answers.With("metastaticSites", new JsonArray("pleuralFluid")).With("effusionCytologyConfirmed", "no"); break;
            case 8: answers.With("sex", "male").Without("pregnant"); break;
            case 9: answers.With("scheduledClinicalBiopsy", new JsonObject { ["site"] = "liver", ["date"] = InDays(40) }); break;
            default: break;
        }
        var person = new JsonObject { ["name"] = $"Person {n} Example", ["email"] = $"person{n}@example.org", ["preferredLanguage"] = "en" };
        JsonObject body;
        if (referral)
        {
            answers.With("oncologistConcerns", new JsonObject { ["seriousComorbidity"] = false, ["biopsySafetyRisk"] = false, ["hazardousCondition"] = false });
            body = Bodies.Referral(answers);
            body["patient"] = person;
        }
        else
        {
            body = Bodies.Screening(answers);
            body["contact"] = person;
        }
        body["id"] = id;
        return new ClientSubmission(id, referral ? "/api/referrals" : "/api/screenings", body.ToJsonString(), urgent, worklist);
    }

    /// <summary>Posts <paramref name="submission"/> once; a connection that fails or times out is an attempt without a status.</summary>
    public static async Task<PostAttempt> PostAsync(HttpClient client, ClientSubmission submission)
    {
        var started = DateTimeOffset.UtcNow;
        try
        {
            using var response = await client.PostAsync(submission.Route, new StringContent(submission.Body, Encoding.UTF8, "application/json"));
            var text = await response.Content.ReadAsStringAsync();
            var mediaType = response.Content.Headers.ContentType?.MediaType;
            JsonObject? problem = null;
            if (!response.IsSuccessStatusCode && mediaType == "application/problem+json")
            {
                problem = JsonNode.Parse(text) as JsonObject;
            }
            if (response.StatusCode == HttpStatusCode.Accepted && (string?)JsonNode.Parse(text)?["id"] != submission.Id)
            {
                throw new InvalidOperationException($"A 202 for {submission.Id} named another id: {text}");
            }
            return new PostAttempt(submission.Id, response.StatusCode, RetryAfter(response.Headers.RetryAfter), mediaType, problem, started, DateTimeOffset.UtcNow, null);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            return new PostAttempt(submission.Id, null, null, null, null, started, DateTimeOffset.UtcNow, e.GetType().Name);
        }
    }

    private static string? RetryAfter(RetryConditionHeaderValue? value) =>
        value?.Delta is { } delta ? ((int)delta.TotalSeconds).ToString(CultureInfo.InvariantCulture) : value?.Date?.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>
    /// A client for the public routes of a host that may go away and come back on the same address,
    /// posting as a partner system (the host must have <see cref="HostSettings"/>).
    /// </summary>
    public static HttpClient PublicClient(Uri address) =>
        new() { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60), DefaultRequestHeaders = { { Intake.Testing.LocalHostProcess.PartnerKeyHeader, PartnerKey } } };

    /// <summary>The id in an urgent alert's Message-Id, <c>&lt;urgent-{id}-v{version}@mbcintake&gt;</c>.</summary>
    public static string? UrgentAlertId(string? messageId) =>
        messageId is { } m && m.StartsWith("<urgent-", StringComparison.Ordinal) && m.Length > 8 + 36 ? m.Substring(8, 36) : null;
}

/// <summary>
/// The service's tables and queues read straight from Azurite, as the staff API would not show them:
/// every list line (a duplicate line would be a second row), every history row, the pending marks.
/// </summary>
internal sealed class StorageProbe(string connectionString)
{
    private readonly TableServiceClient _tables = new(connectionString);
    private readonly QueueServiceClient _queues = new(connectionString);

    public QueueServiceClient Queues => _queues;

    public TableClient Table(string name) => _tables.GetTableClient(name);

    /// <summary>Every line on both lists: the submission's id and whether it is on the worklist.</summary>
    public async Task<List<(string Id, bool Worklist)>> LinesAsync()
    {
        var lines = new List<(string, bool)>();
        // Each list's lines are on its shelves, the tables named worklist… and screenedout… (docs/storage.md).
        foreach (var list in new[] { TeamList.Worklist, TeamList.ScreenedOut })
        {
            foreach (var shelf in await ListShelves.NamesAsync(_tables, list, CancellationToken.None))
            {
                await foreach (var e in Table(shelf).QueryAsync<TableEntity>(select: ["RowKey", "Id"]))
                {
                    lines.Add((e.GetString("Id"), list == TeamList.Worklist));
                }
            }
        }
        return lines;
    }

    /// <summary>The ids of every stored submission record.</summary>
    public async Task<HashSet<string>> RecordIdsAsync()
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var e in SubmissionTables.Of(_tables).QueryAllAsync("RowKey ge 'record-' and RowKey lt 'record.'", ["PartitionKey"]))
        {
            ids.Add(e.PartitionKey);
        }
        return ids;
    }

    /// <summary>How many history entries of each submission start with <paramref name="eventStart"/>.</summary>
    public async Task<Dictionary<string, int>> HistoryCountsAsync(string eventStart)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        await foreach (var e in SubmissionTables.Of(_tables).QueryAllAsync("RowKey ge 'history-' and RowKey lt 'history.'", ["PartitionKey", "Event"]))
        {
            if (e.GetString("Event").StartsWith(eventStart, StringComparison.Ordinal))
            {
                counts[e.PartitionKey] = counts.GetValueOrDefault(e.PartitionKey) + 1;
            }
        }
        return counts;
    }

    /// <summary>The ids still marked pending.</summary>
    public async Task<List<string>> PendingAsync()
    {
        return [.. await PendingMarks.Of(_tables).OlderThanAsync(DateTimeOffset.MaxValue, CancellationToken.None)];
    }

    /// <summary>Marks <paramref name="id"/> pending since <paramref name="since"/>, as the intake does.</summary>
    public Task MarkPendingAsync(string id, DateTimeOffset since) => PendingMarks.Of(_tables).MarkAsync(id, since, CancellationToken.None);

    /// <summary>Messages on <paramref name="queue"/>, invisible ones (being handled) included.</summary>
    public async Task<int> MessagesAsync(string queue) => (await _queues.GetQueueClient(queue).GetPropertiesAsync()).Value.ApproximateMessagesCount;

    /// <summary>Messages on the pre-check and alert queues and their poison queues.</summary>
    public async Task<(int Precheck, int Alerts, int Poison)> QueueCountsAsync() => (
        await MessagesAsync(StorageNames.PrecheckQueue),
        await MessagesAsync(StorageNames.AlertsQueue),
        await MessagesAsync(StorageNames.PrecheckQueue + StorageNames.PoisonSuffix) + await MessagesAsync(StorageNames.AlertsQueue + StorageNames.PoisonSuffix));
}

/// <summary>The end state every fault test demands of the submissions it got a 202 for.</summary>
internal static class NothingLostNothingDuplicated
{
    /// <summary>
    /// True once every id is on a list, nothing is pending or queued: the service has settled.
    /// </summary>
    public static async Task<bool> SettledAsync(StorageProbe storage, IReadOnlyCollection<string> ids)
    {
        var listed = (await storage.LinesAsync()).Select(l => l.Id).ToHashSet(StringComparer.Ordinal);
        if (!ids.All(listed.Contains) || (await storage.PendingAsync()).Count > 0)
        {
            return false;
        }
        var (precheck, alerts, _) = await storage.QueueCountsAsync();
        return precheck == 0 && alerts == 0;
    }

    /// <summary>
    /// Every id is on exactly one list, exactly once, the list it should be on; no line belongs to
    /// anything else; each has exactly one pre-check entry in its history; nothing is left pending
    /// or poisoned.
    /// </summary>
    public static async Task AssertAsync(StorageProbe storage, IReadOnlyDictionary<string, ClientSubmission> expected)
    {
        var lines = await storage.LinesAsync();
        var byId = lines.GroupBy(l => l.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var missing = expected.Keys.Where(id => !byId.ContainsKey(id)).ToList();
        var duplicated = byId.Where(g => g.Value.Count > 1).Select(g => g.Key).ToList();
        var strangers = byId.Keys.Where(id => !expected.ContainsKey(id)).ToList();
        var wrongList = expected.Values.Where(s => byId.TryGetValue(s.Id, out var l) && l.Count == 1 && l[0].Worklist != s.Worklist).Select(s => s.Id).ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} accepted submissions are on no list: {string.Join(", ", missing.Take(5))}");
        Assert.True(duplicated.Count == 0, $"{duplicated.Count} submissions have more than one list line: {string.Join(", ", duplicated.Take(5))}");
        Assert.True(strangers.Count == 0, $"{strangers.Count} list lines belong to no accepted submission: {string.Join(", ", strangers.Take(5))}");
        Assert.True(wrongList.Count == 0, $"{wrongList.Count} submissions are on the wrong list: {string.Join(", ", wrongList.Take(5))}");
        Assert.Equal(expected.Count, lines.Count);

        var prechecks = await storage.HistoryCountsAsync("Pre-checked");
        var notOnce = expected.Keys.Where(id => prechecks.GetValueOrDefault(id) != 1).ToList();
        Assert.True(notOnce.Count == 0,
            $"{notOnce.Count} submissions do not have exactly one pre-check entry: {string.Join(", ", notOnce.Take(5).Select(id => $"{id} ({prechecks.GetValueOrDefault(id)})"))}");

        var records = await storage.RecordIdsAsync();
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), records.Order(StringComparer.Ordinal));
        Assert.Empty(await storage.PendingAsync());
        Assert.Equal(0, (await storage.QueueCountsAsync()).Poison);
    }

    /// <summary>The same through the staff API: each id once on <c>/api/worklist</c> or <c>/api/screened-out</c>.</summary>
    public static async Task AssertThroughTheStaffApiAsync(HttpClient staff, IReadOnlyDictionary<string, ClientSubmission> expected)
    {
        async Task<List<string>> Ids(string route) => [.. (await TeamListPages.AllAsync(staff, route)).Select(i => (string)i!["id"]!)];
        var worklist = await Ids("/api/worklist");
        var screenedOut = await Ids("/api/screened-out");
        Assert.Equal(expected.Values.Where(s => s.Worklist).Select(s => s.Id).Order(StringComparer.Ordinal), worklist.Order(StringComparer.Ordinal));
        Assert.Equal(expected.Values.Where(s => !s.Worklist).Select(s => s.Id).Order(StringComparer.Ordinal), screenedOut.Order(StringComparer.Ordinal));
        var urgent = await Ids("/api/worklist?priority=Urgent");
        Assert.Equal(expected.Values.Where(s => s.Urgent).Select(s => s.Id).Order(StringComparer.Ordinal), urgent.Order(StringComparer.Ordinal));
    }
}
