using System.ComponentModel.DataAnnotations;

namespace Intake.Functions;

/// <summary>
/// How long a closed or screened-out submission is kept, from the <c>Intake:Retention</c>
/// configuration section (<c>Intake__Retention__ClosedDays</c> as an app setting).
/// </summary>
public sealed class RetentionOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Intake:Retention";

    /// <summary>
    /// Days after its last change that a submission screened out, or closed as Declined, NotEligible
    /// or Unreachable (and never Enrolled), is erased by the daily retention pass; 0 turns the pass off.
    /// </summary>
    [Range(0, 36_500)]
    public int ClosedDays { get; set; } = 365;
}
