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
    /// The request header that carries the client's address as the platform's front end saw it:
    /// <c>X-Forwarded-For</c> (a list to which each proxy appends the address it was reached from),
    /// or a front end's own one-address header such as Front Door's <c>X-Azure-ClientIP</c>. Empty:
    /// the connection's own address (the local host).
    /// </summary>
    public string? ClientAddressHeader { get; set; }

    /// <summary>
    /// How many proxies in front of the app append to <see cref="ClientAddressHeader"/>: the client
    /// is the entry this many from the right, the one the outermost trusted proxy added; entries a
    /// client forges further left cannot change it. <c>1</c> behind App Service's front end alone
    /// (and for a one-address header), <c>2</c> behind Front Door and App Service's front end. A
    /// request with fewer entries, or an entry that is not an address, is counted by its connection's address.
    /// </summary>
    [Range(1, 10)]
    public int TrustedProxyHops { get; set; } = 1;
}
