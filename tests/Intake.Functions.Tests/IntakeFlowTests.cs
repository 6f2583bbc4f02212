using System.Text.Json;
using Azure;
using Intake.Functions.Http;
using Intake.Functions.Http.Responses;
using Intake.Functions.Storage;
using Moq;

namespace Intake.Functions.Tests;

/// <summary>
/// <see cref="SubmissionIntake"/>, <see cref="PrecheckRouting"/> and <see cref="Reconciliation"/>
/// wired by hand on the real Table Storage stores (Azurite), with a clock the test moves.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class IntakeFlowTests(AzuriteFixture azurite)
{
    private static readonly CancellationToken None = CancellationToken.None;

    private sealed class Rig
    {
        public Rig(AzuriteFixture azurite, DateTimeOffset? start = null, IPrecheckQueue? queue = null)
        {
            Clock = new ManualClock(start ?? DateTimeOffset.UtcNow);
            Calendar = TestData.Calendar(Clock);
            Store = new TableSubmissionStore(azurite.Tables);
            Lists = new TableTeamLists(azurite.Tables, TestData.PersonDigests, Clock);
            Pending = new TableTeamLists(azurite.Tables, TestData.PersonDigests, Clock);
            Queue.Setup(q => q.EnqueueAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);
            Intake = new SubmissionIntake(Store, Pending, queue ?? Queue.Object, Calendar, TestData.PersonDigests);
            Changes = new SubmissionChanges(Store, Lists, Alerts.Object, Calendar);
            Routing = new PrecheckRouting(Changes, new PersonLinking(new TableTeamLists(azurite.Tables, TestData.PersonDigests)), TestData.Engine);
            Reconciler = new Reconciliation(Pending, Pending, Store, queue ?? Queue.Object, Changes, Calendar, new MemoryPassOutcomes()) { Grace = TimeSpan.FromMinutes(2) };
        }

        public ManualClock Clock { get; }
        public SiteCalendar Calendar { get; }
        public TableSubmissionStore Store { get; }
        public TableTeamLists Lists { get; }
        public TableTeamLists Pending { get; }
        public Mock<IPrecheckQueue> Queue { get; } = new(MockBehavior.Strict);
        public Mock<IAlertQueue> Alerts { get; } = new();
        public SubmissionChanges Changes { get; }
        public SubmissionIntake Intake { get; }
        public PrecheckRouting Routing { get; }
        public Reconciliation Reconciler { get; }

        public int Enqueued(string id) => Queue.Invocations.Count(i => i.Method.Name == nameof(IPrecheckQueue.EnqueueAsync) && (string)i.Arguments[0] == id);

        public async Task<SubmissionFile> FileAsync(string id) => await Store.GetFileAsync(id, None) ?? throw new Xunit.Sdk.XunitException($"Submission {id} is not stored.");

        public async Task<bool> IsPendingAsync(string id) => (await Pending.OlderThanAsync(DateTimeOffset.MaxValue.AddDays(-1), None)).Contains(id);

        /// <summary>Every line of <paramref name="id"/> on both lists.</summary>
        public async Task<(WorklistItem[] Worklist, WorklistItem[] ScreenedOut)> LinesAsync(string id) => (
            [.. (await Lists.ListAsync(TeamList.Worklist, new WorklistFilter(), None)).Where(i => i.Id == id)],
            [.. (await Lists.ListAsync(TeamList.ScreenedOut, new WorklistFilter(), None)).Where(i => i.Id == id)]);
    }

    /// <summary>What <c>GET /api/submissions/{id}</c> would answer: every field, history included.</summary>
    private static string Wire(SubmissionFile file) => ApiJson.Ok(SubmissionFileResponse.Of(file, []), ResponseJson.Default.SubmissionFileResponse).Content!;

    private static string Wire(IReadOnlyList<WorklistItem> items) => ApiJson.Ok(ListPage.Of(new WorklistPage(items, new Dictionary<string, Contact>(), null), withReasons: true), ResponseJson.Default.ListPage).Content!;

    private static int PrecheckedEntries(SubmissionFile file) => file.History.Count(h => h.Event.StartsWith("Pre-checked", StringComparison.Ordinal));

    [Fact]
    public async Task Same_id_and_same_body_twice_is_stored_once_with_one_history_entry_and_both_are_accepted()
    {
        var rig = new Rig(azurite);
        var id = TestData.NewId();

        var first = await rig.Intake.AcceptAsync(TestData.Draft(id), None);
        rig.Clock.Advance(TimeSpan.FromSeconds(5));
        var second = await rig.Intake.AcceptAsync(TestData.Draft(id), None);

        Assert.Equal(new IntakeResult(id, true), first);
        Assert.Equal(new IntakeResult(id, true), second);
        var file = await rig.FileAsync(id);
        var entry = Assert.Single(file.History);
        Assert.Equal("Self-screening received", entry.Event);
        Assert.Equal(Actors.Public, entry.By);
        Assert.Equal(1, file.Submission.Version);
        Assert.Equal(SubmissionStatus.Received, file.Submission.Status);
        Assert.Equal(TestData.Contact, file.Contact);
        Assert.True(rig.Enqueued(id) >= 1);
        Assert.True(await rig.IsPendingAsync(id));
    }

    [Fact]
    public async Task Same_id_with_a_different_body_is_not_accepted_and_the_first_is_unchanged()
    {
        var rig = new Rig(azurite);
        var id = TestData.NewId();
        await rig.Intake.AcceptAsync(TestData.Draft(id), None);
        var before = Wire(await rig.FileAsync(id));

        var differentContact = await rig.Intake.AcceptAsync(TestData.Draft(id, contact: TestData.Contact with { Phone = "+1 507 555 0101" }), None);
        var differentAnswers = await rig.Intake.AcceptAsync(TestData.Draft(id, answers: TestData.Baseline with { Ecog = 2 }), None);

        Assert.Equal(new IntakeResult(id, false), differentContact);
        Assert.Equal(new IntakeResult(id, false), differentAnswers);
        Assert.Equal(before, Wire(await rig.FileAsync(id)));
        Assert.Equal(1, rig.Enqueued(id));
    }

    [Fact]
    public async Task Same_body_again_after_routing_is_handed_off_again_and_its_precheck_only_clears_the_new_mark()
    {
        var rig = new Rig(azurite);
        var id = TestData.NewId();
        await rig.Intake.AcceptAsync(TestData.Draft(id), None);
        await rig.Routing.HandleAsync(id, None);
        var before = Wire(await rig.FileAsync(id));

        var again = await rig.Intake.AcceptAsync(TestData.Draft(id), None);

        Assert.Equal(new IntakeResult(id, true), again);
        Assert.Equal(2, rig.Enqueued(id));
        Assert.Contains(id, await rig.Pending.OlderThanAsync(DateTimeOffset.MaxValue, None));
        Assert.Equal(RoutingOutcome.AlreadyRouted, await rig.Routing.HandleAsync(id, None));
        Assert.Equal(before, Wire(await rig.FileAsync(id)));
        Assert.Single((await rig.LinesAsync(id)).Worklist);
        Assert.DoesNotContain(id, await rig.Pending.OlderThanAsync(DateTimeOffset.MaxValue, None));
    }

    [Fact]
    public async Task Precheck_routes_a_likely_eligible_submission_to_the_worklist_and_clears_its_mark()
    {
        var rig = new Rig(azurite);
        var id = TestData.NewId();
        await rig.Intake.AcceptAsync(TestData.Draft(id), None);

        Assert.Equal(RoutingOutcome.Routed, await rig.Routing.HandleAsync(id, None));

        var file = await rig.FileAsync(id);
        Assert.Equal(SubmissionStatus.Routed, file.Submission.Status);
        Assert.Equal(2, file.Submission.Version);
        Assert.Equal(PrecheckResult.LikelyEligible, file.Submission.Precheck?.Result);
        Assert.Equal(Priority.High, file.Submission.Precheck?.Priority);
        Assert.Equal(file.Submission.ReceivedOn, file.Submission.Precheck?.Today);
        Assert.Equal(2, file.History.Count);
        Assert.Equal(1, PrecheckedEntries(file));
        Assert.Equal(Actors.System, file.History[1].By);
        var (worklist, screenedOut) = await rig.LinesAsync(id);
        var line = Assert.Single(worklist);
        Assert.Equal(Priority.High, line.Priority);
        Assert.Empty(screenedOut);
        Assert.False(await rig.IsPendingAsync(id));
    }

    [Fact]
    public async Task Precheck_puts_a_likely_ineligible_submission_on_the_screened_out_list_with_its_reasons()
    {
        var rig = new Rig(azurite);
        var id = TestData.NewId();
        await rig.Intake.AcceptAsync(TestData.Draft(id, answers: TestData.Ineligible), None);

        Assert.Equal(RoutingOutcome.Routed, await rig.Routing.HandleAsync(id, None));

        var file = await rig.FileAsync(id);
        Assert.Equal(SubmissionStatus.ScreenedOut, file.Submission.Status);
        var (worklist, screenedOut) = await rig.LinesAsync(id);
        Assert.Empty(worklist);
        var line = Assert.Single(screenedOut);
        Assert.Equal(PrecheckResult.LikelyIneligible, line.Result);
        Assert.Null(line.Priority);
        Assert.Contains(line.NotMetReasons, r => r.StartsWith("I1:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Handling_the_same_precheck_message_twice_leaves_the_same_state_and_history_as_once()
    {
        var rig = new Rig(azurite);
        var id = TestData.NewId();
        await rig.Intake.AcceptAsync(TestData.Draft(id), None);
        Assert.Equal(RoutingOutcome.Routed, await rig.Routing.HandleAsync(id, None));
        var onceFile = Wire(await rig.FileAsync(id));
        var onceLines = await rig.LinesAsync(id);

        rig.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(RoutingOutcome.AlreadyRouted, await rig.Routing.HandleAsync(id, None));

        var twice = await rig.FileAsync(id);
        Assert.Equal(onceFile, Wire(twice));
        Assert.Equal(1, PrecheckedEntries(twice));
        var twiceLines = await rig.LinesAsync(id);
        Assert.Single(twiceLines.Worklist);
        Assert.Equal(Wire(onceLines.Worklist), Wire(twiceLines.Worklist));
        Assert.Empty(twiceLines.ScreenedOut);
        Assert.False(await rig.IsPendingAsync(id));
    }

    [Fact]
    public async Task Two_deliveries_of_the_same_message_at_once_route_it_once()
    {
        var rig = new Rig(azurite);
        var id = TestData.NewId();
        await rig.Intake.AcceptAsync(TestData.Draft(id), None);

        var outcomes = await Task.WhenAll(rig.Routing.HandleAsync(id, None), rig.Routing.HandleAsync(id, None));

        Assert.Single(outcomes, o => o == RoutingOutcome.Routed);
        Assert.Single(outcomes, o => o == RoutingOutcome.AlreadyRouted);
        var file = await rig.FileAsync(id);
        Assert.Equal(2, file.History.Count);
        Assert.Equal(1, PrecheckedEntries(file));
        Assert.Single((await rig.LinesAsync(id)).Worklist);
    }

    [Fact]
    public async Task First_precheck_uses_the_receipt_date_at_the_site_even_when_the_queue_delay_crosses_midnight()
    {
        // 23:50 in Chicago on 2026-11-26 (05:50 UTC on the 27th).
        var rig = new Rig(azurite, new DateTimeOffset(2026, 11, 26, 23, 50, 0, TimeSpan.FromHours(-6)));
        var id = TestData.NewId();
        await rig.Intake.AcceptAsync(TestData.Draft(id), None);

        rig.Clock.Advance(TimeSpan.FromMinutes(20));
        await rig.Routing.HandleAsync(id, None);

        var file = await rig.FileAsync(id);
        Assert.Equal(new DateOnly(2026, 11, 26), file.Submission.ReceivedOn);
        Assert.Equal(new DateOnly(2026, 11, 26), file.Submission.Precheck?.Today);
        Assert.Equal(rig.Clock.GetUtcNow(), file.Submission.EvaluatedAt);
    }

    [Fact]
    public async Task Reconciler_requeues_a_submission_whose_queue_send_was_lost_after_the_grace_and_routing_it_then_happens_once()
    {
        var rig = new Rig(azurite);
        var id = TestData.NewId();
        var sends = 0;
        rig.Queue.Setup(q => q.EnqueueAsync(id, It.IsAny<CancellationToken>()))
            .Returns(() => Interlocked.Increment(ref sends) == 1
                ? Task.FromException(new RequestFailedException(503, "The queue is unavailable."))
                : Task.CompletedTask);

        // The send fails after the submission is stored: it is accepted (stored is what a 202 promises), not queued.
        var result = await rig.Intake.AcceptAsync(TestData.Draft(id), None);
        Assert.True(result.Accepted);
        Assert.False(result.Queued);
        Assert.Equal(SubmissionStatus.Received, (await rig.FileAsync(id)).Submission.Status);
        Assert.True(await rig.IsPendingAsync(id));

        // Within the grace the reconciler leaves it alone: its message may still be on its way.
        await rig.Reconciler.RunAsync(None);
        Assert.Equal(1, rig.Enqueued(id));

        rig.Clock.Advance(rig.Reconciler.Grace + TimeSpan.FromSeconds(1));
        var report = await rig.Reconciler.RunAsync(None);

        Assert.True(report.Requeued >= 1);
        Assert.Equal(2, rig.Enqueued(id));

        // The requeued message arrives.
        Assert.Equal(RoutingOutcome.Routed, await rig.Routing.HandleAsync(id, None));
        var file = await rig.FileAsync(id);
        Assert.Equal(SubmissionStatus.Routed, file.Submission.Status);
        Assert.Equal(1, PrecheckedEntries(file));
        Assert.Single((await rig.LinesAsync(id)).Worklist);
        Assert.False(await rig.IsPendingAsync(id));

        // Later passes find nothing more to do for it.
        rig.Clock.Advance(TimeSpan.FromHours(1));
        await rig.Reconciler.RunAsync(None);
        Assert.Equal(2, rig.Enqueued(id));
        Assert.Equal(1, PrecheckedEntries(await rig.FileAsync(id)));
    }

    [Fact]
    public async Task Reconciler_requeues_a_submission_whose_message_silently_vanished_once_per_grace()
    {
        var rig = new Rig(azurite);
        var id = TestData.NewId();
        await rig.Intake.AcceptAsync(TestData.Draft(id), None); // the mock queue drops it
        Assert.Equal(1, rig.Enqueued(id));

        rig.Clock.Advance(rig.Reconciler.Grace + TimeSpan.FromSeconds(1));
        await rig.Reconciler.RunAsync(None);
        Assert.Equal(2, rig.Enqueued(id));

        // Marked again from now: the next pass within the grace does not send another copy.
        await rig.Reconciler.RunAsync(None);
        Assert.Equal(2, rig.Enqueued(id));

        rig.Clock.Advance(rig.Reconciler.Grace + TimeSpan.FromSeconds(1));
        await rig.Reconciler.RunAsync(None);
        Assert.Equal(3, rig.Enqueued(id));
    }

    [Fact]
    public async Task Reconciler_lists_again_a_prechecked_submission_whose_listing_was_lost()
    {
        var rig = new Rig(azurite);
        var id = TestData.NewId();
        await rig.Intake.AcceptAsync(TestData.Draft(id), None);
        // The process dies between pre-checking and listing: the record is routed, the list line and mark are not done.
        var stored = (await rig.Store.GetAsync(id, None))!;
        var precheck = TestData.Engine.Evaluate(stored.Answers, stored.ReceivedOn);
        Assert.True(await rig.Store.TryUpdateAsync(stored with { Precheck = precheck, EvaluatedAt = rig.Clock.GetUtcNow(), Status = SubmissionStatus.Routed, Version = 2 },
            new HistoryEntry(rig.Clock.GetUtcNow(), PrecheckRouting.Describe(precheck), Actors.System), None));
        Assert.Empty((await rig.LinesAsync(id)).Worklist);

        rig.Clock.Advance(rig.Reconciler.Grace + TimeSpan.FromSeconds(1));
        var report = await rig.Reconciler.RunAsync(None);

        Assert.True(report.Relisted >= 1);
        Assert.Single((await rig.LinesAsync(id)).Worklist);
        Assert.False(await rig.IsPendingAsync(id));
        Assert.Equal(1, rig.Enqueued(id));
        Assert.Equal(1, PrecheckedEntries(await rig.FileAsync(id)));
    }

    [Fact]
    public async Task A_write_that_outlasts_the_grace_and_whose_queue_send_fails_is_marked_again_and_queued_by_the_reconciler()
    {
        var rig = new Rig(azurite);
        var id = TestData.NewId();
        var gated = new GatedStore(rig.Store);
        var failingQueue = new Mock<IPrecheckQueue>();
        failingQueue.Setup(q => q.EnqueueAsync(id, It.IsAny<CancellationToken>())).ThrowsAsync(new RequestFailedException(503, "The queue is unavailable."));
        var intake = new SubmissionIntake(gated, rig.Pending, failingQueue.Object, rig.Calendar, TestData.PersonDigests);

        // The post marks the submission pending, then its write hangs (the SDK retrying).
        var posting = intake.AcceptAsync(TestData.Draft(id), None);
        await gated.Entered.Task.WaitAsync(TimeSpan.FromSeconds(30));

        // Past the grace, the reconciler finds a mark without a record: a post that failed before its answer.
        rig.Clock.Advance(rig.Reconciler.Grace + TimeSpan.FromSeconds(1));
        Assert.True((await rig.Reconciler.RunAsync(None)).Abandoned >= 1);
        Assert.False(await rig.IsPendingAsync(id));

        // The write then commits, and the queue send fails: the client is given a 202.
        gated.Release.SetResult();
        var result = await posting.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(new IntakeResult(id, Accepted: true, Queued: false), result);

        // Marked again from the moment the send failed, so the reconciler queues it after the grace.
        Assert.True(await rig.IsPendingAsync(id));
        await rig.Reconciler.RunAsync(None);
        Assert.Equal(0, rig.Enqueued(id));
        rig.Clock.Advance(rig.Reconciler.Grace + TimeSpan.FromSeconds(1));
        Assert.True((await rig.Reconciler.RunAsync(None)).Requeued >= 1);
        Assert.Equal(1, rig.Enqueued(id));
        Assert.Equal(RoutingOutcome.Routed, await rig.Routing.HandleAsync(id, None));
        Assert.Single((await rig.LinesAsync(id)).Worklist);
        Assert.False(await rig.IsPendingAsync(id));
    }

    [Fact]
    public async Task A_reconciler_pass_with_an_unreadable_submission_still_handles_every_other_mark_and_records_the_failure()
    {
        var rig = new Rig(azurite);
        // The unreadable one sorts before the others among the marks.
        var unreadable = $"00000000-0000-4000-8000-{Guid.NewGuid():N}"[..36];
        var others = Enumerable.Range(0, 3).Select(_ => TestData.NewId()).ToArray();
        foreach (var id in others.Prepend(unreadable))
        {
            Assert.True((await rig.Intake.AcceptAsync(TestData.Draft(id), None)).Accepted);
        }
        var store = new FaultyStore(rig.Store);
        store.Unreadable.Add(unreadable);
        var outcomes = new MemoryPassOutcomes();
        var reconciler = new Reconciliation(rig.Pending, rig.Pending, store, rig.Queue.Object, rig.Changes, rig.Calendar, outcomes) { Grace = rig.Reconciler.Grace };
        rig.Clock.Advance(reconciler.Grace + TimeSpan.FromSeconds(1));

        var report = await reconciler.RunAsync(None);

        Assert.Contains(new ItemFailure(unreadable, nameof(InvalidDataException)), report.Failures);
        Assert.All(others, id => Assert.Equal(2, rig.Enqueued(id)));
        Assert.True(await rig.IsPendingAsync(unreadable));
        var outcome = outcomes.Of(PassOutcome.Reconcile)!;
        Assert.True(outcome.Failures >= 1 && outcome.Items >= 4, $"{outcome}");
    }

    /// <summary>The real store, whose <see cref="ISubmissionStore.AddAsync"/> waits for the test before it writes.</summary>
    private sealed class GatedStore(ISubmissionStore inner) : ISubmissionStore
    {
        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task<AddResult> AddAsync(Submission submission, Contact contact, Referrer? referrer, HistoryEntry received, CancellationToken cancellationToken)
        {
            Entered.SetResult();
            await Release.Task.WaitAsync(cancellationToken);
            return await inner.AddAsync(submission, contact, referrer, received, cancellationToken);
        }

        public Task<Submission?> GetAsync(string id, CancellationToken cancellationToken) => inner.GetAsync(id, cancellationToken);

        public Task<SubmissionFile?> GetFileAsync(string id, CancellationToken cancellationToken) => inner.GetFileAsync(id, cancellationToken);

        public Task<Contact?> GetContactAsync(string id, CancellationToken cancellationToken) => inner.GetContactAsync(id, cancellationToken);

        public Task<bool> TryUpdateAsync(Submission updated, HistoryEntry entry, CancellationToken cancellationToken) => inner.TryUpdateAsync(updated, entry, cancellationToken);
    }

    [Fact]
    public async Task Reconciler_abandons_a_mark_for_a_never_stored_id()
    {
        var rig = new Rig(azurite);
        var id = TestData.NewId();
        await rig.Pending.MarkAsync(id, rig.Clock.GetUtcNow() - TimeSpan.FromHours(1), None);

        var report = await rig.Reconciler.RunAsync(None);

        Assert.True(report.Abandoned >= 1);
        Assert.False(await rig.IsPendingAsync(id));
        Assert.Equal(0, rig.Enqueued(id));
        Assert.Null(await rig.Store.GetFileAsync(id, None));
    }

    [Fact]
    public async Task Accepted_submission_reaches_the_real_queue_and_its_message_routes_it()
    {
        var rig = new Rig(azurite, queue: new QueuePrecheckQueue(azurite.Queues));
        var id = TestData.NewId();

        await rig.Intake.AcceptAsync(TestData.Draft(id), None);

        var queue = azurite.Queues.GetQueueClient(StorageNames.PrecheckQueue);
        var messages = (await queue.ReceiveMessagesAsync(maxMessages: 32, cancellationToken: None)).Value;
        var mine = Assert.Single(messages, m => m.Body.ToObjectFromJson<PrecheckRequest>(JsonSerializerOptions.Web)?.SubmissionId == id);
        var request = mine.Body.ToObjectFromJson<PrecheckRequest>(JsonSerializerOptions.Web)!;
        Assert.Equal(RoutingOutcome.Routed, await rig.Routing.HandleAsync(request.SubmissionId, None));
        await queue.DeleteMessageAsync(mine.MessageId, mine.PopReceipt, None);
        Assert.Single((await rig.LinesAsync(id)).Worklist);
    }
}
