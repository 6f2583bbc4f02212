using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Azure.Storage.Queues;
using Intake.Functions.Storage;
using Intake.Functions.Telemetry;

namespace Intake.Functions.Tests;

[Collection(AzuriteCollection.Name)]
public sealed class QueuePrecheckQueueTests(AzuriteFixture azurite)
{
    private static readonly CancellationToken None = CancellationToken.None;

    /// <summary>The queue as raw text, without the SDK's Base64 decoding: what the Functions trigger sees.</summary>
    private QueueClient RawQueue() =>
        new(azurite.ConnectionString, StorageNames.PrecheckQueue, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None });

    [Fact]
    public async Task Message_is_Base64_of_JSON_holding_the_submission_id_and_at_most_a_W3C_traceparent()
    {
        var raw = RawQueue();
        await raw.ClearMessagesAsync(None);
        var id = TestData.NewId();

        await new QueuePrecheckQueue(azurite.Queues).EnqueueAsync(id, None);

        var message = Assert.Single((await raw.ReceiveMessagesAsync(maxMessages: 32, cancellationToken: None)).Value);
        var json = Encoding.UTF8.GetString(Convert.FromBase64String(message.MessageText));
        using var document = JsonDocument.Parse(json);
        var members = document.RootElement.EnumerateObject().ToDictionary(m => m.Name, m => m.Value.GetString());
        Assert.Equal(id, members["submissionId"]);
        // Untraced (no listener) there is no traceparent; another test's listener may trace this send.
        Assert.Empty(members.Keys.Except(["submissionId", "traceparent"]));
        if (members.TryGetValue("traceparent", out var traceparent))
        {
            Assert.Matches("^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$", traceparent);
        }
        await raw.DeleteMessageAsync(message.MessageId, message.PopReceipt, None);
    }

    [Fact]
    public async Task A_traced_send_puts_its_own_span_in_the_caller_trace_and_its_traceparent_in_the_message()
    {
        var raw = RawQueue();
        await raw.ClearMessagesAsync(None);
        var id = TestData.NewId();
        var spans = new System.Collections.Concurrent.ConcurrentQueue<Activity>();
        using var caller = new ActivitySource("Intake.Functions.Tests.Caller");
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == IntakeTelemetry.Name || source == caller,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);

        using (caller.StartActivity("POST /api/screenings"))
        {
            await new QueuePrecheckQueue(azurite.Queues).EnqueueAsync(id, None);
        }

        var send = Assert.Single(spans, s => s.Source.Name == IntakeTelemetry.Name && (string?)s.GetTagItem(IntakeTelemetry.SubmissionIdTag) == id);
        var post = Assert.Single(spans, s => s.Source == caller);
        Assert.Equal("send precheck", send.DisplayName);
        Assert.Equal(ActivityKind.Producer, send.Kind);
        Assert.Equal(post.SpanId, send.ParentSpanId);
        var message = Assert.Single((await raw.ReceiveMessagesAsync(maxMessages: 32, cancellationToken: None)).Value);
        var request = PrecheckRequest.Read(new BinaryData(Convert.FromBase64String(message.MessageText)));
        Assert.Equal(new PrecheckRequest(id, send.Id), request);
        await raw.DeleteMessageAsync(message.MessageId, message.PopReceipt, None);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("null")]
    public void A_body_that_is_not_a_pre_check_request_fails_to_read_without_echoing_it(string body)
    {
        var error = Assert.Throws<ArgumentException>(() => PrecheckRequest.Read(BinaryData.FromString(body)));

        Assert.DoesNotContain(body, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Message_reads_back_as_the_trigger_payload_with_the_apps_own_client()
    {
        await RawQueue().ClearMessagesAsync(None);
        var id = TestData.NewId();

        await new QueuePrecheckQueue(azurite.Queues).EnqueueAsync(id, None);

        var queue = azurite.Queues.GetQueueClient(StorageNames.PrecheckQueue);
        var message = Assert.Single((await queue.ReceiveMessagesAsync(maxMessages: 32, cancellationToken: None)).Value);
        var request = PrecheckRequest.Read(message.Body);
        Assert.Equal(id, request.SubmissionId);
        await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, None);
    }
}
