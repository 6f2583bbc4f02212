using System.Text;
using System.Text.Json;
using Azure.Storage.Queues;
using Intake.Functions.Storage;

namespace Intake.Functions.Tests;

[Collection(AzuriteCollection.Name)]
public sealed class QueuePrecheckQueueTests(AzuriteFixture azurite)
{
    private static readonly CancellationToken None = CancellationToken.None;

    /// <summary>The queue as raw text, without the SDK's Base64 decoding: what the Functions trigger sees.</summary>
    private QueueClient RawQueue() =>
        new(azurite.ConnectionString, StorageNames.PrecheckQueue, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None });

    [Fact]
    public async Task Message_is_Base64_of_JSON_holding_the_submission_id_and_nothing_else()
    {
        var raw = RawQueue();
        await raw.ClearMessagesAsync(None);
        var id = TestData.NewId();

        await new QueuePrecheckQueue(azurite.Queues).EnqueueAsync(id, None);

        var message = Assert.Single((await raw.ReceiveMessagesAsync(maxMessages: 32, cancellationToken: None)).Value);
        var text = message.MessageText;
        var json = Encoding.UTF8.GetString(Convert.FromBase64String(text));
        Assert.Equal($$"""{"submissionId":"{{id}}"}""", json);
        using var document = JsonDocument.Parse(json);
        var member = Assert.Single(document.RootElement.EnumerateObject());
        Assert.Equal("submissionId", member.Name);
        Assert.Equal(id, member.Value.GetString());
        await raw.DeleteMessageAsync(message.MessageId, message.PopReceipt, None);
    }

    [Fact]
    public async Task Message_reads_back_as_the_trigger_payload_with_the_apps_own_client()
    {
        await RawQueue().ClearMessagesAsync(None);
        var id = TestData.NewId();

        await new QueuePrecheckQueue(azurite.Queues).EnqueueAsync(id, None);

        var queue = azurite.Queues.GetQueueClient(StorageNames.PrecheckQueue);
        var message = Assert.Single((await queue.ReceiveMessagesAsync(maxMessages: 32, cancellationToken: None)).Value);
        var request = message.Body.ToObjectFromJson<PrecheckRequest>(JsonSerializerOptions.Web);
        Assert.Equal(new PrecheckRequest(id), request);
        await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, None);
    }
}
