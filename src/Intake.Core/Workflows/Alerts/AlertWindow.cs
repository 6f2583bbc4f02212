namespace Intake.Core.Workflows.Alerts;

/// <summary>One hour of the urgent-alert budget.</summary>
/// <param name="Start">The start of the hour, UTC.</param>
/// <param name="Singles">Urgent alerts e-mailed on their own in it.</param>
/// <param name="Held">Urgent alerts held for its digest.</param>
/// <param name="State">Where it stands.</param>
public sealed record AlertWindow(DateTimeOffset Start, int Singles, int Held, AlertWindowState State)
{
    /// <summary>The end of the hour (excluded).</summary>
    public DateTimeOffset End => Start.AddHours(1);

    /// <summary>The hour that holds <paramref name="instant"/>: its start, UTC.</summary>
    public static DateTimeOffset StartOf(DateTimeOffset instant)
    {
        var utc = instant.ToUniversalTime();
        return new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, TimeSpan.Zero);
    }
}
