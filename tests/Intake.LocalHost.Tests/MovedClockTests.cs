namespace Intake.LocalHost.Tests;

/// <summary><c>LocalHost:ClockOffset</c>: a time span moves "now" by that much; no value leaves the clock alone; anything else stops the host with what to write.</summary>
public sealed class MovedClockTests
{
    [Fact]
    public void A_time_span_moves_now_by_that_much()
    {
        var clock = MovedClock.From("400.00:00:00")!;

        var before = DateTimeOffset.UtcNow.AddDays(400);
        var now = clock.GetUtcNow();
        var after = DateTimeOffset.UtcNow.AddDays(400);

        Assert.InRange(now, before, after);
        Assert.Equal(TimeSpan.FromDays(400), clock.Offset);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void No_value_leaves_the_clock_alone(string? value) => Assert.Null(MovedClock.From(value));

    [Theory]
    [InlineData("400 days")]
    [InlineData("P400D")]
    public void A_value_that_is_no_time_span_stops_the_host_saying_what_to_write(string value)
    {
        var error = Assert.Throws<InvalidOperationException>(() => MovedClock.From(value));

        Assert.Contains(MovedClock.Setting, error.Message, StringComparison.Ordinal);
        Assert.Contains("400.00:00:00", error.Message, StringComparison.Ordinal);
    }
}
