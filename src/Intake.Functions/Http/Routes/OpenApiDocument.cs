using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Azure.Functions.Worker;

namespace Intake.Functions.Http.Routes;

/// <summary>
/// The OpenAPI 3.1 document of every HTTP route (<c>GET /api/openapi.json</c>), generated: the
/// methods, routes and authorization levels from the functions' trigger attributes
/// (<see cref="HttpFunction"/>), the rest from the route catalogue (<see cref="ApiRoutes"/>), the
/// response records' schemas from their serialiser (<see cref="ResponseSchemas"/>) and the answers'
/// schema from the question table (<see cref="AnswersSchema"/>). It refuses to build when a function
/// and the catalogue disagree, so the document cannot fall behind the code.
/// </summary>
public static partial class OpenApiDocument
{
    /// <summary>The OpenAPI version written.</summary>
    public const string Version = "3.1.1";

    /// <summary>The extension member that names the staff role a route needs (<c>coordinator</c>, <c>manager</c>).</summary>
    public const string RoleExtension = "x-intake-role";

    /// <summary>The document's security schemes.</summary>
    public const string FunctionKey = "functionKey", FunctionKeyQuery = "functionKeyQuery", PartnerKey = "partnerKey", Challenge = "altcha";

    private static readonly Lazy<string> Text = new(() => Build(HttpFunction.All, ApiRoutes.All).ToJsonString(new JsonSerializerOptions { WriteIndented = true }));

    /// <summary>The document of this app, as JSON text (built once).</summary>
    public static string Json => Text.Value;

    /// <summary>The document of <paramref name="functions"/> described by <paramref name="routes"/>.</summary>
    /// <exception cref="InvalidOperationException">A function without an entry, an entry without a function, or an entry whose access contradicts the trigger's level.</exception>
    public static JsonObject Build(IReadOnlyList<HttpFunction> functions, IReadOnlyDictionary<string, ApiRoute> routes)
    {
        ArgumentNullException.ThrowIfNull(functions);
        ArgumentNullException.ThrowIfNull(routes);
        var missing = functions.Where(f => !routes.ContainsKey(f.Name)).Select(f => f.Name).ToArray();
        if (missing.Length > 0)
        {
            throw new InvalidOperationException($"HTTP functions without an entry in ApiRoutes: {string.Join(", ", missing)}. Describe each there.");
        }
        var unknown = routes.Keys.Except(functions.Select(f => f.Name)).ToArray();
        if (unknown.Length > 0)
        {
            throw new InvalidOperationException($"ApiRoutes describes functions that do not exist: {string.Join(", ", unknown)}.");
        }
        var components = new JsonObject();
        foreach (var (name, schema) in ApiComponents.Schemas())
        {
            components[name] = schema;
        }
        var paths = new JsonObject();
        foreach (var function in functions)
        {
            var route = routes[function.Name];
            var staff = route.Access is RouteAccess.Coordinator or RouteAccess.Manager;
            if (staff != (function.Level == AuthorizationLevel.Function))
            {
                throw new InvalidOperationException($"{function.Name}: ApiRoutes says {route.Access}, its trigger says AuthorizationLevel.{function.Level}.");
            }
            foreach (var path in Paths(function.Route))
            {
                var item = paths[path] as JsonObject ?? (JsonObject)(paths[path] = new JsonObject());
                foreach (var method in function.Methods)
                {
                    item[method.ToLowerInvariant()] = Operation(function, route, path, components);
                }
            }
        }
        return new JsonObject
        {
            ["openapi"] = Version,
            ["info"] = new JsonObject
            {
                ["title"] = "MbcIntake",
                ["version"] = "1",
                ["summary"] = "Interest forms and referrals for the metastatic breast cancer registry (NCT03737695), pre-checked against the protocol's criteria.",
                ["description"] = "Generated from the functions and their route catalogue. api.md and api-2.md fix the contract; docs/api-extensions.md says where the service extends them. "
                    + "Staff routes need the function key; in Azure, App Service Authentication signs staff in and " + RoleExtension + " names the app role a route needs (a manager holds the coordinator's too).",
            },
            ["paths"] = Sorted(paths),
            ["components"] = new JsonObject
            {
                ["schemas"] = Sorted(components),
                ["securitySchemes"] = new JsonObject
                {
                    [FunctionKey] = Key("header", "x-functions-key", "The function key (the study team's key)."),
                    [FunctionKeyQuery] = Key("query", "code", "The function key, as a query parameter."),
                    [PartnerKey] = Key("header", "x-partner-key", "A partner system's key (Intake:Partners:Keys), instead of a solved challenge."),
                    [Challenge] = Key("header", "X-Altcha", "A solved ALTCHA challenge of GET /api/challenge (the widget's base64 payload): single-use."),
                },
            },
        };
    }

    /// <summary>The OpenAPI paths of a route template: an optional parameter (<c>{page?}</c>) gives the path without it and the path with it.</summary>
    public static IReadOnlyList<string> Paths(string template)
    {
        ArgumentNullException.ThrowIfNull(template);
        var optional = OptionalParameter().Match(template);
        if (!optional.Success)
        {
            return ["/" + Constraints().Replace(template, "{$1}")];
        }
        var without = template.Remove(optional.Index, optional.Length).TrimEnd('/');
        var with = template.Remove(optional.Index, optional.Length).Insert(optional.Index, $"{{{optional.Groups[1].Value}}}");
        return ["/" + without, .. Paths(with)];
    }

    private static JsonObject Operation(HttpFunction function, ApiRoute route, string path, JsonObject components)
    {
        var operation = new JsonObject
        {
            ["operationId"] = Paths(function.Route).Count > 1 && !path.Contains('{', StringComparison.Ordinal) ? function.Name + "Root" : function.Name,
            ["summary"] = route.Summary,
            ["tags"] = new JsonArray(Tag(route.Access)),
            ["security"] = Security(route.Access),
        };
        if (route.Access is RouteAccess.Coordinator or RouteAccess.Manager)
        {
            operation[RoleExtension] = route.Access == RouteAccess.Manager ? "manager" : "coordinator";
        }
        var parameters = new JsonArray();
        foreach (Match parameter in PathParameter().Matches(path))
        {
            var name = parameter.Groups[1].Value;
            if (!ApiRoutes.PathParameters.TryGetValue(name, out var described))
            {
                throw new InvalidOperationException($"{function.Name}: the path parameter {{{name}}} is not described in ApiRoutes.PathParameters.");
            }
            parameters.Add(new JsonObject { ["name"] = name, ["in"] = "path", ["required"] = true, ["description"] = described.Description, ["schema"] = described.Schema() });
        }
        foreach (var query in route.Query)
        {
            parameters.Add(new JsonObject { ["name"] = query.Name, ["in"] = "query", ["required"] = false, ["description"] = query.Description, ["schema"] = query.Schema.DeepClone() });
        }
        if (parameters.Count > 0)
        {
            operation["parameters"] = parameters;
        }
        if (route.Body is { } body)
        {
            operation["requestBody"] = new JsonObject
            {
                ["required"] = true,
                ["content"] = new JsonObject { [route.BodyMediaType] = new JsonObject { ["schema"] = body.DeepClone() } },
            };
        }
        var responses = new JsonObject();
        foreach (var answer in Answers(route).OrderBy(a => a.Status))
        {
            responses[answer.Status.ToString(CultureInfo.InvariantCulture)] = Response(answer, components);
        }
        operation["responses"] = responses;
        return operation;
    }

    // The route's own answers, then those every route of its kind gives, unless it lists that status itself.
    private static IEnumerable<ApiAnswer> Answers(ApiRoute route)
    {
        var fhir = route.FhirErrors;
        ApiAnswer Error(int status, string description) => fhir ? ApiAnswer.Fhir(status, description) : ApiAnswer.Problem(status, description);
        var shared = new List<ApiAnswer>();
        if (route.Access is RouteAccess.Coordinator or RouteAccess.Manager)
        {
            // The host answers before the function runs: problem details locally, whatever the platform gives in Azure.
            shared.Add(ApiAnswer.Problem(401, "No function key, or a wrong one: nothing about whether the id exists."));
            shared.Add(Error(403, "Nobody signed in (behind App Service Authentication), or the signed-in person lacks the role."));
            shared.Add(Error(503, "Storage cannot be reached: try again after Retry-After seconds; history shows whether a change went in.").With("Retry-After"));
        }
        if (route.Access == RouteAccess.PublicForm)
        {
            shared.Add(Error(401, "The partner key is not one this service knows."));
            shared.Add(Error(429, "Too many submissions from this address: nothing was stored; send again after Retry-After seconds.").With("Retry-After"));
            shared.Add(Error(503, "Storage cannot be reached: nothing was stored; send the same request again after Retry-After seconds.").With("Retry-After"));
        }
        if (route.Body is not null)
        {
            shared.Add(fhir ? ApiAnswer.Fhir(400, "The body has problems.") : ApiAnswer.Invalid("The body is not valid JSON, or has problems: errors names each."));
            shared.Add(Error(408, "The body did not all arrive in time: nothing was stored; the connection is closed."));
            shared.Add(Error(413, $"The body is over {JsonBody.MaxBytes / 1024} KiB."));
            shared.Add(Error(415, "The body is not of the media type the route reads, in UTF-8."));
        }
        if (route.Query.Count > 0)
        {
            shared.Add(ApiAnswer.Invalid("A parameter is wrong: errors names it."));
        }
        var own = route.Answers.Select(a => a.Status).ToHashSet();
        return route.Answers.Concat(shared.Where(a => own.Add(a.Status)));
    }

    private static JsonObject Response(ApiAnswer answer, JsonObject components)
    {
        var response = new JsonObject { ["description"] = answer.Description };
        if (answer.Headers.Count > 0)
        {
            var headers = new JsonObject();
            foreach (var header in answer.Headers)
            {
                headers[header] = new JsonObject
                {
                    ["description"] = header == "Retry-After" ? "Seconds to wait before asking again." : "Where the submission is (its staff route).",
                    ["schema"] = header == "Retry-After" ? new JsonObject { ["type"] = "integer" } : JsonSchemas.String(),
                };
            }
            response["headers"] = headers;
        }
        if (answer.MediaType is { } mediaType)
        {
            var content = new JsonObject();
            if (answer.Record is { } record)
            {
                var name = record.Type.Name;
                components[name] ??= ResponseSchemas.Of(record);
                content["schema"] = JsonSchemas.Ref(name);
            }
            else if (answer.Schema is { } schema)
            {
                content["schema"] = schema.DeepClone();
            }
            response["content"] = new JsonObject { [mediaType] = content };
        }
        return response;
    }

    private static JsonArray Security(RouteAccess access) => access switch
    {
        RouteAccess.Public => [],
        RouteAccess.PublicForm => [new JsonObject { [Challenge] = new JsonArray() }, new JsonObject { [PartnerKey] = new JsonArray() }],
        _ => [new JsonObject { [FunctionKey] = new JsonArray() }, new JsonObject { [FunctionKeyQuery] = new JsonArray() }],
    };

    private static string Tag(RouteAccess access) => access switch
    {
        RouteAccess.Public => "public",
        RouteAccess.PublicForm => "public forms",
        RouteAccess.Coordinator => "study team",
        _ => "study team: manager",
    };

    private static JsonObject Key(string where, string name, string description) =>
        new() { ["type"] = "apiKey", ["in"] = where, ["name"] = name, ["description"] = description };

    private static JsonObject Sorted(JsonObject members)
    {
        var sorted = new JsonObject();
        foreach (var name in members.Select(m => m.Key).Order(StringComparer.Ordinal).ToArray())
        {
            var value = members[name];
            members.Remove(name);
            sorted[name] = value;
        }
        return sorted;
    }

    [GeneratedRegex(@"\{([A-Za-z]+)\?\}")]
    private static partial Regex OptionalParameter();

    [GeneratedRegex(@"\{([A-Za-z]+)(?::[^}]*)?\}")]
    private static partial Regex Constraints();

    [GeneratedRegex(@"\{([A-Za-z]+)\}")]
    private static partial Regex PathParameter();
}
