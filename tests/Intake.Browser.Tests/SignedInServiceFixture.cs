using Intake.Testing;

namespace Intake.Browser.Tests;

/// <summary>
/// Azurite and a local host told it runs behind App Service Authentication
/// (<c>Intake__Auth__AppServiceAuthentication</c>): the page's requests carry principal headers a
/// test plants as the platform would, and they decide who the page is used by.
/// </summary>
public sealed class SignedInServiceFixture : IAsyncLifetime
{
    public Azurite Azurite { get; private set; } = null!;

    public LocalHostProcess Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Azurite = await Azurite.StartAsync();
        Host = await LocalHostProcess.StartAsync(Azurite.ConnectionString, new Dictionary<string, string?>
        {
            ["Intake__Auth__AppServiceAuthentication"] = "true",
        });
    }

    public async Task DisposeAsync()
    {
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }
        if (Azurite is not null)
        {
            await Azurite.DisposeAsync();
        }
    }
}
