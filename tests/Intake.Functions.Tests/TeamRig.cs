using Intake.Functions.Storage;
using Moq;

namespace Intake.Functions.Tests;

/// <summary>
/// The team side wired by hand on the real Table Storage stores (Azurite): intake, pre-check,
/// team actions and the re-evaluation, with a clock the test moves and the queues mocked.
/// </summary>
internal sealed class TeamRig
{
    private static readonly CancellationToken None = CancellationToken.None;

    /// <summary>Noon in Chicago on 2026-11-26 (no daylight-saving change for weeks either side).</summary>
    public static readonly DateTimeOffset Noon = new(2026, 11, 26, 18, 0, 0, TimeSpan.Zero);

    public static readonly DateOnly Day0 = new(2026, 11, 26);

    public const string Coordinator = "coordinator@example.org";

    private readonly HashSet<string> _mine = [];

    public TeamRig(AzuriteFixture azurite, DateTimeOffset? start = null)
    {
        Clock = new ManualClock(start ?? Noon);
        Calendar = TestData.Calendar(Clock);
        Store = new TableSubmissionStore(azurite.Tables);
        Lists = new TableTeamLists(azurite.Tables, TestData.PersonDigests);
        Pending = new TableTeamLists(azurite.Tables, TestData.PersonDigests);
        People = new TableTeamLists(azurite.Tables, TestData.PersonDigests);
        Queue.Setup(q => q.EnqueueAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);
        Alerts.Setup(a => a.EnqueueAsync(It.IsAny<AlertRequest>(), It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);
        Intake = new SubmissionIntake(Store, Pending, Queue.Object, Calendar, TestData.PersonDigests);
        Changes = new SubmissionChanges(Store, Lists, Alerts.Object, Calendar);
        Linking = new PersonLinking(People);
        Routing = new PrecheckRouting(Changes, Linking, TestData.Engine);
        Actions = new TeamActions(Changes, Linking, TestData.Engine, Calendar);
        // The lists hold every other test's items too: the pass sees only this rig's, so what it counts is this test's.
        Reevaluation = new Reevaluation(new OnlyTheseLines(Lists, _mine), Changes, TestData.Engine, Calendar, Outcomes);
    }

    public ManualClock Clock { get; }
    public SiteCalendar Calendar { get; }
    public TableSubmissionStore Store { get; }
    public TableTeamLists Lists { get; }
    public TableTeamLists Pending { get; }
    public TableTeamLists People { get; }
    public Mock<IPrecheckQueue> Queue { get; } = new();
    public Mock<IAlertQueue> Alerts { get; } = new();
    public SubmissionIntake Intake { get; }
    public SubmissionChanges Changes { get; }
    public PersonLinking Linking { get; }
    public PrecheckRouting Routing { get; }
    public TeamActions Actions { get; }
    public Reevaluation Reevaluation { get; }
    public MemoryPassOutcomes Outcomes { get; } = new();

    /// <summary>The lists as a pass over this rig's submissions only sees them (the shared Azurite holds every other test's too).</summary>
    public ITeamLists MyLines => new OnlyTheseLines(Lists, _mine);

    /// <summary>A re-evaluation of this rig's lines over another store (e.g. <see cref="FaultyStore"/>), with its own outcomes.</summary>
    public Reevaluation ReevaluationOver(ISubmissionStore store, IPassOutcomes outcomes, int maxConcurrency = 4) =>
        new(new OnlyTheseLines(Lists, _mine), new SubmissionChanges(store, Lists, Alerts.Object, Calendar), TestData.Engine, Calendar, outcomes)
        {
            MaxConcurrency = maxConcurrency,
        };

    /// <summary>Takes in a submission and pre-checks it (the queue hand-off done by hand); returns its id.</summary>
    public async Task<string> SubmitAsync(Answers answers, Contact? contact = null, SubmissionKind kind = SubmissionKind.SelfScreening, Referrer? referrer = null)
    {
        var id = TestData.NewId();
        _mine.Add(id);
        var draft = new SubmissionDraft(id, kind, answers, contact ?? TestData.Contact, kind == SubmissionKind.Referral ? referrer ?? TestData.Referrer : null);
        Assert.True((await Intake.AcceptAsync(draft, None)).Accepted);
        Assert.Equal(RoutingOutcome.Routed, await Routing.HandleAsync(id, None));
        return id;
    }

    /// <summary>Moves the clock on by whole days (the site's date moves with it).</summary>
    public void NextDay(int days = 1) => Clock.Advance(TimeSpan.FromDays(days));

    public async Task<Submission> RecordAsync(string id) => await Store.GetAsync(id, None) ?? throw new Xunit.Sdk.XunitException($"Submission {id} is not stored.");

    public async Task<SubmissionFile> FileAsync(string id) => await Store.GetFileAsync(id, None) ?? throw new Xunit.Sdk.XunitException($"Submission {id} is not stored.");

    /// <summary>Every line of <paramref name="id"/> on both lists.</summary>
    public async Task<(WorklistItem[] Worklist, WorklistItem[] ScreenedOut)> LinesAsync(string id) => (
        [.. (await Lists.ListAsync(TeamList.Worklist, new WorklistFilter(), None)).Where(i => i.Id == id)],
        [.. (await Lists.ListAsync(TeamList.ScreenedOut, new WorklistFilter(), None)).Where(i => i.Id == id)]);

    /// <summary>The one worklist line of <paramref name="id"/>, asserting it is on no other list.</summary>
    public async Task<WorklistItem> WorklistLineAsync(string id)
    {
        var (worklist, screenedOut) = await LinesAsync(id);
        Assert.Empty(screenedOut);
        return Assert.Single(worklist);
    }

    /// <summary>The one screened-out line of <paramref name="id"/>, asserting it is on no other list.</summary>
    public async Task<WorklistItem> ScreenedOutLineAsync(string id)
    {
        var (worklist, screenedOut) = await LinesAsync(id);
        Assert.Empty(worklist);
        return Assert.Single(screenedOut);
    }

    /// <summary>How many urgent alerts were asked for <paramref name="id"/>.</summary>
    public int UrgentAlerts(string id) => Alerts.Invocations.Count(i =>
        i.Method.Name == nameof(IAlertQueue.EnqueueAsync) && i.Arguments[0] is AlertRequest { Kind: AlertKind.UrgentItem } a && a.SubmissionId == id);

    /// <summary>The history entries of re-evaluations.</summary>
    public static HistoryEntry[] Reevaluations(SubmissionFile file) => [.. file.History.Where(h => h.Event.StartsWith("Re-evaluated", StringComparison.Ordinal))];

    /// <summary>The real lists, with only the given submissions' lines listed.</summary>
    private sealed class OnlyTheseLines(ITeamLists lists, IReadOnlySet<string> ids) : DelegatingTeamLists(lists)
    {
        public override async Task<IReadOnlyList<WorklistItem>> ListAsync(TeamList list, WorklistFilter filter, CancellationToken cancellationToken) =>
            [.. (await base.ListAsync(list, filter, cancellationToken)).Where(i => ids.Contains(i.Id))];

        public override async Task<IReadOnlyList<WorklistItem>> ReceivedBetweenAsync(TeamList list, DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken) =>
            [.. (await base.ReceivedBetweenAsync(list, from, until, cancellationToken)).Where(i => ids.Contains(i.Id))];

        public override async Task<IReadOnlyList<WorklistItem>> FunnelLinesAsync(DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken) =>
            [.. (await base.FunnelLinesAsync(from, until, cancellationToken)).Where(i => ids.Contains(i.Id))];

        public override Task<WorklistPage?> PageAsync(TeamList list, WorklistFilter filter, int limit, string? cursor, CancellationToken cancellationToken) =>
            throw new NotSupportedException("Only the passes read this rig's lines; a page of the shared lists would show other tests' lines.");

        public override async IAsyncEnumerable<IReadOnlyList<string>> OpenWorklistAsync(DateOnly? dueOn, int pageSize,
            [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await foreach (var page in base.OpenWorklistAsync(dueOn, pageSize, cancellationToken))
            {
                if (page.Where(ids.Contains).ToArray() is { Length: > 0 } mine)
                {
                    yield return mine;
                }
            }
        }
    }
}
