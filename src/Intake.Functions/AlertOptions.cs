using System.ComponentModel.DataAnnotations;
using MailKit.Security;
using Microsoft.Extensions.Options;

namespace Intake.Functions;

/// <summary>
/// Where and how alert e-mails are sent, from the <c>Intake:Alerts</c> configuration section
/// (<c>Intake__Alerts__SmtpHost</c> as an app setting). The defaults are the local run's:
/// maildev on <c>localhost:1025</c> without TLS, the service on <c>http://localhost:7071</c>.
/// </summary>
public sealed class AlertOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Intake:Alerts";

    /// <summary>The SMTP server's host name.</summary>
    [Required]
    public string SmtpHost { get; set; } = "localhost";

    /// <summary>The SMTP server's port (587 with STARTTLS, 465 with TLS on connect, 1025 for maildev).</summary>
    [Range(1, 65535)]
    public int SmtpPort { get; set; } = 1025;

    /// <summary>
    /// How the connection is secured: <c>None</c> (local maildev only), <c>StartTls</c> (port 587),
    /// <c>SslOnConnect</c> (port 465), <c>StartTlsWhenAvailable</c> or <c>Auto</c>.
    /// </summary>
    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.None;

    /// <summary>The SMTP user name, when the server wants one.</summary>
    public string? UserName { get; set; }

    /// <summary>The SMTP password (a Key Vault reference in Azure), with <see cref="UserName"/>.</summary>
    public string? Password { get; set; }

    /// <summary>Seconds to wait for the SMTP server before a send fails (and the message is tried again).</summary>
    [Range(1, 300)]
    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>The sender of every alert.</summary>
    [Required]
    public string FromAddress { get; set; } = "mbcintake@study.example";

    /// <summary>Where the study team's urgent alerts go.</summary>
    [Required]
    public string TeamAddress { get; set; } = "team@study.example";

    /// <summary>The service's public address, for the links in the alerts.</summary>
    [Required]
    public string PublicBaseUrl { get; set; } = "http://localhost:7071";

    /// <summary>
    /// Urgent e-mails one by one in an hour (UTC) at most, over every instance; the urgent items
    /// after them are counted in one digest e-mail for the hour, sent once the hour is over.
    /// </summary>
    [Range(1, 100_000)]
    public int MaxPerHour { get; set; } = global::Intake.Core.Workflows.Alerts.AlertSettings.DefaultMaxPerHour;

    /// <summary>The problems of these options, none when they are usable.</summary>
    public IEnumerable<string> Problems()
    {
        if (!IsAddress(FromAddress))
        {
            yield return "Intake:Alerts:FromAddress must be one e-mail address such as mbcintake@example.org.";
        }
        if (!IsAddress(TeamAddress))
        {
            yield return "Intake:Alerts:TeamAddress must be one e-mail address such as team@example.org.";
        }
        if (!Uri.TryCreate(PublicBaseUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.Query.Length > 0 || uri.Fragment.Length > 0)
        {
            yield return "Intake:Alerts:PublicBaseUrl must be the service's address such as https://intake.example.org (http or https, no query).";
        }
        if (MaxPerHour is < 1 or > 100_000)
        {
            yield return "Intake:Alerts:MaxPerHour must be a whole number from 1 to 100000 (urgent e-mails one by one in an hour).";
        }
        if (!Enum.IsDefined(Security))
        {
            yield return "Intake:Alerts:Security must be one of None, Auto, SslOnConnect, StartTls, StartTlsWhenAvailable.";
        }
        if (string.IsNullOrEmpty(UserName) != string.IsNullOrEmpty(Password))
        {
            yield return "Intake:Alerts:UserName and Intake:Alerts:Password go together: set both or neither.";
        }
    }

    /// <summary>What the core needs of these options.</summary>
    public global::Intake.Core.Workflows.Alerts.AlertSettings ToSettings() => new(TeamAddress.Trim(), FromAddress.Trim(), new Uri(PublicBaseUrl, UriKind.Absolute), MaxPerHour);

    /// <summary>Refuses options with <see cref="Problems"/>, naming each, when the host starts.</summary>
    public sealed class Validator : IValidateOptions<AlertOptions>
    {
        /// <inheritdoc />
        public ValidateOptionsResult Validate(string? name, AlertOptions options)
        {
            ArgumentNullException.ThrowIfNull(options);
            var problems = options.Problems().ToArray();
            return problems.Length == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }
    }

    private static bool IsAddress(string? value) =>
        !string.IsNullOrWhiteSpace(value) && MimeKit.MailboxAddress.TryParse(value, out var mailbox) && mailbox.Address.Contains('@', StringComparison.Ordinal);
}
