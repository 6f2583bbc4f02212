using System.Globalization;

namespace Intake.Core.Workflows.Alerts;

/// <summary>One e-mail to send. It never holds clinical or contact details of a patient: ids, dates, words and a link.</summary>
/// <param name="To">The recipient's address.</param>
/// <param name="Subject">The subject line.</param>
/// <param name="Body">The plain-text body.</param>
/// <param name="MessageId">
/// The Message-Id, without angle brackets (<c>urgent-{id}-v{version}@mbcintake</c>): the same for a
/// redelivered alert, so that a rare duplicate is recognisable as one.
/// </param>
public sealed record AlertEmail(string To, string Subject, string Body, string MessageId);
