using System.Text.Json.Nodes;

namespace Intake.Functions.Http.Routes;

/// <summary>
/// The small JSON Schema (2020-12, as OpenAPI 3.1 takes it) vocabulary the route catalogue and the
/// answers' schema are written in. Every object is closed (<c>additionalProperties: false</c>), as the
/// strict readers refuse an unknown member.
/// </summary>
public static class JsonSchemas
{
    /// <summary>Where the document keeps its shared schemas.</summary>
    public const string ComponentPrefix = "#/components/schemas/";

    /// <summary>A string, with a <paramref name="format"/> (<c>date</c>, <c>uuid</c>, <c>email</c>) and a largest length if given.</summary>
    public static JsonObject String(string? format = null, int? maxLength = null)
    {
        var schema = new JsonObject { ["type"] = "string" };
        if (format is not null)
        {
            schema["format"] = format;
        }
        if (maxLength is { } max)
        {
            schema["maxLength"] = max;
        }
        return schema;
    }

    /// <summary>A text a person writes: 1 to <paramref name="maxLength"/> characters.</summary>
    public static JsonObject Text(int maxLength) => new() { ["type"] = "string", ["minLength"] = 1, ["maxLength"] = maxLength };

    /// <summary>One of <paramref name="values"/>.</summary>
    public static JsonObject OneOf(IEnumerable<string> values) =>
        new() { ["type"] = "string", ["enum"] = new JsonArray([.. values.Select(v => (JsonNode)JsonValue.Create(v))]) };

    /// <summary>A value of <typeparamref name="T"/> as the answers write it: camelCase (<c>selfScreening</c>, <c>leftMessage</c>).</summary>
    public static JsonObject CamelCase<T>() where T : struct, Enum => OneOf(Questions.Codes(typeof(T)));

    /// <summary>A value of <typeparamref name="T"/> as results and statuses write it: PascalCase (<c>Contacted</c>).</summary>
    public static JsonObject PascalCase<T>() where T : struct, Enum => OneOf(Enum.GetNames<T>());

    /// <summary>A whole number from <paramref name="minimum"/> to <paramref name="maximum"/>.</summary>
    public static JsonObject Integer(int minimum, int maximum) => new() { ["type"] = "integer", ["minimum"] = minimum, ["maximum"] = maximum };

    /// <summary>True or false.</summary>
    public static JsonObject Boolean() => new() { ["type"] = "boolean" };

    /// <summary>Exactly <c>true</c> (a consent).</summary>
    public static JsonObject True() => new() { ["const"] = true };

    /// <summary>A list of <paramref name="items"/>.</summary>
    public static JsonObject ArrayOf(JsonNode items) => new() { ["type"] = "array", ["items"] = items };

    /// <summary><paramref name="schema"/> or <c>null</c> (a reader takes a <c>null</c> member as a member left out).</summary>
    public static JsonObject OrNull(JsonNode schema) => new() { ["anyOf"] = new JsonArray(schema, new JsonObject { ["type"] = "null" }) };

    /// <summary>The shared schema <paramref name="name"/> of the document's components.</summary>
    public static JsonObject Ref(string name) => new() { ["$ref"] = ComponentPrefix + name };

    /// <summary>A closed object of <paramref name="members"/>; those marked required must be there.</summary>
    public static JsonObject Object(params IEnumerable<Member> members)
    {
        var properties = new JsonObject();
        var required = new JsonArray();
        foreach (var member in members)
        {
            properties[member.Name] = member.Schema;
            if (member.Required)
            {
                required.Add(member.Name);
            }
        }
        var schema = new JsonObject { ["type"] = "object", ["properties"] = properties };
        if (required.Count > 0)
        {
            schema["required"] = required;
        }
        schema["additionalProperties"] = false;
        return schema;
    }

    /// <summary>A member that must be there.</summary>
    public static Member Required(string name, JsonNode schema) => new(name, schema, true);

    /// <summary>A member that may be left out (or be <c>null</c>).</summary>
    public static Member Optional(string name, JsonNode schema) => new(name, OrNull(schema), false);

    /// <summary>One member of an object's schema.</summary>
    /// <param name="Name">Its JSON name.</param>
    /// <param name="Schema">Its value's schema.</param>
    /// <param name="Required">True when the object must have it.</param>
    public sealed record Member(string Name, JsonNode Schema, bool Required);
}
