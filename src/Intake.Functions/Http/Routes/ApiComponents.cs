using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;

namespace Intake.Functions.Http.Routes;

/// <summary>The schemas every route shares, by their names under <c>components/schemas</c>.</summary>
public static class ApiComponents
{
    /// <summary>Problem details (RFC 9457), as every error of the API is.</summary>
    public const string Problem = "Problem";

    /// <summary>Problem details with <c>errors</c>: each JSON path (or parameter) in error and its messages.</summary>
    public const string ValidationProblem = "ValidationProblem";

    /// <summary>A FHIR R4 resource (loosely: its own specification holds the rest).</summary>
    public const string FhirResource = "FhirResource";

    /// <summary>The shared schemas, made from the types the answers are written from.</summary>
    public static IEnumerable<KeyValuePair<string, JsonNode>> Schemas()
    {
        // Problem details go out through MVC's output formatter; their members carry their JSON names.
        yield return new(Problem, AlwaysTitled(ResponseSchemas.Of(typeof(ProblemDetails), JsonSerializerOptions.Default)));
        yield return new(ValidationProblem, AlwaysTitled(ResponseSchemas.Of(typeof(ValidationProblemDetails), JsonSerializerOptions.Default), "errors"));
        yield return new(FhirResource, new JsonObject
        {
            ["type"] = "object",
            ["description"] = "A FHIR R4 resource as application/fhir+json; see http://hl7.org/fhir/R4/.",
            ["properties"] = new JsonObject { ["resourceType"] = JsonSchemas.String() },
            ["required"] = new JsonArray("resourceType"),
        });
    }

    // api.md: every error has title, status and detail (and a 400 its errors), never null.
    private static JsonNode AlwaysTitled(JsonNode schema, params string[] more)
    {
        var properties = schema["properties"]!;
        properties["title"] = JsonSchemas.String();
        properties["status"] = new JsonObject { ["type"] = "integer" };
        properties["detail"] = JsonSchemas.String();
        schema["required"] = new JsonArray([.. new[] { "title", "status", "detail" }.Concat(more).Select(n => (JsonNode)JsonValue.Create(n))]);
        return schema;
    }
}
