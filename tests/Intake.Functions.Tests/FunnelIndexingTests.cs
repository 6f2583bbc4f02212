using Moq;

namespace Intake.Functions.Tests;

/// <summary>
/// The pass that indexes the lines of before the funnel index (<see cref="FunnelIndexing"/>): it marks the
/// index complete only after a pass without a failure, and once complete it reads nothing.
/// </summary>
public sealed class FunnelIndexingTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly Mock<IFunnelIndex> _index = new(MockBehavior.Strict);
    private readonly MemoryPassOutcomes _outcomes = new();
    private readonly SiteCalendar _calendar = TestData.Calendar(new ManualClock(new DateTimeOffset(2026, 12, 3, 10, 15, 0, TimeSpan.Zero)));

    private FunnelIndexing Pass => new(_index.Object, _outcomes, _calendar);

    [Fact]
    public async Task A_pass_without_a_failure_marks_the_index_complete_and_records_its_outcome()
    {
        _index.Setup(i => i.IsCompleteAsync(None)).ReturnsAsync(false);
        _index.Setup(i => i.IndexListedAsync(None)).ReturnsAsync(new PassTally(120, []));
        _index.Setup(i => i.MarkCompleteAsync(None)).Returns(Task.CompletedTask);

        var tally = await Pass.RunAsync(None);

        Assert.Equal(120, tally.Items);
        _index.Verify(i => i.MarkCompleteAsync(None), Times.Once);
        var outcome = Assert.Single(await _outcomes.ReadAsync(None), o => o.Pass == PassOutcome.IndexFunnel);
        Assert.Equal((120, 0), (outcome.Items, outcome.Failures));
    }

    [Fact]
    public async Task A_pass_with_a_failure_leaves_the_index_incomplete_so_the_stats_keep_reading_the_lines_and_the_next_pass_tries_again()
    {
        _index.Setup(i => i.IsCompleteAsync(None)).ReturnsAsync(false);
        _index.Setup(i => i.IndexListedAsync(None)).ReturnsAsync(new PassTally(120, [new ItemFailure("s-1", "RequestFailedException")]));

        var tally = await Pass.RunAsync(None);

        Assert.Single(tally.Failures);
        _index.Verify(i => i.MarkCompleteAsync(It.IsAny<CancellationToken>()), Times.Never);
        Assert.Equal(1, Assert.Single(await _outcomes.ReadAsync(None)).Failures);
    }

    [Fact]
    public async Task Once_the_index_is_complete_a_pass_reads_nothing()
    {
        _index.Setup(i => i.IsCompleteAsync(None)).ReturnsAsync(true);

        var tally = await Pass.RunAsync(None);

        Assert.Equal(0, tally.Items);
        _index.Verify(i => i.IndexListedAsync(It.IsAny<CancellationToken>()), Times.Never);
    }
}
