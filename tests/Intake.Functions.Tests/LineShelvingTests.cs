using Moq;

namespace Intake.Functions.Tests;

/// <summary>
/// The pass that moves the lines kept before the lists' shelves onto them (<see cref="LineShelving"/>):
/// a line goes only after its record has been settled anew (so a submission is never on no list), a line
/// whose record is gone or on no list is only deleted, and a line that fails is counted and kept for the
/// next pass while the others are moved.
/// </summary>
public sealed class LineShelvingTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 10, 30, 0, TimeSpan.Zero);
    private readonly Mock<IUnshelvedLines> _lines = new(MockBehavior.Strict);
    private readonly Mock<ISubmissionStore> _store = new(MockBehavior.Strict);
    private readonly Mock<ITeamLists> _lists = new(MockBehavior.Strict);
    private readonly MemoryPassOutcomes _outcomes = new();
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _steps = new();

    private LineShelving Pass
    {
        get
        {
            var calendar = TestData.Calendar(new ManualClock(Now));
            return new LineShelving(_lines.Object, _store.Object, new SubmissionChanges(_store.Object, _lists.Object, Mock.Of<IAlertQueue>(), calendar), _outcomes, calendar);
        }
    }

    private static async IAsyncEnumerable<IReadOnlyList<UnshelvedLine>> Pages(params UnshelvedLine[][] pages)
    {
        foreach (var page in pages)
        {
            await Task.Yield();
            yield return page;
        }
    }

    private void Drops() => _lines.Setup(l => l.DropAsync(It.IsAny<UnshelvedLine>(), It.IsAny<CancellationToken>()))
        .Callback((UnshelvedLine line, CancellationToken _) => _steps.Enqueue("drop " + line.SubmissionId)).Returns(Task.CompletedTask);

    [Fact]
    public async Task A_listed_submission_is_settled_anew_before_its_old_line_is_dropped()
    {
        var received = TestData.Submission("listed", Now.AddDays(-40), answers: TestData.Ineligible);
        var listed = received with
        {
            Status = SubmissionStatus.ScreenedOut,
            Precheck = TestData.Engine.Evaluate(received.Answers, received.ReceivedOn),
            Version = 3,
        };
        _lines.Setup(l => l.PagesAsync(LineShelving.PageSize, None)).Returns(Pages([new UnshelvedLine("listed", "s-1-listed")]));
        _store.Setup(s => s.GetAsync("listed", It.IsAny<CancellationToken>())).ReturnsAsync(listed);
        _lists.Setup(l => l.PutFirstAsync(It.Is<WorklistItem>(i => i.Id == "listed"), It.IsAny<PersonEntry?>(), It.IsAny<CancellationToken>()))
            .Callback(() => _steps.Enqueue("settle listed")).Returns(Task.CompletedTask);
        Drops();

        var tally = await Pass.RunAsync(None);

        Assert.Equal(["settle listed", "drop listed"], _steps);
        Assert.Equal(1, tally.Items);
        Assert.Empty(tally.Failures);
    }

    [Fact]
    public async Task A_line_whose_record_is_gone_is_only_dropped()
    {
        _lines.Setup(l => l.PagesAsync(LineShelving.PageSize, None)).Returns(Pages([new UnshelvedLine("gone", "w-2-99991231-1-gone")]));
        _store.Setup(s => s.GetAsync("gone", It.IsAny<CancellationToken>())).ReturnsAsync((Submission?)null);
        Drops();

        await Pass.RunAsync(None);

        Assert.Equal(["drop gone"], _steps);
    }

    [Fact]
    public async Task A_line_that_fails_is_counted_and_kept_for_the_next_pass_and_every_other_line_is_moved()
    {
        _lines.Setup(l => l.PagesAsync(LineShelving.PageSize, None)).Returns(Pages(
            [new UnshelvedLine("a", "s-1-a"), new UnshelvedLine("bad", "s-2-bad")],
            [new UnshelvedLine("c", "s-3-c")]));
        _store.Setup(s => s.GetAsync("bad", It.IsAny<CancellationToken>())).ThrowsAsync(new IOException("unreadable"));
        _store.Setup(s => s.GetAsync(It.IsIn("a", "c"), It.IsAny<CancellationToken>())).ReturnsAsync((Submission?)null);
        Drops();

        var tally = await Pass.RunAsync(None);

        Assert.Equal(["drop a", "drop c"], _steps.Order(StringComparer.Ordinal));
        Assert.Equal(3, tally.Items);
        Assert.Equal("bad", Assert.Single(tally.Failures).SubmissionId);
        var outcome = Assert.Single(await _outcomes.ReadAsync(None), o => o.Pass == PassOutcome.ShelveLines);
        Assert.Equal((3, 1), (outcome.Items, outcome.Failures));
    }
}
