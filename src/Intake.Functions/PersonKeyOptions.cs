namespace Intake.Functions;

/// <summary>
/// The person key that the people index's digests are keyed with (<see cref="PersonDigests"/>),
/// from the <c>Intake:PersonKey</c> configuration section (<c>Intake__PersonKey__Secret</c>,
/// <c>Intake__PersonKey__File</c> as app settings).
/// </summary>
public sealed class PersonKeyOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Intake:PersonKey";

    /// <summary>
    /// The key (at least 32 characters). In Azure it is an app setting resolved from Key Vault as the
    /// app's identity (infra's <c>personKeySecretUri</c>) and must be set: the app does not start
    /// without it. Changing it unlinks every stored person, so it is never rotated casually
    /// (docs/deploy.md).
    /// </summary>
    public string? Secret { get; set; }

    /// <summary>
    /// Outside Azure, when <see cref="Secret"/> is empty: the file the key is read from, made on the first
    /// start with a random key (owner read and write only). Relative to the host's content root.
    /// Git ignores <c>.local/</c>.
    /// </summary>
    public string File { get; set; } = ".local/person-key";
}
