using Intake.Functions.Triggers;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;

namespace Intake.Functions.Tests;

/// <summary>
/// The timer passes besides the reconciler and the re-evaluation (the urgent digests, the removal
/// of submissions marked not genuine, the removal of expired challenges) keep their last outcome
/// for <c>GET /api/stats</c> too: the items they took up and how many failed, so that an item
/// that fails pass after pass is seen.
/// </summary>
public sealed class TimerPassOutcomeTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 3, 30, 0, TimeSpan.Zero);
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly MemoryPassOutcomes _passes = new();
    private readonly SiteCalendar _calendar = TestData.Calendar(new ManualClock(Now));

    private static WorklistItem MarkedLine() =>
        TestData.Line(TestData.NewId(), SubmissionKind.SelfScreening, PrecheckResult.LikelyEligible, Priority.High, Now.AddDays(-40), null, TeamStatus.New, "", []) with { List = TeamList.NotGenuine };

    [Fact]
    public async Task The_removal_of_submissions_marked_not_genuine_records_the_lines_it_took_up_and_the_one_it_could_not_read()
    {
        var lines = new[] { MarkedLine(), MarkedLine() };
        var lists = new Mock<ITeamLists>();
        lists.Setup(l => l.ListAsync(TeamList.NotGenuine, new WorklistFilter(), It.IsAny<CancellationToken>())).ReturnsAsync(lines);
        var store = new Mock<ISubmissionStore>();
        store.Setup(s => s.GetAsync(lines[0].Id, It.IsAny<CancellationToken>())).ThrowsAsync(new FormatException("unreadable"));
        store.Setup(s => s.GetAsync(lines[1].Id, It.IsAny<CancellationToken>())).ReturnsAsync((Submission?)null);
        var removal = new Mock<ISubmissionRemoval>();
        var function = new NotGenuineRemovalFunction(new NotGenuineRemoval(lists.Object, store.Object, removal.Object, _calendar), _passes, _calendar,
            NullLogger<NotGenuineRemovalFunction>.Instance);

        await function.RemoveNotGenuine(new TimerInfo(), None);

        var outcome = Assert.Single(await _passes.ReadAsync(None));
        Assert.Equal(new PassOutcome(PassOutcome.RemoveNotGenuine, Now, Items: 2, Failures: 1), outcome);
    }

    [Fact]
    public async Task The_removal_of_expired_challenges_records_the_records_it_took_up_and_the_one_it_could_not_remove()
    {
        var used = new Mock<IUsedChallenges>();
        used.Setup(u => u.ExpiredBeforeAsync(It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>())).ReturnsAsync(["a", "b", "c"]);
        used.Setup(u => u.RemoveAsync("b", It.IsAny<CancellationToken>())).ThrowsAsync(new TimeoutException());
        var function = new ExpiredChallengeRemovalFunction(new UsedChallengeCleanup(used.Object, new ManualClock(Now)), _passes, _calendar,
            NullLogger<ExpiredChallengeRemovalFunction>.Instance);

        await function.RemoveExpiredChallenges(new TimerInfo(), None);

        var outcome = Assert.Single(await _passes.ReadAsync(None));
        Assert.Equal(new PassOutcome(PassOutcome.RemoveExpiredChallenges, Now, Items: 3, Failures: 1), outcome);
    }

    [Fact]
    public async Task The_urgent_digest_pass_records_an_hour_it_could_not_finish_as_a_failure()
    {
        var hour = AlertWindow.StartOf(Now.AddHours(-2));
        var budget = new Mock<IAlertBudget>();
        budget.Setup(b => b.UnfinishedAsync(It.IsAny<CancellationToken>())).ReturnsAsync([new AlertWindow(hour, Singles: 10, Held: 3, AlertWindowState.Open)]);
        budget.Setup(b => b.CloseAsync(hour, It.IsAny<CancellationToken>())).ThrowsAsync(new TimeoutException());
        var store = new Mock<ISubmissionStore>();
        var changes = new SubmissionChanges(store.Object, Mock.Of<ITeamLists>(), Mock.Of<IAlertQueue>(), _calendar);
        var sender = new Mock<IAlertSender>(MockBehavior.Strict);
        var dispatch = new AlertDispatch(store.Object, changes, sender.Object,
            new AlertSettings("team@study.example", "mbcintake@study.example", new Uri("http://localhost:7071")), budget.Object, _calendar);
        var function = new UrgentDigestFunction(new UrgentDigests(budget.Object, dispatch, sender.Object, store.Object, changes, _calendar), _passes, _calendar,
            NullLogger<UrgentDigestFunction>.Instance);

        await function.SendUrgentDigests(new TimerInfo(), None);

        var outcome = Assert.Single(await _passes.ReadAsync(None));
        Assert.Equal(new PassOutcome(PassOutcome.SendUrgentDigests, Now, Items: 1, Failures: 1), outcome);
    }
}
