using System.Globalization;

namespace Intake.Core.Workflows.Team;

/// <summary>A confirmation of the referrer's e-mail address.</summary>
/// <param name="Outcome">Done (recorded now or before), not found, or not applicable (with <paramref name="Detail"/>).</param>
/// <param name="Submission">The record afterwards, when done.</param>
/// <param name="Detail">Why it does not apply, for the caller.</param>
/// <param name="OtherAddress">True when the address given is not the referral's: the caller's input is wrong (400), not the submission's state.</param>
public sealed record ReferrerConfirmationResult(ActionOutcome Outcome, Submission? Submission, string? Detail = null, bool OtherAddress = false);
