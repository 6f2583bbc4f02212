using System.Globalization;

namespace Intake.Core.Workflows.Alerts;

/// <summary>Sends alert e-mails (SMTP in the app).</summary>
public interface IAlertSender
{
    /// <summary>Sends <paramref name="email"/>; throws when it could not be handed to the mail server.</summary>
    Task SendAsync(AlertEmail email, CancellationToken cancellationToken);
}
