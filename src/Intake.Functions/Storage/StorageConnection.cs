using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;

namespace Intake.Functions.Storage;

/// <summary>
/// The storage account the app uses, from the same setting the Functions host uses,
/// <c>AzureWebJobsStorage</c>: either a connection string (Azurite's <c>UseDevelopmentStorage=true</c>
/// by default), or identity-based settings (<c>AzureWebJobsStorage__accountName</c> or
/// <c>__tableServiceUri</c> / <c>__queueServiceUri</c>, with <c>__credential=managedidentity</c> and
/// <c>__clientId</c> for a user-assigned identity), read through <see cref="DefaultAzureCredential"/>.
/// </summary>
public sealed record StorageConnection(string? ConnectionString, Uri? TableServiceUri, Uri? QueueServiceUri, string? ManagedIdentityClientId)
{
    /// <summary>The setting's name.</summary>
    public const string SettingName = "AzureWebJobsStorage";

    /// <summary>Azurite on its default ports.</summary>
    public const string DevelopmentStorage = "UseDevelopmentStorage=true";

    /// <summary>True when the app signs in with an identity instead of a connection string.</summary>
    public bool UsesIdentity => ConnectionString is null;

    /// <summary>Reads the setting; with nothing set, Azurite.</summary>
    /// <exception cref="InvalidOperationException">Identity-based settings that name neither an account nor both service URIs.</exception>
    public static StorageConnection From(IConfiguration configuration)
    {
        var section = configuration.GetSection(SettingName);
        if (!string.IsNullOrWhiteSpace(section.Value))
        {
            return new StorageConnection(section.Value, null, null, null);
        }
        if (!section.GetChildren().Any())
        {
            return new StorageConnection(DevelopmentStorage, null, null, null);
        }
        var account = section["accountName"];
        var tableUri = section["tableServiceUri"] ?? (account is null ? null : $"https://{account}.table.core.windows.net");
        var queueUri = section["queueServiceUri"] ?? (account is null ? null : $"https://{account}.queue.core.windows.net");
        if (tableUri is null || queueUri is null)
        {
            throw new InvalidOperationException(
                $"{SettingName} has identity-based settings but no account: set {SettingName}__accountName, or both {SettingName}__tableServiceUri and {SettingName}__queueServiceUri.");
        }
        var clientId = string.Equals(section["credential"], "managedidentity", StringComparison.OrdinalIgnoreCase) ? section["clientId"] : null;
        return new StorageConnection(null, new Uri(tableUri), new Uri(queueUri), clientId);
    }

    /// <summary>The credential for identity-based connections.</summary>
    public TokenCredential Credential() => new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = ManagedIdentityClientId });

    /// <summary>A table service client for this account, its calls bounded by <see cref="StorageCallLimits"/>.</summary>
    public TableServiceClient CreateTableServiceClient(TableClientOptions options)
    {
        StorageCallLimits.Apply(options);
        return ConnectionString is { } cs
            ? new TableServiceClient(cs, options)
            : new TableServiceClient(TableServiceUri!, Credential(), options);
    }

    /// <summary>
    /// A queue service client for this account. Messages are Base64, as the Functions queue trigger
    /// expects; every queue client of the app comes from here. Its calls are bounded by <see cref="StorageCallLimits"/>.
    /// </summary>
    public QueueServiceClient CreateQueueServiceClient(QueueClientOptions options)
    {
        options.MessageEncoding = QueueMessageEncoding.Base64;
        StorageCallLimits.Apply(options);
        return ConnectionString is { } cs
            ? new QueueServiceClient(cs, options)
            : new QueueServiceClient(QueueServiceUri!, Credential(), options);
    }
}
