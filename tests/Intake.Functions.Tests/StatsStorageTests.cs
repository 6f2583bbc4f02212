using Azure.Storage.Queues;
using Intake.Functions.Triggers;
using Intake.Functions.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Intake.Functions.Tests;

/// <summary>
/// <c>GET /api/stats</c> on Azurite: the poison-queue counts, and the whole report over the real lists.
/// The lists and the pending marks are shared with other tests, so the lines here are received in
/// 2001 (no other test's range) and the pending count is compared before and after.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class StatsStorageTests(AzuriteFixture azurite)
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly TimeSpan Cst = TimeSpan.FromHours(-6);

    private QueueClient Queue(string name) => azurite.Queues.GetQueueClient(name);

    private async Task ClearPoisonQueuesAsync()
    {
        foreach (var name in StorageNames.Queues.Where(q => q.EndsWith(StorageNames.PoisonSuffix, StringComparison.Ordinal)))
        {
            await Queue(name).ClearMessagesAsync(None);
        }
    }

    private async Task SendAsync(string queue, int count)
    {
        for (var i = 0; i < count; i++)
        {
            await Queue(queue).SendMessageAsync($$"""{"submissionId":"{{TestData.NewId()}}"}""", None);
        }
    }

    [Fact]
    public async Task Poison_counts_are_the_messages_of_each_poison_queue_keyed_by_the_queue_they_failed_on()
    {
        await ClearPoisonQueuesAsync();
        try
        {
            await SendAsync(StorageNames.PrecheckQueue + StorageNames.PoisonSuffix, 3);
            await SendAsync(StorageNames.AlertsQueue + StorageNames.PoisonSuffix, 1);
            await SendAsync(StorageNames.PrecheckQueue, 2); // not poison: not counted

            var counts = await new QueuePoisonQueues(azurite.Queues).CountsAsync(None);

            Assert.Equal([new("precheck", 3), new("alerts", 1)], counts.ToArray());
        }
        finally
        {
            await ClearPoisonQueuesAsync();
            await Queue(StorageNames.PrecheckQueue).ClearMessagesAsync(None);
        }
    }

    [Fact]
    public async Task A_poison_queue_not_yet_created_counts_zero()
    {
        var alertsPoison = Queue(StorageNames.AlertsQueue + StorageNames.PoisonSuffix);
        await ClearPoisonQueuesAsync();
        await alertsPoison.DeleteIfExistsAsync(None);
        try
        {
            await SendAsync(StorageNames.PrecheckQueue + StorageNames.PoisonSuffix, 1);

            var counts = await new QueuePoisonQueues(azurite.Queues).CountsAsync(None);

            Assert.Equal(1, counts["precheck"]);
            Assert.Equal(0, counts["alerts"]);
        }
        finally
        {
            await alertsPoison.CreateIfNotExistsAsync(cancellationToken: None);
            await ClearPoisonQueuesAsync();
        }
    }

    [Fact]
    public async Task GetStats_reports_the_lines_of_the_range_the_submissions_awaiting_precheck_and_the_poison_counts()
    {
        var lists = new TableTeamLists(azurite.Tables, TestData.PersonDigests);
        var pending = new TableTeamLists(azurite.Tables, TestData.PersonDigests);
        var calendar = TestData.Calendar(new ManualClock(new DateTimeOffset(2001, 4, 1, 12, 0, 0, TimeSpan.Zero)));
        var function = new StatsFunction(new FunnelReader(lists, pending, new QueuePoisonQueues(azurite.Queues), new MemoryPassOutcomes(), calendar), calendar);
        async Task<System.Text.Json.JsonElement> StatsAsync()
        {
            var request = HttpTesting.Get(query: new Dictionary<string, StringValues> { ["from"] = "2001-03-01", ["to"] = "2001-03-31" });
            var answer = await HttpTesting.ExecuteAsync(await function.GetStats(request, None), request);
            Assert.Equal(StatusCodes.Status200OK, answer.Status);
            return answer.Json();
        }

        await ClearPoisonQueuesAsync();
        var awaitingBefore = (await StatsAsync()).GetProperty("awaitingPrecheck").GetInt32();
        var person = TestData.NewId();
        var screening = TestData.Line(person, SubmissionKind.SelfScreening, PrecheckResult.LikelyIneligible, null,
            new DateTimeOffset(2001, 3, 5, 9, 0, 0, Cst), null, TeamStatus.New, "Not met: I8", ["I8: ECOG 3 is above the protocol's limit of 2."]);
        var referral = TestData.Line(TestData.NewId(), SubmissionKind.Referral, PrecheckResult.LikelyEligible, Priority.High,
            new DateTimeOffset(2001, 3, 31, 23, 30, 0, Cst), null, TeamStatus.Contacted, "Every criterion the answers can settle is met", []) with
        {
            PersonId = person,
            FirstContactAt = new DateTimeOffset(2001, 4, 1, 1, 30, 0, Cst),
        };
        var later = TestData.Line(TestData.NewId(), SubmissionKind.SelfScreening, PrecheckResult.LikelyEligible, Priority.High,
            new DateTimeOffset(2001, 4, 1, 0, 30, 0, Cst), null, TeamStatus.New, "after the range", []);
        string[] marks = [TestData.NewId(), TestData.NewId()];
        try
        {
            foreach (var line in new[] { screening, referral, later })
            {
                await lists.PutAsync(line, replacing: null, None);
            }
            foreach (var id in marks)
            {
                // One marked long ago, one just now: both are awaiting their pre-check.
                await pending.MarkAsync(id, id == marks[0] ? new DateTimeOffset(2001, 1, 1, 0, 0, 0, TimeSpan.Zero) : DateTimeOffset.UtcNow, None);
            }
            await SendAsync(StorageNames.PrecheckQueue + StorageNames.PoisonSuffix, 2);

            var json = await StatsAsync();

            Assert.Equal(2, json.GetProperty("submissions").GetProperty("total").GetInt32());
            Assert.Equal(1, json.GetProperty("submissions").GetProperty("referral").GetInt32());
            Assert.Equal(1, json.GetProperty("people").GetInt32());
            Assert.Equal(awaitingBefore + 2, json.GetProperty("awaitingPrecheck").GetInt32());
            Assert.Equal(1, json.GetProperty("precheckResults").GetProperty("LikelyEligible").GetInt32());
            Assert.Equal(0, json.GetProperty("precheckResults").GetProperty("LikelyIneligible").GetInt32());
            Assert.Equal(0, json.GetProperty("notMet").GetProperty("I8").GetInt32());
            Assert.Equal(1, json.GetProperty("worklist").GetProperty("teamStatus").GetProperty("Contacted").GetInt32());
            // From the person's first submission (5 March 09:00) to the first contact (1 April 01:30): 640.5 hours.
            Assert.Equal(640.5, json.GetProperty("timeToFirstContact").GetProperty("medianHours").GetDouble());
            Assert.Equal(2, json.GetProperty("poisonMessages").GetProperty("precheck").GetInt32());
            Assert.Equal(0, json.GetProperty("poisonMessages").GetProperty("alerts").GetInt32());
        }
        finally
        {
            foreach (var id in marks)
            {
                await pending.ClearAsync(id, None);
            }
            await ClearPoisonQueuesAsync();
        }
    }
}
