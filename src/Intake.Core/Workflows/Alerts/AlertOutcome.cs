using System.Globalization;

namespace Intake.Core.Workflows.Alerts;

/// <summary>What the handling of one alert request did.</summary>
public enum AlertOutcome
{
    /// <summary>The e-mail went out and the record says so.</summary>
    Sent,
    /// <summary>The hour's budget of urgent e-mails was spent: the item is counted in the hour's digest, and the record says so.</summary>
    HeldForDigest,
    /// <summary>Nothing to send: the urgent alert already went out (or the item is no longer urgent), or this referrer update was already sent.</summary>
    AlreadyHandled,
    /// <summary>No submission has this id.</summary>
    NotFound,
    /// <summary>The referrer update cannot be sent: not a referral, or the referrer gave no e-mail address.</summary>
    NoRecipient,
    /// <summary>
    /// The referrer update was not sent: the referrer's address is not confirmed on the submission
    /// (<see cref="ReferrerConfirmation"/>); the history says so and the request is not tried again.
    /// </summary>
    NotConfirmed,
}
