using Intake.Testing;

namespace Intake.LocalHost.Tests;

/// <summary>
/// Azurite persisted to a folder of its own (so a test can stop it and start it again with its
/// data) and the local host on it, with a short body deadline: the slow-sender and health tests,
/// one at a time (<see cref="DeadlineAndHealthCollection"/>).
/// </summary>
public sealed class DeadlineAndHealthFixture : IAsyncLifetime
{
    /// <summary>The body deadline the host runs with (<c>Intake__Http__BodyReadSeconds</c>), below Kestrel's own 5 s grace.</summary>
    public const int BodyReadSeconds = 2;

    private string _folder = null!;

    public Azurite Azurite { get; private set; } = null!;

    public LocalHostProcess Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _folder = Directory.CreateTempSubdirectory("azurite-edges-").FullName;
        Azurite = await Azurite.StartAsync(location: _folder);
        Host = await LocalHostProcess.StartAsync(Azurite.ConnectionString, new Dictionary<string, string?>
        {
            ["Intake__Http__BodyReadSeconds"] = $"{BodyReadSeconds}",
        });
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Azurite.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
        // Last, once everything is stopped: a leak anywhere in this fixture's tests fails the run.
        Host.AssertNoPatientDataInOutput();
        Host.AssertAnswersMatchTheApiDocument();
    }
}

/// <summary>The classes on <see cref="DeadlineAndHealthFixture"/>: one stops storage, so they run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class DeadlineAndHealthCollection : ICollectionFixture<DeadlineAndHealthFixture>
{
    public const string Name = "deadline and health";
}
