using System.Globalization;

namespace Intake.LocalHost;

/// <summary>
/// The clock of a local run moved by a fixed span (<c>LocalHost:ClockOffset</c>, a .NET time span such
/// as <c>400.00:00:00</c>): every <see cref="TimeProvider"/> the app resolves, its timers' schedules
/// included, reads the machine's time plus the offset. It lets a test run date-driven passes
/// (retention, re-evaluation) as of a later day against the same storage. Time still passes at its
/// own speed; only "now" is moved.
/// </summary>
public sealed class MovedClock(TimeSpan offset) : TimeProvider
{
    /// <summary>The setting that moves the clock.</summary>
    public const string Setting = "LocalHost:ClockOffset";

    /// <summary>How far the clock is moved.</summary>
    public TimeSpan Offset { get; } = offset;

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;

    /// <summary>The clock <paramref name="value"/> asks for, or null when it is empty; a value that is no time span stops the host.</summary>
    public static MovedClock? From(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        return TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out var offset)
            ? new MovedClock(offset)
            : throw new InvalidOperationException($"{Setting} '{value}' is not a time span (for example 400.00:00:00 for 400 days ahead).");
    }
}
