using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Intake.Functions.Storage;
using Intake.LocalHost;
using Intake.Testing;

namespace Intake.LocalHost.Tests;

/// <summary>
/// Azurite and the local host on it for the "nothing lost, nobody let in" tests (malformed bodies,
/// injection, access, replay, concurrent edits), with the storage clients to count what was stored.
/// </summary>
public sealed class AbuseFixture : IAsyncLifetime
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim _seeding = new(1, 1);
    private Seeded? _seeded;

    public Azurite Azurite { get; private set; } = null!;

    public LocalHostProcess Host { get; private set; } = null!;

    public TableServiceClient Tables { get; private set; } = null!;

    public QueueServiceClient Queues { get; private set; } = null!;

    /// <summary>Every HTTP function of functions.metadata, as the local host serves it.</summary>
    public static IReadOnlyList<FunctionMetadata> HttpFunctions { get; } =
        [.. FunctionMetadata.Load(Path.Combine(Path.GetDirectoryName(LocalHostProcess.Assembly)!, "functions.metadata")).Where(f => f.Trigger.Type == "httpTrigger")];

    public async Task InitializeAsync()
    {
        Azurite = await Azurite.StartAsync();
        Host = await LocalHostProcess.StartAsync(Azurite.ConnectionString);
        Tables = new TableServiceClient(Azurite.ConnectionString);
        Queues = new QueueServiceClient(Azurite.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Azurite.DisposeAsync();
        _seeding.Dispose();
        // Last, once everything is stopped: a leak anywhere in this fixture's tests fails the run.
        Host.AssertNoPatientDataInOutput();
        Host.AssertAnswersMatchTheApiDocument();
    }

    public static StringContent Json(JsonNode body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");

    /// <summary>The entities in <paramref name="table"/> now.</summary>
    public async Task<int> CountAsync(string table)
    {
        var count = 0;
        await foreach (var _ in Tables.GetTableClient(table).QueryAsync<TableEntity>(select: ["PartitionKey"]))
        {
            count++;
        }
        return count;
    }

    /// <summary>The messages in <paramref name="queue"/> now, those being handled included.</summary>
    public async Task<int> QueueLengthAsync(string queue) =>
        (await Queues.GetQueueClient(queue).GetPropertiesAsync()).Value.ApproximateMessagesCount;

    /// <summary>What storage holds, table by table (teamlists with its pending marks, and the lists' shelves), and the pre-check queue's length.</summary>
    public async Task<StorageCounts> CountStorageAsync() => new(
        await CountSubmissionRowsAsync(), await CountAsync(StorageNames.TeamListsTable) + await CountShelvedLinesAsync(),
        await QueueLengthAsync(StorageNames.PrecheckQueue));

    // The rows of every submissions table (a new store spreads them over sixteen, docs/storage.md).
    private async Task<int> CountSubmissionRowsAsync()
    {
        var count = 0;
        foreach (var table in StorageNames.SubmissionTableNames)
        {
            count += await CountAsync(table);
        }
        return count;
    }

    // The lines on the lists' shelves (the tables named worklist… and screenedout…, docs/storage.md).
    private async Task<int> CountShelvedLinesAsync()
    {
        var count = 0;
        foreach (var list in new[] { TeamList.Worklist, TeamList.ScreenedOut })
        {
            foreach (var shelf in await ListShelves.NamesAsync(Tables, list, CancellationToken.None))
            {
                count += await CountAsync(shelf);
            }
        }
        return count;
    }

    /// <summary>Waits until every submission posted so far is on a list: no pending mark, nothing on the pre-check queue.</summary>
    public Task QuietAsync() => Poll.UntilAsync(async () =>
        await QueueLengthAsync(StorageNames.PrecheckQueue) == 0
        && (await PendingMarks.Of(Tables).OlderThanAsync(DateTimeOffset.MaxValue, CancellationToken.None)).Count == 0, Deadline, "the pre-check queue to be empty");

    /// <summary>Posts <paramref name="body"/> to <paramref name="route"/> and returns the id of its 202.</summary>
    public async Task<string> PostAsync(string route, JsonObject body)
    {
        var response = await Host.Client.PostAsync(route, Json(body));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (string)(await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
    }

    /// <summary>Waits until submission <paramref name="id"/> is on a list, and returns its file.</summary>
    public Task<JsonObject> RoutedAsync(string id) => Poll.UntilAsync(async () =>
    {
        var submission = await Host.Staff.GetFromJsonAsync<JsonObject>($"/api/submissions/{id}");
        return (string?)submission!["status"] is "Routed" or "ScreenedOut" ? submission : null;
    }, Deadline, $"submission {id} to be routed");

    /// <summary>
    /// A self-screening and a referral (its referrer with an e-mail address), stored and routed once
    /// per fixture: real data that an injection or a missing key check would reveal.
    /// </summary>
    public async Task<Seeded> SeedAsync()
    {
        await _seeding.WaitAsync();
        try
        {
            if (_seeded is null)
            {
                var screening = await PostAsync("/api/screenings", SeededScreening());
                var referral = await PostAsync("/api/referrals", SeededReferral());
                await RoutedAsync(screening);
                await RoutedAsync(referral);
                _seeded = new Seeded(screening, referral);
            }
            return _seeded;
        }
        finally
        {
            _seeding.Release();
        }
    }

    private static JsonObject SeededScreening() => new()
    {
        ["answers"] = Bodies.BaselineAnswers(),
        ["contact"] = new JsonObject { ["name"] = "Seeded Screener", ["email"] = "seeded.screener@example.org", ["phone"] = "+1 507 555 0177" },
        ["consentToContact"] = true,
    };

    private static JsonObject SeededReferral() => new()
    {
        ["answers"] = Bodies.BaselineAnswers().With("oncologistConcerns", new JsonObject { ["seriousComorbidity"] = false, ["biopsySafetyRisk"] = false, ["hazardousCondition"] = false }),
        ["patient"] = new JsonObject { ["name"] = "Seeded Referred", ["phone"] = "+1 507 555 0178" },
        ["referrer"] = new JsonObject { ["name"] = "Dr. Seeded", ["institution"] = "Seeded Oncology", ["email"] = "dr.seeded@example.org" },
        ["patientAwareOfReferral"] = true,
    };
}

/// <summary>The fixture's two stored submissions, and what of them no unauthorised or injected request may show.</summary>
public sealed record Seeded(string ScreeningId, string ReferralId)
{
    /// <summary>Stored values, each of which must never appear in an answer that should not carry data.</summary>
    public IReadOnlyList<string> Secrets =>
    [
        ScreeningId, ReferralId, "Seeded Screener", "seeded.screener@example.org", "507 555 0177",
        "Seeded Referred", "507 555 0178", "Dr. Seeded", "Seeded Oncology", "dr.seeded@example.org",
    ];

    /// <summary>The first stored value <paramref name="text"/> shows, or <c>null</c>.</summary>
    public string? Revealed(string text) => Secrets.FirstOrDefault(s => text.Contains(s, StringComparison.OrdinalIgnoreCase));
}

/// <summary>What storage holds: entities per table and the pre-check queue's messages.</summary>
public sealed record StorageCounts(int Submissions, int TeamLists, int PrecheckMessages);

[CollectionDefinition(Name)]
public sealed class AbuseCollection : ICollectionFixture<AbuseFixture>
{
    public const string Name = "abuse";
}
