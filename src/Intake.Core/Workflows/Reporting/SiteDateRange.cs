namespace Intake.Core.Workflows.Reporting;

/// <summary>A range of the site's dates, both ends included.</summary>
/// <param name="From">The first day.</param>
/// <param name="To">The last day (included).</param>
public readonly record struct SiteDateRange(DateOnly From, DateOnly To)
{
    /// <summary>The longest range a report covers: a leap year.</summary>
    public const int MaxDays = 366;

    /// <summary>The days of the default range: the last 30 days, today included.</summary>
    public const int DefaultDays = 30;

    /// <summary>How many days it covers, both ends included (0 or less when <see cref="From"/> is after <see cref="To"/>).</summary>
    public int Days => To.DayNumber - From.DayNumber + 1;

    /// <summary>True when <paramref name="date"/> is on or after <see cref="From"/> and on or before <see cref="To"/>.</summary>
    public bool Contains(DateOnly date) => date >= From && date <= To;

    /// <summary>The <see cref="DefaultDays"/> days that end on <paramref name="to"/>.</summary>
    public static SiteDateRange Ending(DateOnly to) => new(to.AddDays(-(DefaultDays - 1)), to);
}
