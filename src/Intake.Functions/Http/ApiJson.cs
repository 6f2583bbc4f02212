using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Intake.Functions.Http.Responses;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Intake.Functions.Http;

/// <summary>
/// Writes the service's JSON answers: a response record (<see cref="Responses"/>) with its
/// source-generated serialiser (<see cref="ResponseJson"/>), as <c>application/json; charset=utf-8</c>.
/// </summary>
public static class ApiJson
{
    private const string ContentType = "application/json; charset=utf-8";

    /// <summary>
    /// The escaping of the public routes' answers (the challenge, the <c>202</c>s): as ASP.NET Core's
    /// formatter always wrote them, e.g. a challenge's salt ends with a plain <c>&amp;</c>. The staff
    /// routes' answers keep the default escaping (<c>\u0026</c>, non-ASCII letters escaped).
    /// </summary>
    private static readonly JavaScriptEncoder PublicEscaping = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    /// <summary>200 with <paramref name="response"/> written by its source-generated serialiser (<see cref="ResponseJson"/>).</summary>
    public static ContentResult Ok<T>(T response, JsonTypeInfo<T> type) =>
        new() { StatusCode = StatusCodes.Status200OK, ContentType = ContentType, Content = JsonSerializer.Serialize(response, type) };

    /// <summary>200 with <paramref name="response"/> of a public route (the escaping it always had: <see cref="PublicEscaping"/>).</summary>
    public static ContentResult PublicOk<T>(T response, JsonTypeInfo<T> type) =>
        new() { StatusCode = StatusCodes.Status200OK, ContentType = ContentType, Content = Public(response, type) };

    /// <summary>202 with <c>Location</c> <paramref name="location"/> and <paramref name="response"/> (the escaping of the public routes: <see cref="PublicEscaping"/>).</summary>
    public static ContentResult Accepted<T>(HttpResponse httpResponse, string location, T response, JsonTypeInfo<T> type)
    {
        ArgumentNullException.ThrowIfNull(httpResponse);
        httpResponse.Headers.Location = location;
        return new() { StatusCode = StatusCodes.Status202Accepted, ContentType = ContentType, Content = Public(response, type) };
    }

    /// <summary>
    /// The answer of <c>GET /api/submissions/{id}</c> (and of every team action): the submission's
    /// whole file with the same person's other submissions (<see cref="SubmissionFileResponse"/>), or 404 for an unknown id.
    /// </summary>
    public static async Task<IActionResult> FileAsync(ISubmissionStore store, PersonLinking linking, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(linking);
        if (await store.GetFileAsync(id, cancellationToken) is not { } file)
        {
            return Problems.NotFound();
        }
        var linked = await linking.LinkedToAsync(file.Submission, cancellationToken);
        return Ok(SubmissionFileResponse.Of(file, linked), ResponseJson.Default.SubmissionFileResponse);
    }

    private static string Public<T>(T response, JsonTypeInfo<T> type)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = PublicEscaping }))
        {
            JsonSerializer.Serialize(writer, response, type);
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
