using Intake.Testing;

namespace Intake.LocalHost.Tests;

/// <summary>
/// One Azurite with two local hosts on it: <see cref="Behind"/> told it runs behind App Service
/// Authentication (<c>Intake__Auth__AppServiceAuthentication</c>), so it reads the principal headers
/// a test plants as the platform would; <see cref="Local"/> not told so, with a named local staff
/// member (<c>INTAKE_LOCAL_STAFF</c>), so it ignores them.
/// </summary>
public sealed class RolesFixture : IAsyncLifetime
{
    /// <summary>The local staff member <see cref="Local"/> runs with.</summary>
    public const string LocalStaff = "dr.local";

    public Azurite Azurite { get; private set; } = null!;

    public LocalHostProcess Behind { get; private set; } = null!;

    public LocalHostProcess Local { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Azurite = await Azurite.StartAsync();
        Behind = await LocalHostProcess.StartAsync(Azurite.ConnectionString, new Dictionary<string, string?>
        {
            ["Intake__Auth__AppServiceAuthentication"] = "true",
        });
        Local = await LocalHostProcess.StartAsync(Azurite.ConnectionString, new Dictionary<string, string?>
        {
            ["INTAKE_LOCAL_STAFF"] = LocalStaff,
        });
    }

    public async Task DisposeAsync()
    {
        await Behind.DisposeAsync();
        await Local.DisposeAsync();
        await Azurite.DisposeAsync();
        // Last, once everything is stopped: a leak anywhere in this fixture's tests fails the run.
        Behind.AssertNoPatientDataInOutput();
        Behind.AssertAnswersMatchTheApiDocument();
        Local.AssertNoPatientDataInOutput();
        Local.AssertAnswersMatchTheApiDocument();
    }
}

[CollectionDefinition(Name)]
public sealed class RolesCollection : ICollectionFixture<RolesFixture>
{
    public const string Name = "roles";
}
