using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Intake.Functions.Http.Routes;

/// <summary>
/// The JSON Schema of a response record, from the same source-generated type information that writes
/// it (<see cref="Responses.ResponseJson"/>), by System.Text.Json's <see cref="JsonSchemaExporter"/>:
/// what the schema says is what the serialiser does. Objects are closed and every member that is
/// always written is required, so a schema check notices a member renamed, added or dropped.
/// </summary>
public static class ResponseSchemas
{
    private static readonly JsonSchemaExporterOptions Options = new()
    {
        TreatNullObliviousAsNonNullable = true,
        TransformSchemaNode = Close,
    };

    /// <summary>The schema of <paramref name="type"/>'s JSON.</summary>
    public static JsonNode Of(JsonTypeInfo type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return type.GetJsonSchemaAsNode(Options);
    }

    /// <summary>The schema of <paramref name="type"/>'s JSON as <paramref name="options"/> write it (a framework type such as problem details).</summary>
    public static JsonNode Of(Type type, JsonSerializerOptions options) => options.GetJsonSchemaAsNode(type, Options);

    private static JsonNode Close(JsonSchemaExporterContext context, JsonNode schema)
    {
        AllowNullItems(context, schema);
        if (context.TypeInfo.Kind != JsonTypeInfoKind.Object || schema is not JsonObject { } node || !node.ContainsKey("properties"))
        {
            return schema;
        }
        var options = context.TypeInfo.Options;
        var required = context.TypeInfo.Properties.Where(p => AlwaysWritten(p, options)).Select(p => (JsonNode)JsonValue.Create(p.Name)).ToArray();
        node.Remove("required");
        if (required.Length > 0)
        {
            node["required"] = new JsonArray(required);
        }
        // Extension data (problem details' extensions) is open by design; any other object is closed.
        if (!context.TypeInfo.Properties.Any(p => p.IsExtensionData))
        {
            node["additionalProperties"] = false;
        }
        return node;
    }

    // The exporter cannot see a nullable type argument (IReadOnlyDictionary<string, TimerPassResponse?>):
    // the member's own annotation says whether a list's items or a map's values may be null.
    private static void AllowNullItems(JsonSchemaExporterContext context, JsonNode schema)
    {
        if (context.PropertyInfo?.AttributeProvider is not PropertyInfo member || schema is not JsonObject node
            || (node["additionalProperties"] ?? node["items"]) is not JsonObject inner)
        {
            return;
        }
        var arguments = new NullabilityInfoContext().Create(member).GenericTypeArguments;
        if (arguments.Length == 0 || arguments[^1].ReadState != NullabilityState.Nullable)
        {
            return;
        }
        switch (inner["type"])
        {
            case JsonValue type:
                inner["type"] = new JsonArray((string)type!, "null");
                break;
            case JsonArray types when !types.Any(t => (string?)t == "null"):
                types.Add("null");
                break;
        }
        if (inner["enum"] is JsonArray values && !values.Any(v => v is null))
        {
            values.Add(null);
        }
    }

    // Written every time unless the member or the options skip it when it is null or default.
    private static bool AlwaysWritten(JsonPropertyInfo property, JsonSerializerOptions options)
    {
        if (property.IsExtensionData || property.Get is null)
        {
            return false;
        }
        var condition = (property.AttributeProvider as MemberInfo)?.GetCustomAttribute<JsonIgnoreAttribute>()?.Condition ?? options.DefaultIgnoreCondition;
        return condition is not (JsonIgnoreCondition.WhenWritingNull or JsonIgnoreCondition.WhenWritingDefault);
    }
}
