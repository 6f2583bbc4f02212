using System.Globalization;

namespace Intake.Core.Workflows.Alerts;

/// <summary>What the alerts need to know about the deployment.</summary>
/// <param name="TeamAddress">Where the study team's alerts go.</param>
/// <param name="FromAddress">The sender of every alert.</param>
/// <param name="PublicBaseUrl">The service's public address (<c>https://…</c>), for the links in the alerts.</param>
/// <param name="MaxPerHour">
/// Urgent e-mails one by one in an hour (UTC) at most; the urgent items after them are counted in
/// the hour's digest e-mail (<see cref="UrgentDigests"/>).
/// </param>
public sealed record AlertSettings(string TeamAddress, string FromAddress, Uri PublicBaseUrl, int MaxPerHour = AlertSettings.DefaultMaxPerHour)
{
    /// <summary>The default of <see cref="MaxPerHour"/>.</summary>
    public const int DefaultMaxPerHour = 10;
}
