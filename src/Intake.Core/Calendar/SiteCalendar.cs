namespace Intake.Core.Calendar;

/// <summary>
/// The study site's calendar: which date it is at the site for an instant, in the site's time zone
/// (an IANA id, <c>America/Chicago</c> by default), with the clock from a <see cref="TimeProvider"/>.
/// </summary>
public sealed class SiteCalendar
{
    /// <summary>The time zone of the Mayo Clinic site in Rochester, Minnesota.</summary>
    public const string DefaultTimeZoneId = "America/Chicago";

    private readonly TimeProvider _time;

    /// <summary>Creates the calendar of a site in <paramref name="timeZone"/>.</summary>
    public SiteCalendar(TimeZoneInfo timeZone, TimeProvider time)
    {
        TimeZone = timeZone;
        _time = time;
    }

    /// <summary>Creates the calendar of a site in the time zone with IANA id <paramref name="timeZoneId"/>.</summary>
    /// <exception cref="ArgumentException">The id is not a time zone this machine knows.</exception>
    public static SiteCalendar For(string timeZoneId, TimeProvider time)
    {
        try
        {
            return new SiteCalendar(TimeZoneInfo.FindSystemTimeZoneById(timeZoneId), time);
        }
        // A directory of the zone database (e.g. "America") surfaces as a SecurityException.
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException or System.Security.SecurityException)
        {
            throw new ArgumentException($"'{timeZoneId}' is not a known IANA time zone id (e.g. {DefaultTimeZoneId}).", nameof(timeZoneId), e);
        }
    }

    /// <summary>The site's time zone.</summary>
    public TimeZoneInfo TimeZone { get; }

    /// <summary>The current instant.</summary>
    public DateTimeOffset Now => _time.GetUtcNow();

    /// <summary>The site's date now.</summary>
    public DateOnly Today => DateAt(Now);

    /// <summary>The site's date at <paramref name="instant"/> (an evening in Chicago is still that day, whatever the UTC date).</summary>
    public DateOnly DateAt(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, TimeZone).DateTime);
}
