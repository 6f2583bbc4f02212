using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Intake.Functions.Storage;
using Intake.Testing;
using Microsoft.Extensions.Configuration;
using Moq;

namespace Intake.LocalHost.Tests;

/// <summary>Azurite and the local host with the reconciler held back, so only a replay can rescue a poison message.</summary>
public sealed class PoisonFixture : IAsyncLifetime
{
    public Azurite Azurite { get; private set; } = null!;

    public LocalHostProcess Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Azurite = await Azurite.StartAsync();
        Host = await LocalHostProcess.StartAsync(Azurite.ConnectionString, new Dictionary<string, string?>
        {
            ["Intake__ReconcileAfterMinutes"] = "1440",
        });
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Azurite.DisposeAsync();
        // Last, once everything is stopped: a leak anywhere in this fixture's tests fails the run.
        Host.AssertNoPatientDataInOutput();
        Host.AssertAnswersMatchTheApiDocument();
    }
}

/// <summary>
/// A pre-check that keeps failing (the lists' table is gone, as after an operator's mistake) ends in
/// the poison queue after host.json's maxDequeueCount tries, the team sees it in <c>/api/stats</c>,
/// and once the cause is fixed a replay routes the submission, once.
/// </summary>
public sealed class PoisonThroughTheLocalHostTests(PoisonFixture fixture) : IClassFixture<PoisonFixture>
{
    private LocalHostProcess Host => fixture.Host;

    private async Task<int> PoisonCountAsync() =>
        (await Host.Staff.GetFromJsonAsync<JsonObject>("/api/stats"))!["poisonMessages"]!["precheck"]!.GetValue<int>();

    [Fact]
    public async Task A_message_that_keeps_failing_is_poisoned_counted_in_stats_and_routed_once_when_replayed_after_the_fix()
    {
        var storage = StorageConnection.From(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [StorageConnection.SettingName] = fixture.Azurite.ConnectionString }).Build());
        var tables = storage.CreateTableServiceClient(new TableClientOptions());
        var queues = storage.CreateQueueServiceClient(new QueueClientOptions());
        var precheckPoison = queues.GetQueueClient(StorageNames.PrecheckQueue + StorageNames.PoisonSuffix);
        // A submission stored exactly as the public route stores it, its hand-off held back...
        var calendar = SiteCalendar.For(SiteCalendar.DefaultTimeZoneId, TimeProvider.System);
        using var body = JsonDocument.Parse(Bodies.Screening(Bodies.BaselineAnswers()).ToJsonString());
        var draft = SubmissionReader.Read(body.RootElement, SubmissionKind.SelfScreening, calendar.Today, new FieldErrors())!;
        var stored = await new SubmissionIntake(new TableSubmissionStore(tables), PendingMarks.Of(tables), Mock.Of<IPrecheckQueue>(), calendar, new PersonDigests(System.Text.Encoding.UTF8.GetBytes(LocalHostProcess.PersonKeyFor(fixture.Azurite.ConnectionString))))
            .AcceptAsync(draft, CancellationToken.None);
        var id = stored.Id;
        // ...then the lists' table is gone (an operator's mistake), and the hand-off is sent.
        await tables.DeleteTableAsync(StorageNames.TeamListsTable);
        await new QueuePrecheckQueue(queues).EnqueueAsync(id, CancellationToken.None);

        // maxDequeueCount (5) tries, each after host.json's visibilityTimeout (5 s).
        await Poll.UntilAsync(async () => await precheckPoison.ExistsAsync() && (await precheckPoison.GetPropertiesAsync()).Value.ApproximateMessagesCount == 1,
            TimeSpan.FromSeconds(90), "the message to reach the poison queue");

        await tables.CreateTableIfNotExistsAsync(StorageNames.TeamListsTable); // the fix
        Assert.Equal(1, await PoisonCountAsync());
        Assert.Empty((JsonArray)(await Host.Staff.GetFromJsonAsync<JsonObject>("/api/worklist"))!["items"]!);

        var replay = await Host.Staff.PostAsync("/api/poison/precheck/replay", content: null);

        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Equal(1, (await replay.Content.ReadFromJsonAsync<JsonObject>())!["replayed"]!.GetValue<int>());
        await Poll.UntilAsync(async () => ((JsonArray)(await Host.Staff.GetFromJsonAsync<JsonObject>("/api/worklist"))!["items"]!)
            .Any(item => item!["id"]!.GetValue<string>() == id), TimeSpan.FromSeconds(30), "the replayed submission to reach the worklist");
        Assert.Equal(0, await PoisonCountAsync());
        var file = (await Host.Staff.GetFromJsonAsync<JsonObject>($"/api/submissions/{id}"))!;
        Assert.Single((JsonArray)file["history"]!, h => h!["event"]!.GetValue<string>().StartsWith("Pre-checked", StringComparison.Ordinal));
        Assert.Single((JsonArray)(await Host.Staff.GetFromJsonAsync<JsonObject>("/api/worklist"))!["items"]!);
    }

    [Fact]
    public async Task Replaying_needs_the_key_and_a_known_queue()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await Host.Client.PostAsync("/api/poison/precheck/replay", content: null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Host.Staff.PostAsync("/api/poison/submissions/replay", content: null)).StatusCode);
    }
}
