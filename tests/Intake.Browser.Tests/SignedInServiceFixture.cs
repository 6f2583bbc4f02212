namespace Intake.Browser.Tests;

/// <summary>
/// Azurite and a local host told it runs behind App Service Authentication
/// (<c>Intake__Auth__AppServiceAuthentication</c>): the page's requests carry principal headers a
/// test plants as the platform would, and they decide who the page is used by.
/// </summary>
public sealed class SignedInServiceFixture : ServiceFixture
{
    /// <inheritdoc />
    protected override IReadOnlyDictionary<string, string?>? Settings { get; } = new Dictionary<string, string?>
    {
        ["Intake__Auth__AppServiceAuthentication"] = "true",
    };
}
