using Intake.Testing;

namespace Intake.Browser.Tests;

/// <summary>Azurite and the local host on it, new for each test class: the service as a newcomer runs it, with lists of its own.</summary>
public class ServiceFixture : IAsyncLifetime
{
    /// <summary>Settings the host starts with beyond the defaults.</summary>
    protected virtual IReadOnlyDictionary<string, string?>? Settings => null;

    public Azurite Azurite { get; private set; } = null!;

    public LocalHostProcess Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Azurite = await Azurite.StartAsync();
        Host = await LocalHostProcess.StartAsync(Azurite.ConnectionString, Settings);
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
        // What the tests sent and read through the host's clients (seeding, reading back) is as the API document says.
        Host?.AssertAnswersMatchTheApiDocument();
    }
}
