namespace Intake.Core.Workflows.Team;

/// <summary>
/// A coordinator's word that a referral's referrer e-mail address is the referrer's own (checked,
/// e.g., against the practice's directory or by phone): only then may referrer updates, which tell
/// where the referral stands (up to whether the person enrolled), be e-mailed to it. An address
/// typed into a public form is otherwise anyone's.
/// </summary>
/// <param name="At">When it was confirmed.</param>
/// <param name="By">Who confirmed it (the staff identity).</param>
/// <param name="Email">The address confirmed, as the referral gave it.</param>
public sealed record ReferrerConfirmation(DateTimeOffset At, string By, string Email)
{
    /// <summary>Whether this confirmation is for <paramref name="email"/> (case and surrounding spaces aside).</summary>
    public bool Covers(string? email) =>
        email is not null && string.Equals(Email.Trim(), email.Trim(), StringComparison.OrdinalIgnoreCase);
}
