using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Intake.Functions.Tests;

/// <summary>The app's own DI (<c>AddIntake</c>) over given settings, as a host would build it: for tests of the settings checked at start.</summary>
internal static class IntakeServices
{
    /// <summary>
    /// A provider of <c>AddIntake</c> with <paramref name="settings"/> (keys as in configuration,
    /// <c>Intake:Http:BodyReadSeconds</c>); the local storage account unless a setting names another.
    /// </summary>
    public static ServiceProvider With(params (string Key, string? Value)[] settings)
    {
        var values = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
            ["Intake:PersonKey:Secret"] = TestData.PersonKey,
        };
        foreach (var (key, value) in settings)
        {
            values[key] = value;
        }
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        return new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration).AddIntake(configuration).BuildServiceProvider();
    }
}
