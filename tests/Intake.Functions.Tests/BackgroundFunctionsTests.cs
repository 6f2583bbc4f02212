using Intake.Functions.Triggers;
using Intake.Functions.Storage;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;

namespace Intake.Functions.Tests;

/// <summary><see cref="PrecheckFunction"/> and <see cref="ReconcilerFunction"/> with their stores mocked.</summary>
public sealed class BackgroundFunctionsTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    private readonly Mock<ISubmissionStore> _store = new(MockBehavior.Strict);
    private readonly Mock<ITeamLists> _lists = new(MockBehavior.Strict);
    private readonly Mock<IPendingSubmissions> _pending = new(MockBehavior.Strict);
    private readonly Mock<IPrecheckQueue> _queue = new(MockBehavior.Strict);
    private readonly Mock<IAlertQueue> _alerts = new(MockBehavior.Strict);
    private readonly Mock<IPeopleIndex> _people = new(MockBehavior.Strict);
    private readonly Mock<ISubmissionErasure> _erasure = new();
    private readonly SubmissionChanges _changes;
    private readonly PrecheckRouting _routing;

    public BackgroundFunctionsTests()
    {
        _changes = new SubmissionChanges(_store.Object, _lists.Object, _alerts.Object, TestData.Calendar());
        _routing = new PrecheckRouting(_changes, new PersonLinking(_people.Object), TestData.Engine);
    }

    private PrecheckFunction Precheck() => new(_routing, _erasure.Object, TestData.Metrics(), TimeProvider.System, NullLogger<PrecheckFunction>.Instance);

    [Theory]
    [InlineData("not-a-uuid")]
    [InlineData("")]
    [InlineData("3f1c2a4e8b7d4c1a9e2f5a6b7c8d9e0f")]
    public async Task Precheck_of_a_message_without_a_UUID_throws_so_the_message_goes_to_poison(string submissionId)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Precheck().PrecheckSubmission(TestData.PrecheckMessage(submissionId), None));

        _store.VerifyNoOtherCalls();
        _lists.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task Precheck_of_a_message_with_a_null_id_throws()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Precheck().PrecheckSubmission(TestData.PrecheckMessage((string?)null), None));

        _store.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task Precheck_of_an_unknown_submission_throws_so_the_message_is_retried()
    {
        var id = TestData.NewId();
        _store.Setup(s => s.GetAsync(id, It.IsAny<CancellationToken>())).ReturnsAsync((Submission?)null);

        await Assert.ThrowsAsync<KeyNotFoundException>(() => Precheck().PrecheckSubmission(TestData.PrecheckMessage(id), None));

        _lists.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task Precheck_of_an_erased_submission_completes_and_brings_nothing_back()
    {
        var id = TestData.NewId();
        _store.Setup(s => s.GetAsync(id, It.IsAny<CancellationToken>())).ReturnsAsync((Submission?)null);
        _erasure.Setup(e => e.ErasedAsync(id, It.IsAny<CancellationToken>())).ReturnsAsync(new ErasedSubmission(id, SubmissionKind.Referral, "2026-11", PrecheckResult.LikelyIneligible, ["I8"], DateTimeOffset.Parse("2026-12-01T09:30:00Z", System.Globalization.CultureInfo.InvariantCulture), "manager@site.example", "The person asked"));

        await Precheck().PrecheckSubmission(TestData.PrecheckMessage(id), None);

        _lists.VerifyNoOtherCalls();
        _people.VerifyNoOtherCalls();
        _alerts.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task Precheck_routes_the_submission_the_message_names_by_its_lower_case_id()
    {
        var id = TestData.NewId();
        var submission = TestData.Submission(id, DateTimeOffset.UtcNow);
        _store.Setup(s => s.GetAsync(id, It.IsAny<CancellationToken>())).ReturnsAsync(submission);
        _store.Setup(s => s.TryUpdateAsync(It.Is<Submission>(x => x.Id == id && x.Version == 2 && x.Status == SubmissionStatus.Routed), It.IsAny<HistoryEntry>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(true);
        _lists.Setup(l => l.PutFirstAsync(It.Is<WorklistItem>(i => i.Id == id && i.Priority == Priority.High), It.IsAny<PersonEntry?>(), It.IsAny<CancellationToken>()))
            .Returns(Task.CompletedTask);

        await Precheck().PrecheckSubmission(TestData.PrecheckMessage(id.ToUpperInvariant()), None);

        _store.Verify(s => s.TryUpdateAsync(It.IsAny<Submission>(), It.IsAny<HistoryEntry>(), It.IsAny<CancellationToken>()), Times.Once);
        // One write lists it and clears its pending mark (without a date of birth there is no person to index).
        _lists.Verify(l => l.PutFirstAsync(It.IsAny<WorklistItem>(), null, It.IsAny<CancellationToken>()), Times.Once);
        _pending.Verify(p => p.ClearAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task Reconciler_runs_one_pass()
    {
        var lost = TestData.NewId();
        var neverStored = TestData.NewId();
        var stored = TestData.Submission(lost, DateTimeOffset.UtcNow.AddMinutes(-10));
        _pending.Setup(p => p.OlderThanAsync(It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>())).ReturnsAsync([lost, neverStored]);
        _store.Setup(s => s.GetAsync(lost, It.IsAny<CancellationToken>())).ReturnsAsync(stored);
        _store.Setup(s => s.GetAsync(neverStored, It.IsAny<CancellationToken>())).ReturnsAsync((Submission?)null);
        _pending.Setup(p => p.MarkAsync(lost, It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);
        _pending.Setup(p => p.ClearAsync(neverStored, It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);
        _queue.Setup(q => q.EnqueueAsync(lost, It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);
        var calendar = TestData.Calendar();
        var moves = new Mock<IInterruptedMoves>(MockBehavior.Strict);
        moves.Setup(m => m.BegunBeforeAsync(It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>())).ReturnsAsync([]);
        var reconciliation = new Reconciliation(_pending.Object, moves.Object, _store.Object, _queue.Object, _changes, calendar, new MemoryPassOutcomes());
        var function = new ReconcilerFunction(reconciliation, TestData.Metrics(), NullLogger<ReconcilerFunction>.Instance);

        await function.Reconcile(new TimerInfo(), None);

        _queue.Verify(q => q.EnqueueAsync(lost, It.IsAny<CancellationToken>()), Times.Once);
        _pending.Verify(p => p.ClearAsync(neverStored, It.IsAny<CancellationToken>()), Times.Once);
        _pending.Verify(p => p.OlderThanAsync(It.Is<DateTimeOffset>(c => c < DateTimeOffset.UtcNow - reconciliation.Grace + TimeSpan.FromSeconds(1)), It.IsAny<CancellationToken>()), Times.Once);
    }
}
