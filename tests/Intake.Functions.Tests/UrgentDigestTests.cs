using System.Collections.Concurrent;
using Intake.Functions.Email;
using Intake.Functions.Storage;
using MailKit.Security;
using Microsoft.Extensions.Options;
using Moq;

namespace Intake.Functions.Tests;

/// <summary>
/// The hourly bound of urgent e-mails (<see cref="IAlertBudget"/> on Azurite, <see cref="AlertDispatch"/>)
/// and the digest of the items over it (<see cref="UrgentDigests"/>), with a clock the test moves:
/// each test has an hour of its own, far from the others'.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class UrgentDigestTests(AzuriteFixture azurite, MailDevFixture mail) : IClassFixture<MailDevFixture>
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    /// <summary>Ten past an hour of its own, in the 2030s: no other test counts alerts in it.</summary>
    private static DateTimeOffset AnHourOfItsOwn() =>
        new DateTimeOffset(2031, 1, 1, 0, 10, 0, TimeSpan.Zero).AddHours(Random.Shared.Next(0, 24 * 365 * 20));

    /// <summary>Keeps every e-mail it is given.</summary>
    private sealed class RecordingSender : IAlertSender
    {
        public ConcurrentQueue<AlertEmail> Sent { get; } = new();

        public Task SendAsync(AlertEmail email, CancellationToken cancellationToken)
        {
            Sent.Enqueue(email);
            return Task.CompletedTask;
        }
    }

    /// <summary>The real budget, except that the first record of the digest of <see cref="Hour"/> fails: the process died after sending it.</summary>
    private sealed class DyingAfterTheDigest(IAlertBudget inner) : IAlertBudget
    {
        private int _deaths;

        public DateTimeOffset Hour { get; set; }

        public Task<AlertSlot> TakeAsync(string submissionId, int version, DateTimeOffset window, int maxPerHour, CancellationToken cancellationToken) =>
            inner.TakeAsync(submissionId, version, window, maxPerHour, cancellationToken);
        public Task<IReadOnlyList<AlertWindow>> UnfinishedAsync(CancellationToken cancellationToken) => inner.UnfinishedAsync(cancellationToken);
        public Task<AlertWindow> CloseAsync(DateTimeOffset window, CancellationToken cancellationToken) => inner.CloseAsync(window, cancellationToken);
        public Task MarkDigestSentAsync(DateTimeOffset window, CancellationToken cancellationToken) =>
            window == Hour && Interlocked.Increment(ref _deaths) == 1 ? throw new IOException("The process died before recording the digest.") : inner.MarkDigestSentAsync(window, cancellationToken);
        public Task<IReadOnlyList<HeldAlert>> UnannouncedAsync(DateTimeOffset window, CancellationToken cancellationToken) => inner.UnannouncedAsync(window, cancellationToken);
        public Task MarkAnnouncedAsync(HeldAlert alert, CancellationToken cancellationToken) => inner.MarkAnnouncedAsync(alert, cancellationToken);
        public Task MarkDoneAsync(DateTimeOffset window, CancellationToken cancellationToken) => inner.MarkDoneAsync(window, cancellationToken);
    }

    private sealed class Rig
    {
        public Rig(AzuriteFixture azurite, int maxPerHour, IAlertSender? sender = null, Func<IAlertBudget, IAlertBudget>? budget = null)
        {
            Clock = new ManualClock(AnHourOfItsOwn());
            Calendar = TestData.Calendar(Clock);
            Store = new TableSubmissionStore(azurite.Tables);
            var queue = new Mock<IPrecheckQueue>();
            queue.Setup(q => q.EnqueueAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);
            var alerts = new Mock<IAlertQueue>();
            alerts.Setup(q => q.EnqueueAsync(It.IsAny<AlertRequest>(), It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);
            Intake = new SubmissionIntake(Store, new TableTeamLists(azurite.Tables, TestData.PersonDigests), queue.Object, Calendar, TestData.PersonDigests);
            Changes = new SubmissionChanges(Store, new TableTeamLists(azurite.Tables, TestData.PersonDigests), alerts.Object, Calendar);
            Routing = new PrecheckRouting(Changes, new PersonLinking(new TableTeamLists(azurite.Tables, TestData.PersonDigests)), TestData.Engine);
            Sender = sender ?? Recording;
            Budget = budget is null ? new TableAlertBudget(azurite.Tables) : budget(new TableAlertBudget(azurite.Tables));
            Settings = new AlertSettings("team@study.example", "mbcintake@study.example", new Uri("https://intake.example.org/"), maxPerHour);
            Dispatch = NewDispatch(azurite);
            Digests = new UrgentDigests(Budget, Dispatch, Sender, Store, Changes, Calendar);
        }

        public ManualClock Clock { get; }
        public SiteCalendar Calendar { get; }
        public TableSubmissionStore Store { get; }
        public SubmissionIntake Intake { get; }
        public SubmissionChanges Changes { get; }
        public PrecheckRouting Routing { get; }
        public RecordingSender Recording { get; } = new();
        public IAlertSender Sender { get; }
        public IAlertBudget Budget { get; }
        public AlertSettings Settings { get; }
        public AlertDispatch Dispatch { get; }
        public UrgentDigests Digests { get; }

        /// <summary>The start of the hour the test's alerts are counted in.</summary>
        public DateTimeOffset Hour => AlertWindow.StartOf(Clock.GetUtcNow());

        /// <summary>Another instance of the alert function: its own budget client and its own in-process gates, the same storage.</summary>
        public AlertDispatch NewDispatch(AzuriteFixture azurite) => new(Store, Changes, Sender, Settings, new TableAlertBudget(azurite.Tables), Calendar);

        /// <summary>Stores and pre-checks an urgent referral (a clinical biopsy in five days), as the intake and the pre-check would.</summary>
        public async Task<string> UrgentAsync()
        {
            var id = TestData.NewId();
            var answers = TestData.Baseline with
            {
                ScheduledClinicalBiopsy = new ScheduledClinicalBiopsy(Site.Liver, Calendar.Today.AddDays(5)),
                OncologistConcerns = new OncologistConcerns(false, false, false),
            };
            Assert.True((await Intake.AcceptAsync(new SubmissionDraft(id, SubmissionKind.Referral, answers, TestData.Contact, TestData.Referrer), None)).Accepted);
            await Routing.HandleAsync(id, None);
            Assert.True((await Store.GetAsync(id, None))!.UrgentAlertPending);
            return id;
        }

        public async Task<SubmissionFile> FileAsync(string id) => await Store.GetFileAsync(id, None) ?? throw new Xunit.Sdk.XunitException($"Submission {id} is not stored.");
    }

    private static string DigestId(DateTimeOffset hour) => $"digest-{hour:yyyyMMddHH}@mbcintake";

    [Fact]
    public async Task Fifteen_urgent_items_in_one_hour_with_a_budget_of_ten_give_ten_single_e_mails_and_one_digest_saying_five()
    {
        var rig = new Rig(azurite, maxPerHour: 10);
        var hour = rig.Hour;
        var outcomes = new Dictionary<string, AlertOutcome>();
        for (var i = 0; i < 15; i++)
        {
            var id = await rig.UrgentAsync();
            outcomes[id] = await rig.Dispatch.HandleAsync(new AlertRequest(id, AlertKind.UrgentItem), None);
            rig.Clock.Advance(TimeSpan.FromMinutes(3));
        }
        Assert.Equal(hour, rig.Hour);

        var singles = outcomes.Where(o => o.Value == AlertOutcome.Sent).Select(o => o.Key).ToArray();
        var held = outcomes.Where(o => o.Value == AlertOutcome.HeldForDigest).Select(o => o.Key).ToArray();
        Assert.Equal((10, 5), (singles.Length, held.Length));
        Assert.Equal(singles.Order(), rig.Recording.Sent.Select(e => e.MessageId[7..43]).Order());
        foreach (var id in held)
        {
            // Not urgent any more for the alerts: a redelivery sends nothing.
            Assert.Equal(AlertOutcome.AlreadyHandled, await rig.Dispatch.HandleAsync(new AlertRequest(id, AlertKind.UrgentItem), None));
            Assert.Contains((await rig.FileAsync(id)).History, h => h.Event.StartsWith(AlertDispatch.UrgentHeldEvent, StringComparison.Ordinal));
        }

        // While the hour runs, no digest. (A pass handles every hour that is over, other tests' too: only this hour's e-mails count here.)
        await rig.Digests.RunAsync(None);
        Assert.DoesNotContain(rig.Recording.Sent, e => e.MessageId == DigestId(hour));
        Assert.Equal(10, rig.Recording.Sent.Count(e => e.MessageId.StartsWith("urgent-", StringComparison.Ordinal)));

        rig.Clock.Advance(TimeSpan.FromMinutes(20));
        var pass = await rig.Digests.RunAsync(None);

        var digest = Assert.Single(rig.Recording.Sent, e => e.MessageId == DigestId(hour));
        Assert.Equal(11, rig.Recording.Sent.Count(e => e.MessageId.StartsWith("urgent-", StringComparison.Ordinal) || e.MessageId == DigestId(hour)));
        Assert.Equal("team@study.example", digest.To);
        Assert.Equal("MbcIntake: 5 more items became urgent on the worklist", digest.Subject);
        Assert.Contains("5 more items became Urgent", digest.Body, StringComparison.Ordinal);
        Assert.Contains("  https://intake.example.org/team\n", digest.Body, StringComparison.Ordinal);
        foreach (var id in outcomes.Keys)
        {
            Assert.DoesNotContain(id, digest.Body, StringComparison.Ordinal);
        }
        foreach (var detail in new[] { TestData.Contact.Name, TestData.Contact.Email!, TestData.Contact.Phone!, "liver", "biopsy", "1972", TestData.Referrer.Name })
        {
            Assert.DoesNotContain(detail, digest.Subject + digest.Body, StringComparison.OrdinalIgnoreCase);
        }
        Assert.True(pass.ItemsAnnounced >= 5);
        Assert.DoesNotContain(pass.Failures, f => f.Window == hour);

        foreach (var id in held)
        {
            var announced = Assert.Single((await rig.FileAsync(id)).History, h => h.Event.StartsWith(AlertDispatch.DigestAnnouncedEvent, StringComparison.Ordinal));
            Assert.Equal(Actors.System, announced.By);
            Assert.Contains(DigestId(hour), announced.Event, StringComparison.Ordinal);
        }
        foreach (var id in singles)
        {
            Assert.DoesNotContain((await rig.FileAsync(id)).History, h => h.Event.StartsWith(AlertDispatch.DigestAnnouncedEvent, StringComparison.Ordinal));
        }

        // The hour is done: a later pass sends nothing and records nothing.
        await rig.Digests.RunAsync(None);
        Assert.Single(rig.Recording.Sent, e => e.MessageId == DigestId(hour));
        foreach (var id in held)
        {
            Assert.Single((await rig.FileAsync(id)).History, h => h.Event.StartsWith(AlertDispatch.DigestAnnouncedEvent, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task A_crash_between_sending_the_digest_and_recording_it_sends_the_same_digest_again_with_the_same_message_id()
    {
        var id = TestData.NewId();
        var smtp = new SmtpAlertSender(Options.Create(new AlertOptions
        {
            SmtpHost = "localhost",
            SmtpPort = mail.MailDev.SmtpPort,
            Security = SecureSocketOptions.None,
            TeamAddress = $"team-{id}@study.example",
            TimeoutSeconds = 10,
        }));
        DyingAfterTheDigest? dying = null;
        var rig = new Rig(azurite, maxPerHour: 1, smtp, budget => dying = new DyingAfterTheDigest(budget));
        var hour = rig.Hour;
        dying!.Hour = hour;
        var first = await rig.UrgentAsync();
        var held = new[] { await rig.UrgentAsync(), await rig.UrgentAsync() };
        Assert.Equal(AlertOutcome.Sent, await rig.Dispatch.HandleAsync(new AlertRequest(first, AlertKind.UrgentItem), None));
        foreach (var item in held)
        {
            Assert.Equal(AlertOutcome.HeldForDigest, await rig.Dispatch.HandleAsync(new AlertRequest(item, AlertKind.UrgentItem), None));
        }
        rig.Clock.Advance(TimeSpan.FromHours(1));

        var died = await rig.Digests.RunAsync(None);
        Assert.Contains(died.Failures, f => f.Window == hour);
        foreach (var item in held)
        {
            Assert.DoesNotContain((await rig.FileAsync(item)).History, h => h.Event.StartsWith(AlertDispatch.DigestAnnouncedEvent, StringComparison.Ordinal));
        }

        var restarted = await rig.Digests.RunAsync(None);
        Assert.DoesNotContain(restarted.Failures, f => f.Window == hour);
        Assert.True(restarted.ItemsAnnounced >= 2);
        await rig.Digests.RunAsync(None);

        var digests = await Intake.Testing.Poll.UntilAsync(
            async () => (await mail.MailDev.EmailsAsync()).Where(e => e.MessageId == $"<{DigestId(hour)}>").ToArray() is { Length: >= 2 } found ? found : null,
            Deadline, "the digest twice in maildev");
        Assert.Equal(2, digests.Length);
        Assert.Equal(digests[0].Text, digests[1].Text);
        Assert.Equal("MbcIntake: 2 more items became urgent on the worklist", digests[0].Subject);
        foreach (var item in held)
        {
            Assert.Single((await rig.FileAsync(item)).History, h => h.Event.StartsWith(AlertDispatch.DigestAnnouncedEvent, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Under_concurrent_dispatch_by_two_instances_the_hours_budget_is_never_spent_past_its_cap()
    {
        var rig = new Rig(azurite, maxPerHour: 10);
        var hour = rig.Hour;
        var ids = new List<string>();
        for (var i = 0; i < 24; i++)
        {
            ids.Add(await rig.UrgentAsync());
        }
        AlertDispatch[] instances = [rig.NewDispatch(azurite), rig.NewDispatch(azurite)];

        // Every alert is asked for twice, once on each instance, all at the same time.
        using var start = new ManualResetEventSlim();
        var handled = ids.SelectMany(id => instances.Select(instance => Task.Run(async () =>
        {
            start.Wait();
            return (id, await instance.HandleAsync(new AlertRequest(id, AlertKind.UrgentItem), None));
        }))).ToArray();
        start.Set();
        var outcomes = await Task.WhenAll(handled);

        var window = await rig.Budget.CloseAsync(hour, None);
        Assert.Equal((10, 14), (window.Singles, window.Held));
        var emailed = rig.Recording.Sent.Select(e => e.MessageId[7..43]).Distinct().ToArray();
        Assert.Equal(10, emailed.Length);
        Assert.Equal(14, (await rig.Budget.UnannouncedAsync(hour, None)).Count);
        // Each alert went one way only: e-mailed on its own, or held for the digest.
        foreach (var id in ids)
        {
            var history = (await rig.FileAsync(id)).History;
            var sent = history.Count(h => h.Event == AlertDispatch.UrgentSentEvent);
            var kept = history.Count(h => h.Event.StartsWith(AlertDispatch.UrgentHeldEvent, StringComparison.Ordinal));
            Assert.Equal(1, sent + kept);
            Assert.Equal(sent == 1, emailed.Contains(id));
        }
        Assert.All(outcomes, o => Assert.NotEqual(AlertOutcome.NotFound, o.Item2));
    }

    [Fact]
    public async Task The_same_alert_decided_twice_gets_the_same_answer_and_an_hour_once_closed_holds_nothing_more()
    {
        var budget = new TableAlertBudget(azurite.Tables);
        var hour = AlertWindow.StartOf(AnHourOfItsOwn());
        var a = TestData.NewId();

        Assert.Equal(AlertDelivery.Single, (await budget.TakeAsync(a, 2, hour, 1, None)).Delivery);
        Assert.Equal(AlertDelivery.Digest, (await budget.TakeAsync(TestData.NewId(), 2, hour, 1, None)).Delivery);
        Assert.Equal(new AlertSlot(AlertDelivery.Single, hour), await budget.TakeAsync(a, 2, hour.AddMinutes(70), 1, None));

        var closed = await budget.CloseAsync(hour, None);
        Assert.Equal((1, 1, AlertWindowState.Closed), (closed.Singles, closed.Held, closed.State));
        // A clock far behind could still count an alert in a closed hour: it is e-mailed on its own, never left out of every digest.
        Assert.Equal(AlertDelivery.Single, (await budget.TakeAsync(TestData.NewId(), 2, hour, 1, None)).Delivery);
        Assert.Equal(closed, await budget.CloseAsync(hour, None));
    }
}
