using System.Text.Json;
using Intake.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Intake.Functions.Http;

/// <summary>A staff request about one submission with a JSON body: the id from the route, the body read within the API's limits.</summary>
public static class SubmissionRequest
{
    /// <summary>
    /// The submission id (a lower-case UUID) and the parsed body, or the problem to answer:
    /// <c>404</c> for an id that cannot be one, else <see cref="JsonBody"/>'s 400, 413 or 415.
    /// </summary>
    public static async Task<(string Id, JsonDocument Body, IActionResult? Problem)> ReadAsync(HttpRequest request, string id, CancellationToken cancellationToken)
    {
        if (SubmissionReader.NormaliseId(id) is not { } key)
        {
            return ("", null!, Problems.NotFound());
        }
        var (document, problem) = await JsonBody.ReadAsync(request, cancellationToken);
        return (key, document!, problem);
    }
}
