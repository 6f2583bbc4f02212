using System.Text.Json;
using System.Text.Json.Nodes;

namespace Intake.LocalHost;

/// <summary>The queue settings of host.json (<c>extensions.queues</c>), with the Functions host's defaults.</summary>
public sealed record QueueSettings
{
    /// <summary>Messages fetched at once.</summary>
    public int BatchSize { get; init; } = 16;
    /// <summary>When this few are still running, the next batch is fetched.</summary>
    public int NewBatchThreshold { get; init; } = 8;
    /// <summary>Tries before a message goes to the poison queue.</summary>
    public int MaxDequeueCount { get; init; } = 5;
    /// <summary>How long a failed message waits before it is tried again.</summary>
    public TimeSpan VisibilityTimeout { get; init; } = TimeSpan.Zero;
    /// <summary>The longest wait between polls of an empty queue.</summary>
    public TimeSpan MaxPollingInterval { get; init; } = TimeSpan.FromMinutes(1);
    /// <summary><c>base64</c> (the default) or <c>none</c>.</summary>
    public string MessageEncoding { get; init; } = "base64";
}

/// <summary>What the local host takes from host.json.</summary>
/// <param name="RoutePrefix">The HTTP route prefix (<c>api</c> unless <c>extensions.http.routePrefix</c> says otherwise).</param>
/// <param name="Queues">The queue settings.</param>
public sealed record HostSettings(string RoutePrefix, QueueSettings Queues)
{
    /// <summary>Reads host.json.</summary>
    public static HostSettings Load(string path)
    {
        var root = JsonNode.Parse(File.ReadAllText(path), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true })
            ?? throw new InvalidDataException($"{path} is empty.");
        var extensions = root["extensions"];
        var queues = extensions?["queues"];
        var defaults = new QueueSettings();
        var settings = new QueueSettings
        {
            BatchSize = queues?["batchSize"]?.GetValue<int>() ?? defaults.BatchSize,
            NewBatchThreshold = queues?["newBatchThreshold"]?.GetValue<int>() ?? defaults.NewBatchThreshold,
            MaxDequeueCount = queues?["maxDequeueCount"]?.GetValue<int>() ?? defaults.MaxDequeueCount,
            VisibilityTimeout = Span(queues?["visibilityTimeout"]) ?? defaults.VisibilityTimeout,
            MaxPollingInterval = Span(queues?["maxPollingInterval"]) ?? defaults.MaxPollingInterval,
            MessageEncoding = queues?["messageEncoding"]?.GetValue<string>() ?? defaults.MessageEncoding,
        };
        var prefix = extensions?["http"]?["routePrefix"]?.GetValue<string>() ?? "api";
        return new HostSettings(prefix, settings);
    }

    private static TimeSpan? Span(JsonNode? node) => node is null ? null : TimeSpan.Parse(node.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
}
