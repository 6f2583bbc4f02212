using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Queues;
using Intake.Functions.Storage;
using Microsoft.Extensions.Configuration;

namespace Intake.Functions.Tests;

/// <summary><see cref="StorageConnection"/> read from settings; nothing here reaches Azure.</summary>
public sealed class StorageConnectionTests
{
    private static StorageConnection From(params (string Key, string? Value)[] settings) =>
        StorageConnection.From(new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, s.Value)))
            .Build());

    private const string ConnectionString =
        "DefaultEndpointsProtocol=https;AccountName=mbcintake;AccountKey=Zm9vYmFy;EndpointSuffix=core.windows.net";

    [Fact]
    public void A_connection_string_setting_is_used_as_it_is()
    {
        var connection = From(("AzureWebJobsStorage", ConnectionString));

        Assert.Equal(new StorageConnection(ConnectionString, null, null, null), connection);
        Assert.False(connection.UsesIdentity);
    }

    [Fact]
    public void A_connection_string_makes_clients_for_its_account()
    {
        var connection = From(("AzureWebJobsStorage", ConnectionString));

        Assert.Equal(new Uri("https://mbcintake.table.core.windows.net/"), connection.CreateTableServiceClient(new TableClientOptions()).Uri);
        var queues = connection.CreateQueueServiceClient(new QueueClientOptions());
        Assert.Equal(new Uri("https://mbcintake.queue.core.windows.net/"), queues.Uri);
        Assert.Equal("mbcintake", queues.AccountName);
    }

    [Fact]
    public void Queue_clients_always_encode_messages_in_Base64_as_the_queue_trigger_expects()
    {
        var options = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None };

        From().CreateQueueServiceClient(options);

        Assert.Equal(QueueMessageEncoding.Base64, options.MessageEncoding);
    }

    [Fact]
    public void No_setting_means_Azurite_development_storage()
    {
        var connection = From();

        Assert.Equal(StorageConnection.DevelopmentStorage, connection.ConnectionString);
        Assert.Equal("UseDevelopmentStorage=true", connection.ConnectionString);
        Assert.False(connection.UsesIdentity);
        Assert.Null(connection.TableServiceUri);
        Assert.Null(connection.QueueServiceUri);
    }

    [Fact]
    public void An_empty_setting_means_Azurite_development_storage()
    {
        Assert.Equal(StorageConnection.DevelopmentStorage, From(("AzureWebJobsStorage", "")).ConnectionString);
    }

    [Fact]
    public void An_account_name_with_a_managed_identity_gives_the_account_service_URIs_and_the_client_id()
    {
        var connection = From(
            ("AzureWebJobsStorage:accountName", "mbcintakeprod"),
            ("AzureWebJobsStorage:credential", "managedidentity"),
            ("AzureWebJobsStorage:clientId", "00000000-1111-2222-3333-444444444444"));

        Assert.True(connection.UsesIdentity);
        Assert.Null(connection.ConnectionString);
        Assert.Equal(new Uri("https://mbcintakeprod.table.core.windows.net"), connection.TableServiceUri);
        Assert.Equal(new Uri("https://mbcintakeprod.queue.core.windows.net"), connection.QueueServiceUri);
        Assert.Equal("00000000-1111-2222-3333-444444444444", connection.ManagedIdentityClientId);
    }

    [Fact]
    public void An_account_name_alone_signs_in_with_the_default_credential_and_no_client_id()
    {
        var connection = From(("AzureWebJobsStorage:accountName", "mbcintakeprod"));

        Assert.Equal(new Uri("https://mbcintakeprod.table.core.windows.net"), connection.TableServiceUri);
        Assert.Null(connection.ManagedIdentityClientId);
    }

    [Fact]
    public void A_client_id_without_the_managed_identity_credential_is_not_used()
    {
        var connection = From(
            ("AzureWebJobsStorage:accountName", "mbcintakeprod"),
            ("AzureWebJobsStorage:clientId", "00000000-1111-2222-3333-444444444444"));

        Assert.Null(connection.ManagedIdentityClientId);
    }

    [Fact]
    public void Explicit_service_URIs_are_used_as_given_and_win_over_the_account_name()
    {
        var connection = From(
            ("AzureWebJobsStorage:accountName", "ignored"),
            ("AzureWebJobsStorage:tableServiceUri", "https://tables.example.net/"),
            ("AzureWebJobsStorage:queueServiceUri", "https://queues.example.net/"),
            ("AzureWebJobsStorage:credential", "ManagedIdentity"),
            ("AzureWebJobsStorage:clientId", "client-1"));

        Assert.Equal(new Uri("https://tables.example.net/"), connection.TableServiceUri);
        Assert.Equal(new Uri("https://queues.example.net/"), connection.QueueServiceUri);
        Assert.Equal("client-1", connection.ManagedIdentityClientId);
    }

    [Fact]
    public void Identity_clients_are_made_for_the_service_URIs_without_reaching_Azure()
    {
        var connection = From(("AzureWebJobsStorage:accountName", "mbcintakeprod"), ("AzureWebJobsStorage:credential", "managedidentity"), ("AzureWebJobsStorage:clientId", "c"));

        Assert.Equal(new Uri("https://mbcintakeprod.table.core.windows.net"), connection.CreateTableServiceClient(new TableClientOptions()).Uri);
        Assert.Equal(new Uri("https://mbcintakeprod.queue.core.windows.net"), connection.CreateQueueServiceClient(new QueueClientOptions()).Uri);
    }

    [Theory]
    [InlineData("credential", "managedidentity")]
    [InlineData("clientId", "00000000-1111-2222-3333-444444444444")]
    [InlineData("tableServiceUri", "https://tables.example.net/")]
    [InlineData("queueServiceUri", "https://queues.example.net/")]
    public void Identity_settings_with_neither_an_account_nor_both_service_URIs_throw_naming_the_settings(string key, string value)
    {
        var e = Assert.Throws<InvalidOperationException>(() => From(($"AzureWebJobsStorage:{key}", value)));

        Assert.Contains("AzureWebJobsStorage__accountName", e.Message);
        Assert.Contains("AzureWebJobsStorage__tableServiceUri", e.Message);
        Assert.Contains("AzureWebJobsStorage__queueServiceUri", e.Message);
    }

    // The two shapes as Azure hands them to the app: app settings are environment variables, with
    // double underscores for the configuration's sections.

    [Fact]
    public void A_connection_string_app_setting_is_the_connection_string_shape()
    {
        var connection = StorageConnection.From(EnvironmentSettings.Build(new() { ["AzureWebJobsStorage"] = ConnectionString }));

        Assert.False(connection.UsesIdentity);
        Assert.Equal(ConnectionString, connection.ConnectionString);
        Assert.Equal(new Uri("https://mbcintake.table.core.windows.net/"), connection.CreateTableServiceClient(new TableClientOptions()).Uri);
    }

    [Fact]
    public void Identity_app_settings_with_double_underscores_are_the_identity_shape_signed_in_with_the_default_credential()
    {
        var connection = StorageConnection.From(EnvironmentSettings.Build(new()
        {
            ["AzureWebJobsStorage__credential"] = "managedidentity",
            ["AzureWebJobsStorage__clientId"] = "00000000-1111-2222-3333-444444444444",
            ["AzureWebJobsStorage__blobServiceUri"] = "https://stmbcexample.blob.core.windows.net/",
            ["AzureWebJobsStorage__queueServiceUri"] = "https://stmbcexample.queue.core.windows.net/",
            ["AzureWebJobsStorage__tableServiceUri"] = "https://stmbcexample.table.core.windows.net/",
        }));

        Assert.True(connection.UsesIdentity);
        Assert.Equal(new Uri("https://stmbcexample.table.core.windows.net/"), connection.TableServiceUri);
        Assert.Equal(new Uri("https://stmbcexample.queue.core.windows.net/"), connection.QueueServiceUri);
        Assert.Equal("00000000-1111-2222-3333-444444444444", connection.ManagedIdentityClientId);
        Assert.IsType<DefaultAzureCredential>(connection.Credential());
        Assert.Equal(new Uri("https://stmbcexample.queue.core.windows.net/"), connection.CreateQueueServiceClient(new QueueClientOptions()).Uri);
    }
}

/// <summary>
/// Configuration read from real environment variables, as the Functions host reads app settings:
/// each variable gets a prefix unique to the call (so that tests running at the same time never
/// see each other's), is read through <c>AddEnvironmentVariables</c>, and is removed again.
/// </summary>
internal static class EnvironmentSettings
{
    public static IConfiguration Build(Dictionary<string, string> settings)
    {
        var prefix = $"MBCINTAKE_TEST_{Guid.NewGuid():N}_";
        try
        {
            foreach (var (name, value) in settings)
            {
                Environment.SetEnvironmentVariable(prefix + name, value);
            }
            var configuration = new ConfigurationBuilder().AddEnvironmentVariables(prefix).Build();
            // Read everything now: the variables are gone when this returns.
            return new ConfigurationBuilder().AddInMemoryCollection(configuration.AsEnumerable()).Build();
        }
        finally
        {
            foreach (var name in settings.Keys)
            {
                Environment.SetEnvironmentVariable(prefix + name, null);
            }
        }
    }
}
