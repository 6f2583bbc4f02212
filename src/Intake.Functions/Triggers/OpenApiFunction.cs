using Intake.Functions.Http.Routes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Intake.Functions.Triggers;

/// <summary>
/// <c>GET /api/openapi.json</c>: the OpenAPI 3.1 document of every route, generated from the
/// functions themselves and their route catalogue (<see cref="OpenApiDocument"/>). Anonymous: it
/// describes the routes, it holds no data.
/// </summary>
public sealed class OpenApiFunction
{
    /// <summary><c>GET /api/openapi.json</c>.</summary>
    [Function(nameof(GetOpenApi))]
    public IActionResult GetOpenApi([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/openapi.json")] HttpRequest request) =>
        new ContentResult { StatusCode = StatusCodes.Status200OK, ContentType = "application/json; charset=utf-8", Content = OpenApiDocument.Json };
}
