using System.Globalization;
using System.Text;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Intake.Functions.Storage;
using Microsoft.Extensions.Configuration;

namespace Intake.LocalHost.Tests;

/// <summary>Everything a storage account holds, as text to search: the raw entities of every table and the messages of every queue.</summary>
internal static class StoredText
{
    /// <summary>The app's storage connection on <paramref name="connectionString"/>, made as the app makes it.</summary>
    public static StorageConnection Connection(string connectionString) => StorageConnection.From(new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?> { [StorageConnection.SettingName] = connectionString }).Build());

    /// <summary>Every value of every entity of every table, and every message of every queue (up to 32 a queue), one a line.</summary>
    public static async Task<string> EverythingAsync(string connectionString)
    {
        var storage = Connection(connectionString);
        var tables = storage.CreateTableServiceClient(new TableClientOptions());
        var queues = storage.CreateQueueServiceClient(new QueueClientOptions());
        var text = new StringBuilder();
        await foreach (var table in tables.QueryAsync())
        {
            await foreach (var entity in tables.GetTableClient(table.Name).QueryAsync<TableEntity>())
            {
                foreach (var (key, value) in entity)
                {
                    text.Append(key).Append('=').Append(Convert.ToString(value, CultureInfo.InvariantCulture)).Append('\n');
                }
            }
        }
        await foreach (var queue in queues.GetQueuesAsync())
        {
            foreach (var message in (await queues.GetQueueClient(queue.Name).PeekMessagesAsync(32)).Value)
            {
                text.Append(message.Body.ToString()).Append('\n');
            }
        }
        return text.ToString();
    }
}
