using System.Diagnostics;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Intake.Functions.Storage;
using Intake.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Intake.Functions.Tests;

/// <summary><see cref="StorageHealth"/> against a real Azurite, and against an endpoint where nothing listens.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class StorageHealthTests(AzuriteFixture azurite)
{
    private static StorageHealth Health(TableServiceClient tables, QueueServiceClient queues, TimeProvider? time = null, TimeSpan? timeout = null) =>
        new(tables, queues, time ?? TimeProvider.System, NullLogger<StorageHealth>.Instance) { Timeout = timeout ?? TimeSpan.FromSeconds(5) };

    /// <summary>Clients for an account on a loopback port where nothing listens (a stopped storage).</summary>
    private static (TableServiceClient Tables, QueueServiceClient Queues) Unreachable()
    {
        var port = FreePort.Next();
        var connection = $"DefaultEndpointsProtocol=http;AccountName={Azurite.Account};AccountKey={Azurite.Key};" +
                         $"TableEndpoint=http://127.0.0.1:{port}/{Azurite.Account};QueueEndpoint=http://127.0.0.1:{port}/{Azurite.Account};";
        return (new TableServiceClient(connection), new QueueServiceClient(connection));
    }

    [Fact]
    public async Task Storage_that_answers_is_healthy()
    {
        Assert.True(await Health(azurite.Tables, azurite.Queues).AnswersAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Storage_that_does_not_answer_is_not_healthy_within_the_timeout_whatever_the_SDKs_retries()
    {
        var (tables, queues) = Unreachable();
        var health = Health(tables, queues, timeout: TimeSpan.FromSeconds(1));
        var clock = Stopwatch.StartNew();

        Assert.False(await health.AnswersAsync(CancellationToken.None));
        // Printed, not asserted: the SDK's default retries alone would take several seconds.
        Console.WriteLine($"Unreachable storage reported after {clock.Elapsed.TotalSeconds:0.0} s (timeout 1 s).");
    }

    [Fact]
    public async Task One_answer_serves_every_caller_for_a_few_seconds_then_storage_is_asked_again()
    {
        var requests = new RequestCounter();
        var tables = new TableServiceClient(azurite.ConnectionString, requests.Options());
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var health = new StorageHealth(tables, azurite.Queues, time, NullLogger<StorageHealth>.Instance) { Reuse = TimeSpan.FromSeconds(5) };

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => health.AnswersAsync(CancellationToken.None)));
        Assert.All(answers, answered => Assert.True(answered));
        Assert.Equal(1, requests.Count);

        time.Advance(TimeSpan.FromSeconds(4));
        Assert.True(await health.AnswersAsync(CancellationToken.None));
        Assert.Equal(1, requests.Count);

        time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(await health.AnswersAsync(CancellationToken.None));
        Assert.Equal(2, requests.Count);
    }
}
