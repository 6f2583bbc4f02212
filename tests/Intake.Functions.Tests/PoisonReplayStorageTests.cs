using System.Text.Json;
using Azure.Storage.Queues;
using Intake.Functions.Triggers;
using Intake.Functions.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;

namespace Intake.Functions.Tests;

/// <summary>Replaying a poison queue on Azurite (<see cref="QueuePoisonQueues.ReplayAsync"/> and its route).</summary>
[Collection(AzuriteCollection.Name)]
public sealed class PoisonReplayStorageTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;

    private QueueClient Queue(string name) => azurite.Queues.GetQueueClient(name);

    private async Task ClearAsync()
    {
        foreach (var name in StorageNames.Queues)
        {
            await Queue(name).ClearMessagesAsync(None);
        }
    }

    public Task InitializeAsync() => ClearAsync();

    public Task DisposeAsync() => ClearAsync();

    private static string Message() => $$"""{"submissionId":"{{TestData.NewId()}}"}""";

    private async Task<List<string>> DrainAsync(string queue)
    {
        var bodies = new List<string>();
        while ((await Queue(queue).ReceiveMessagesAsync(32, TimeSpan.FromMinutes(1), None)).Value is { Length: > 0 } batch)
        {
            bodies.AddRange(batch.Select(m => m.Body.ToString()));
        }
        return bodies;
    }

    [Fact]
    public async Task Replay_moves_every_poison_message_back_to_its_queue_unchanged_and_empties_the_poison_queue()
    {
        var sent = Enumerable.Range(0, 40).Select(_ => Message()).ToList();
        foreach (var body in sent)
        {
            await Queue(StorageNames.PrecheckQueue + StorageNames.PoisonSuffix).SendMessageAsync(body, None);
        }
        await Queue(StorageNames.AlertsQueue + StorageNames.PoisonSuffix).SendMessageAsync(Message(), None);

        var moved = await new QueuePoisonQueues(azurite.Queues).ReplayAsync(StorageNames.PrecheckQueue, None);

        Assert.Equal(40, moved);
        Assert.Equal(sent.Order(), (await DrainAsync(StorageNames.PrecheckQueue)).Order());
        var counts = await new QueuePoisonQueues(azurite.Queues).CountsAsync(None);
        Assert.Equal(0, counts["precheck"]);
        Assert.Equal(1, counts["alerts"]); // another queue's poison is left alone
    }

    [Theory]
    [InlineData("precheck-poison")]
    [InlineData("submissions")]
    [InlineData("' or PartitionKey ne '")]
    [InlineData("")]
    public async Task Replay_of_a_name_without_a_poison_queue_moves_nothing(string queue)
    {
        await Queue(StorageNames.PrecheckQueue + StorageNames.PoisonSuffix).SendMessageAsync(Message(), None);

        Assert.Null(await new QueuePoisonQueues(azurite.Queues).ReplayAsync(queue, None));
        Assert.Equal(1, (await new QueuePoisonQueues(azurite.Queues).CountsAsync(None))["precheck"]);
    }

    [Fact]
    public async Task Replay_of_a_poison_queue_not_yet_created_moves_nothing()
    {
        var alertsPoison = Queue(StorageNames.AlertsQueue + StorageNames.PoisonSuffix);
        await alertsPoison.DeleteIfExistsAsync(None);
        try
        {
            Assert.Equal(0, await new QueuePoisonQueues(azurite.Queues).ReplayAsync(StorageNames.AlertsQueue, None));
        }
        finally
        {
            await alertsPoison.CreateIfNotExistsAsync(cancellationToken: None);
        }
    }

    [Fact]
    public async Task The_replay_route_answers_the_count_moved_and_404_for_an_unknown_queue()
    {
        await Queue(StorageNames.AlertsQueue + StorageNames.PoisonSuffix).SendMessageAsync(Message(), None);
        var function = new PoisonReplayFunction(new QueuePoisonQueues(azurite.Queues), NullLogger<PoisonReplayFunction>.Instance);

        var request = HttpTesting.Post("");
        var replayed = await HttpTesting.ExecuteAsync(await function.ReplayPoison(request, "alerts", None), request);
        var unknownRequest = HttpTesting.Post("");
        var unknown = await HttpTesting.ExecuteAsync(await function.ReplayPoison(unknownRequest, "nothing", None), unknownRequest);

        Assert.Equal(StatusCodes.Status200OK, replayed.Status);
        using var body = JsonDocument.Parse(replayed.Body);
        Assert.Equal("alerts", body.RootElement.GetProperty("queue").GetString());
        Assert.Equal(1, body.RootElement.GetProperty("replayed").GetInt32());
        Assert.Single(await DrainAsync(StorageNames.AlertsQueue));
        Assert.Equal(StatusCodes.Status404NotFound, unknown.Status);
        Assert.StartsWith("application/problem+json", unknown.ContentType);
    }
}
