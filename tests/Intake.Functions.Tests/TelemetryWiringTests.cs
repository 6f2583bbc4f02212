using Intake.Functions.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Intake.Functions.Tests;

/// <summary>
/// <c>AddIntake</c>'s telemetry: the exporters the configuration names, and none without one.
/// Nothing is sent anywhere (the endpoints are closed loopback ports and nothing is recorded).
/// </summary>
public sealed class TelemetryWiringTests
{
    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        settings["AzureWebJobsStorage"] = "UseDevelopmentStorage=true";
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddIntake(configuration).BuildServiceProvider();
    }

    [Fact]
    public void Without_an_exporter_setting_there_is_no_OpenTelemetry_pipeline_only_the_instruments()
    {
        using var services = Services([]);

        Assert.Null(services.GetService<TracerProvider>());
        Assert.Null(services.GetService<MeterProvider>());
        Assert.NotNull(services.GetRequiredService<IntakeMetrics>());
    }

    [Theory]
    [InlineData(TelemetryServiceCollectionExtensions.OtlpSetting, "http://127.0.0.1:9")]
    [InlineData(TelemetryServiceCollectionExtensions.AzureMonitorSetting, "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=http://127.0.0.1:9/")]
    public void One_exporter_setting_makes_the_trace_and_metric_pipelines(string setting, string value)
    {
        using var services = Services(new() { [setting] = value });

        Assert.NotNull(services.GetService<TracerProvider>());
        Assert.NotNull(services.GetService<MeterProvider>());
    }

    [Fact]
    public void Both_exporter_settings_together_make_one_pipeline_exporting_to_both()
    {
        using var services = Services(new()
        {
            [TelemetryServiceCollectionExtensions.OtlpSetting] = "http://127.0.0.1:9",
            [TelemetryServiceCollectionExtensions.AzureMonitorSetting] = "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=http://127.0.0.1:9/",
            [TelemetryServiceCollectionExtensions.AzureMonitorAuthenticationSetting] = "ClientId=00000000-1111-2222-3333-444444444444;Authorization=AAD",
        });

        Assert.NotNull(services.GetService<TracerProvider>());
    }

    [Theory]
    [InlineData("Authorization=AAD", true)]
    [InlineData("ClientId=00000000-1111-2222-3333-444444444444;Authorization=AAD", true)]
    [InlineData("", false)]
    public void The_authentication_setting_names_a_managed_identity_or_none(string authentication, bool identity)
    {
        Assert.Equal(identity, TelemetryServiceCollectionExtensions.AzureMonitorCredential(authentication) is Azure.Identity.ManagedIdentityCredential);
    }

    [Fact]
    public void An_authentication_setting_that_is_not_Entra_ID_stops_the_start()
    {
        Assert.Throws<InvalidOperationException>(() => TelemetryServiceCollectionExtensions.AzureMonitorCredential("Authorization=Key"));
    }
}
