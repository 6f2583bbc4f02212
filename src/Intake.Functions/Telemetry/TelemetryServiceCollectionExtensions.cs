using Azure.Core;
using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Intake.Functions.Telemetry;

/// <summary>
/// OpenTelemetry for both hosts (called by <c>AddIntake</c>): the app's spans and metrics, the Azure
/// SDK's own spans, and the exporters the configuration asks for. Azure Monitor when
/// <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is set (in Azure), OTLP when
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (locally and in the tests), both when both are, and no
/// exporter at all otherwise (the instruments then cost next to nothing and nothing leaves the process).
/// </summary>
public static class TelemetryServiceCollectionExtensions
{
    /// <summary>The Application Insights connection string (Azure Monitor exporter).</summary>
    public const string AzureMonitorSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    /// <summary><c>Authorization=AAD</c> (and <c>ClientId=…</c> for a user-assigned identity): send as the managed identity, as the Functions host does.</summary>
    public const string AzureMonitorAuthenticationSetting = "APPLICATIONINSIGHTS_AUTHENTICATION_STRING";

    /// <summary>The OTLP endpoint (OTLP exporter; <c>OTEL_EXPORTER_OTLP_PROTOCOL</c> and the other OTEL_* settings apply).</summary>
    public const string OtlpSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>The Azure SDK's switch for its ActivitySource spans (Azure.Data.Tables.*, Azure.Storage.Queues.*, Azure.Core.Http).</summary>
    private const string AzureSdkActivitySourceSwitch = "Azure.Experimental.EnableActivitySource";

    /// <summary>True when <paramref name="configuration"/> names an exporter.</summary>
    public static bool ExportsTelemetry(this IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration[AzureMonitorSetting]) || !string.IsNullOrWhiteSpace(configuration[OtlpSetting]);

    /// <summary>Registers the app's instruments and, when an exporter is configured, OpenTelemetry.</summary>
    public static IServiceCollection AddIntakeTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddMetrics();
        services.AddSingleton<IntakeMetrics>();
        if (!configuration.ExportsTelemetry())
        {
            return services;
        }

        AppContext.SetSwitch(AzureSdkActivitySourceSwitch, true);
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(IntakeTelemetry.Name))
            .WithTracing(tracing => tracing
                // First, so that no exporter sees a span before it is scrubbed.
                .AddProcessor(new TelemetryScrubber())
                .AddSource(IntakeTelemetry.Name)
                .AddSource("Azure.*"))
            .WithMetrics(metrics => metrics.AddMeter(IntakeTelemetry.Name));

        var connectionString = configuration[AzureMonitorSetting];
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            var credential = AzureMonitorCredential(configuration[AzureMonitorAuthenticationSetting]);
            telemetry.UseAzureMonitorExporter(options =>
            {
                options.ConnectionString = connectionString;
                options.Credential = credential;
                // Every trace kept: a registry's volume is small, and a sampled-out trace is the one
                // someone will look for. The daily cap bounds the cost (infra/monitoring.bicep).
                options.TracesPerSecond = null;
                options.SamplingRatio = 1.0F;
                // Live Metrics streams sampled requests and exceptions, with their text, to the portal.
                options.EnableLiveMetrics = false;
            });
        }
        if (!string.IsNullOrWhiteSpace(configuration[OtlpSetting]))
        {
            telemetry.UseOtlpExporter();
        }
        return services;
    }

    /// <summary>
    /// The managed identity an <c>APPLICATIONINSIGHTS_AUTHENTICATION_STRING</c> of
    /// <c>Authorization=AAD[;ClientId=…]</c> asks for (the Application Insights component takes no
    /// key, see infra/monitoring.bicep); <c>null</c> without one.
    /// </summary>
    internal static TokenCredential? AzureMonitorCredential(string? authentication)
    {
        if (string.IsNullOrWhiteSpace(authentication))
        {
            return null;
        }
        var parts = authentication.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => p.Split('=', 2, StringSplitOptions.TrimEntries))
            .Where(p => p.Length == 2)
            .ToDictionary(p => p[0], p => p[1], StringComparer.OrdinalIgnoreCase);
        if (!parts.TryGetValue("Authorization", out var authorization) || !string.Equals(authorization, "AAD", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"{AzureMonitorAuthenticationSetting} must be 'Authorization=AAD' with an optional 'ClientId=…'.");
        }
        return parts.TryGetValue("ClientId", out var clientId) && clientId.Length > 0
            ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
            : new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned);
    }
}
