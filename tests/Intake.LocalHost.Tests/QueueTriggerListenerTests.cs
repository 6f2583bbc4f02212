using System.Text.Json;
using Azure.Storage.Queues;
using Intake.Functions.Storage;
using Intake.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Intake.LocalHost.Tests;

/// <summary>Starts one Azurite for the local host's queue tests.</summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    public Azurite Azurite { get; private set; } = null!;

    public QueueServiceClient Queues { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Azurite = await Azurite.StartAsync();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new(StorageConnection.SettingName, Azurite.ConnectionString)]).Build();
        Queues = StorageConnection.From(configuration).CreateQueueServiceClient(new QueueClientOptions());
    }

    public async Task DisposeAsync() => await Azurite.DisposeAsync();
}

/// <summary>The local host's queue trigger behaves as the Functions host's does, against a real Azurite.</summary>
public sealed class QueueTriggerListenerTests(AzuriteFixture storage) : IClassFixture<AzuriteFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private static FunctionInvoker Invoker(string method) => new(new FunctionMetadata
    {
        Name = method,
        ScriptFile = "Intake.LocalHost.Tests.dll",
        EntryPoint = $"{typeof(TestFunctions).FullName}.{method}",
        Bindings = [new BindingMetadata { Name = "message", Type = "queueTrigger", Direction = "In", QueueName = "unused" }],
    });

    private QueueTriggerListener Listener(string method, string queue, QueueSettings settings, TimeSpan invisibility) => new(
        Invoker(method), storage.Queues, queue, settings, new LocalHostOptions { MessageInvisibility = invisibility },
        new ServiceCollection().BuildServiceProvider(), NullLogger<QueueTriggerListener>.Instance);

    private async Task<QueueClient> NewQueueAsync(string name)
    {
        var queue = storage.Queues.GetQueueClient($"{name}-{Guid.NewGuid():N}"[..30]);
        await queue.CreateIfNotExistsAsync();
        await queue.SendMessageAsync(JsonSerializer.Serialize(new TestMessage("ada"), JsonSerializerOptions.Web));
        return queue;
    }

    private static async Task<int> VisibleCountAsync(QueueClient queue) => (await queue.PeekMessagesAsync(32)).Value.Length;

    [Fact]
    public async Task A_message_stays_invisible_while_its_function_runs_past_the_invisibility_and_is_deleted_only_after_it_returns()
    {
        TestFunctions.Started = new(TaskCreationOptions.RunContinuationsAsynchronously);
        TestFunctions.Release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        var queue = await NewQueueAsync("slow");
        var invisibility = TimeSpan.FromSeconds(2);
        using var listener = Listener(nameof(TestFunctions.Slow), queue.Name, new QueueSettings(), invisibility);
        await listener.StartAsync(CancellationToken.None);

        var message = await TestFunctions.Started.Task.WaitAsync(Deadline);
        Assert.Equal("ada", message.Name);

        // Hold the function for twice the invisibility: only the renewal keeps the message hidden that long.
        await Task.Delay(invisibility * 2);
        Assert.Equal(0, await VisibleCountAsync(queue));
        Assert.Equal(1, (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount);

        TestFunctions.Release.SetResult();
        await Poll.UntilAsync(async () => (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount == 0, Deadline, "the message to be deleted");
        await listener.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_message_that_keeps_failing_goes_to_the_poison_queue_after_maxDequeueCount_tries()
    {
        Interlocked.Exchange(ref TestFunctions.Failures, 0);
        var queue = await NewQueueAsync("fails");
        var poison = storage.Queues.GetQueueClient(queue.Name + "-poison");
        var settings = new QueueSettings { MaxDequeueCount = 3, VisibilityTimeout = TimeSpan.Zero };
        using var listener = Listener(nameof(TestFunctions.AlwaysFails), queue.Name, settings, TimeSpan.FromSeconds(30));
        await listener.StartAsync(CancellationToken.None);

        await Poll.UntilAsync(async () => await poison.ExistsAsync() && await VisibleCountAsync(poison) == 1, Deadline, "the message in the poison queue");
        await listener.StopAsync(CancellationToken.None);

        Assert.Equal(3, TestFunctions.Failures);
        Assert.Equal(1, listener.Poisoned);
        Assert.Equal(0, (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount);
        var moved = (await poison.ReceiveMessageAsync()).Value;
        Assert.Equal("ada", JsonSerializer.Deserialize<TestMessage>(moved.Body.ToString(), JsonSerializerOptions.Web)!.Name);
    }
}
