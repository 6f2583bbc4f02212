using MailKit.Net.Smtp;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Intake.Functions.Email;

/// <summary>
/// Sends alert e-mails through the configured SMTP server with MailKit: one connection per
/// e-mail (alerts are rare), plain text, the alert's own Message-Id. A failure throws, so the
/// queue message is tried again. Nothing about the e-mail is logged.
/// </summary>
public sealed class SmtpAlertSender(IOptions<AlertOptions> options) : IAlertSender
{
    /// <inheritdoc />
    public async Task SendAsync(AlertEmail email, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(email);
        var settings = options.Value;
        using var message = new MimeMessage
        {
            Subject = email.Subject,
            MessageId = email.MessageId,
            Date = DateTimeOffset.UtcNow,
            Body = new TextPart("plain") { Text = email.Body },
        };
        message.From.Add(MailboxAddress.Parse(settings.FromAddress));
        message.To.Add(MailboxAddress.Parse(email.To));
        // Automatic mail: no out-of-office replies back to the service.
        message.Headers.Add("Auto-Submitted", "auto-generated");

        using var client = new SmtpClient { Timeout = settings.TimeoutSeconds * 1000 };
        await client.ConnectAsync(settings.SmtpHost, settings.SmtpPort, settings.Security, cancellationToken);
        if (!string.IsNullOrEmpty(settings.UserName))
        {
            await client.AuthenticateAsync(settings.UserName, settings.Password ?? "", cancellationToken);
        }
        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }
}
