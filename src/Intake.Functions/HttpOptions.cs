using System.ComponentModel.DataAnnotations;

namespace Intake.Functions;

/// <summary>
/// Limits on how requests are read, from the <c>Intake:Http</c> configuration section
/// (<c>Intake__Http__BodyReadSeconds</c> as an app setting).
/// </summary>
public sealed class HttpOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Intake:Http";

    /// <summary>
    /// Seconds a client has to send a request's whole body, from the moment the app starts reading
    /// it. A form of at most 64 KiB takes well under a second on any real connection; a client that
    /// trickles it (a byte a second, or just faster than the server's own minimum rate) is cut off
    /// with <c>408</c>, so it cannot hold a worker.
    /// </summary>
    [Range(1, 300)]
    public int BodyReadSeconds { get; set; } = 10;

    /// <summary><see cref="BodyReadSeconds"/> as a span.</summary>
    public TimeSpan BodyReadDeadline => TimeSpan.FromSeconds(BodyReadSeconds);
}
