using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Intake.LocalHost;

/// <summary>One binding of a function, as functions.metadata lists it.</summary>
public sealed record BindingMetadata
{
    /// <summary>The parameter name (or <c>$return</c>).</summary>
    public required string Name { get; init; }
    /// <summary><c>httpTrigger</c>, <c>queueTrigger</c>, <c>timerTrigger</c>, <c>http</c>, ...</summary>
    public required string Type { get; init; }
    /// <summary><c>In</c> or <c>Out</c>.</summary>
    public string? Direction { get; init; }
    /// <summary>HTTP: <c>Anonymous</c>, <c>Function</c> or <c>Admin</c>.</summary>
    public string? AuthLevel { get; init; }
    /// <summary>HTTP: the methods.</summary>
    public string[]? Methods { get; init; }
    /// <summary>HTTP: the route template below the route prefix.</summary>
    public string? Route { get; init; }
    /// <summary>Queue: the queue's name (may be a <c>%setting%</c>).</summary>
    public string? QueueName { get; init; }
    /// <summary>Queue: the connection setting's name.</summary>
    public string? Connection { get; init; }
    /// <summary>Timer: the NCRONTAB schedule (may be a <c>%setting%</c>).</summary>
    public string? Schedule { get; init; }
    /// <summary>Timer: whether to run once at start.</summary>
    public bool RunOnStartup { get; init; }
}

/// <summary>One function, as functions.metadata lists it.</summary>
public sealed record FunctionMetadata
{
    /// <summary>The function's name.</summary>
    public required string Name { get; init; }
    /// <summary>The assembly file.</summary>
    public required string ScriptFile { get; init; }
    /// <summary><c>Namespace.Type.Method</c>.</summary>
    public required string EntryPoint { get; init; }
    /// <summary>Its bindings.</summary>
    public required BindingMetadata[] Bindings { get; init; }

    /// <summary>The trigger binding.</summary>
    [JsonIgnore]
    public BindingMetadata Trigger => Bindings.Single(b => b.Type.EndsWith("Trigger", StringComparison.Ordinal));

    /// <summary>The method the entry point names, found in the loaded assembly.</summary>
    public MethodInfo ResolveMethod()
    {
        var split = EntryPoint.LastIndexOf('.');
        var assembly = Assembly.Load(Path.GetFileNameWithoutExtension(ScriptFile));
        var type = assembly.GetType(EntryPoint[..split], throwOnError: true)!;
        return type.GetMethod(EntryPoint[(split + 1)..], BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static)
            ?? throw new InvalidOperationException($"Function {Name}: no public method {EntryPoint}.");
    }

    /// <summary>Reads functions.metadata.</summary>
    public static IReadOnlyList<FunctionMetadata> Load(string path) =>
        JsonSerializer.Deserialize<FunctionMetadata[]>(File.ReadAllText(path), new JsonSerializerOptions(JsonSerializerDefaults.Web))
        ?? throw new InvalidDataException($"{path} holds no functions.");
}
