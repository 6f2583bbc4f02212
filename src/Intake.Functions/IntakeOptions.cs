using System.ComponentModel.DataAnnotations;

namespace Intake.Functions;

/// <summary>The site's settings, from the <c>Intake</c> configuration section (<c>Intake__SiteTimeZone</c> as an app setting).</summary>
public sealed class IntakeOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Intake";

    /// <summary>The study site's IANA time zone: "today" is the date there.</summary>
    [Required]
    public string SiteTimeZone { get; set; } = global::Intake.Core.Calendar.SiteCalendar.DefaultTimeZoneId;

    /// <summary>Days ahead in which a scheduled clinical biopsy makes an item urgent.</summary>
    [Range(1, 60)]
    public int UrgentWindowDays { get; set; } = 14;

    /// <summary>
    /// Minutes a stored submission may wait for its pre-check before the reconciler queues it again.
    /// Fractions are allowed (<c>0.05</c> is three seconds) so that a fault test need not wait minutes.
    /// </summary>
    [Range(0.01, 1440.0)]
    public double ReconcileAfterMinutes { get; set; } = 2;

    /// <summary>
    /// How many worklist items the hourly re-evaluation handles at once: one, so that it leaves storage to
    /// the team and the intake (beside 20 submissions a second, one at a time kept their POST-to-list p95 at
    /// 262 ms and was over sooner than four at a time, which took it to 850-1,377 ms; docs/performance.md).
    /// </summary>
    [Range(1, 32)]
    public int ReevaluationConcurrency { get; set; } = 1;
}
