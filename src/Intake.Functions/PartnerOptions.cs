namespace Intake.Functions;

/// <summary>
/// The partner systems that post to the public routes without a challenge, from the
/// <c>Intake:Partners</c> configuration section: <c>Intake__Partners__Keys__0</c>,
/// <c>Intake__Partners__Keys__1</c>, … as app settings (in Azure, Key Vault references).
/// </summary>
public sealed class PartnerOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Intake:Partners";

    /// <summary>The keys a partner sends in <c>x-partner-key</c>; each at least 32 characters. None: only the challenge admits.</summary>
    public IList<string> Keys { get; } = [];
}
