using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace Intake.Functions.Http.Routes;

/// <summary>
/// One answer a route gives: its status, what it means, and its body's media type and schema, either
/// a response record (<see cref="Record"/>, whose schema the serialiser's own type information gives)
/// or a schema of its own (<see cref="Schema"/>).
/// </summary>
/// <param name="Status">The HTTP status.</param>
/// <param name="Description">When it is given.</param>
public sealed record ApiAnswer(int Status, string Description)
{
    /// <summary>The media type of JSON answers.</summary>
    public const string Json = "application/json";

    /// <summary>The body's media type; <c>null</c> for no body.</summary>
    public string? MediaType { get; init; } = Json;

    /// <summary>The response record the body is, written by <see cref="Responses.ResponseJson"/>.</summary>
    public JsonTypeInfo? Record { get; init; }

    /// <summary>The body's schema when it is not a response record.</summary>
    public JsonObject? Schema { get; init; }

    /// <summary>Response headers that matter to a client (<c>Location</c>, <c>Retry-After</c>).</summary>
    public IReadOnlyList<string> Headers { get; init; } = [];

    /// <summary><paramref name="status"/> with <paramref name="record"/>'s JSON.</summary>
    public static ApiAnswer Of(int status, string description, JsonTypeInfo record) => new(status, description) { Record = record };

    /// <summary>Problem details (RFC 9457).</summary>
    public static ApiAnswer Problem(int status, string description) =>
        new(status, description) { MediaType = Problems.ContentType, Schema = JsonSchemas.Ref(ApiComponents.Problem) };

    /// <summary>A <c>400</c> problem with <c>errors</c> keyed by the JSON path (or parameter) in error.</summary>
    public static ApiAnswer Invalid(string description) =>
        new(400, description) { MediaType = Problems.ContentType, Schema = JsonSchemas.Ref(ApiComponents.ValidationProblem) };

    /// <summary>A FHIR R4 resource (an OperationOutcome for an error).</summary>
    public static ApiAnswer Fhir(int status, string description) =>
        new(status, description) { MediaType = FhirJson.MediaType, Schema = JsonSchemas.Ref(ApiComponents.FhirResource) };

    /// <summary>A body that is not JSON (a page, an asset, a CSV file).</summary>
    public static ApiAnswer Text(int status, string description, string mediaType) =>
        new(status, description) { MediaType = mediaType, Schema = JsonSchemas.String() };

    /// <summary>This answer with <paramref name="headers"/>.</summary>
    public ApiAnswer With(params string[] headers) => this with { Headers = [.. Headers, .. headers] };
}
