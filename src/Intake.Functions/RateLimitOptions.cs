using System.ComponentModel.DataAnnotations;

namespace Intake.Functions;

/// <summary>
/// How many submissions one client may send to the public routes, from the <c>Intake:RateLimit</c>
/// configuration section (<c>Intake__RateLimit__PermitsPerMinute</c> as an app setting).
/// </summary>
public sealed class RateLimitOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Intake:RateLimit";

    /// <summary>
    /// Submissions one client may send in a minute, and at once: a person sends one or two, an
    /// oncologist's office a handful; a script sending hundreds is refused with <c>429</c>.
    /// </summary>
    [Range(1, 10_000_000)]
    public int PermitsPerMinute { get; set; } = 20;

    /// <summary>
    /// The request header that carries the client's address as the platform's front end saw it
    /// (<c>X-Forwarded-For</c> behind Azure's front ends; its last entry is the one the front end
    /// added, so a client cannot choose it). Empty: the connection's own address (the local host).
    /// </summary>
    public string? ClientAddressHeader { get; set; }
}
