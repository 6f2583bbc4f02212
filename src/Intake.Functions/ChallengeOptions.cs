using System.ComponentModel.DataAnnotations;

namespace Intake.Functions;

/// <summary>
/// The proof-of-work challenge of the public forms, from the <c>Intake:Challenge</c> configuration
/// section (<c>Intake__Challenge__HmacKey</c>, <c>Intake__Challenge__MaxNumber</c>,
/// <c>Intake__Challenge__ExpiresAfterMinutes</c> as app settings).
/// </summary>
public sealed class ChallengeOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Intake:Challenge";

    /// <summary>
    /// The key that signs the challenges (at least 32 characters). Every instance must share it: in
    /// Azure it is an app setting resolved from Key Vault (infra's <c>challengeKeySecretUri</c>).
    /// Empty: a random key is made when the app starts, good for one process only (local runs and
    /// tests); a warning says so.
    /// </summary>
    public string? HmacKey { get; set; }

    /// <summary>
    /// The cost: the largest number a browser may have to try (on average half of it). The default
    /// keeps the median under a second on a phone-class browser (docs/performance.md).
    /// </summary>
    [Range(1_000, 10_000_000)]
    public int MaxNumber { get; set; } = 20_000;

    /// <summary>Minutes a challenge may be solved and sent in. The pages fetch one when Send is pressed.</summary>
    [Range(1, 60)]
    public int ExpiresAfterMinutes { get; set; } = 5;
}
