using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Intake.Functions.Storage;
using Intake.Testing;

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
    }
}

/// <summary>
/// A message that keeps failing (the lists' table is gone, as after an operator's mistake) ends in
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
        var tables = new TableServiceClient(fixture.Azurite.ConnectionString);
        var precheckPoison = new QueueClient(fixture.Azurite.ConnectionString, StorageNames.PrecheckQueue + StorageNames.PoisonSuffix);
        await tables.DeleteTableAsync(StorageNames.TeamListsTable);

        var posted = await Host.Client.PostAsJsonAsync("/api/screenings", Bodies.Screening(Bodies.BaselineAnswers()));
        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        var id = (await posted.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();

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
