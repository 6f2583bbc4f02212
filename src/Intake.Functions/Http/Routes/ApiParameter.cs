using System.Text.Json.Nodes;

namespace Intake.Functions.Http.Routes;

/// <summary>A query parameter of a route (path parameters come from the route template itself).</summary>
/// <param name="Name">Its name in the query string.</param>
/// <param name="Description">What it does, in the words of api.md and api-2.md.</param>
/// <param name="Schema">Its value's schema.</param>
public sealed record ApiParameter(string Name, string Description, JsonObject Schema);
