using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Intake.Functions.Http;

/// <summary>
/// Reads a JSON request body within the API's limits: JSON only, UTF-8, 64 KiB at most, and all of
/// it within <see cref="HttpOptions.BodyReadSeconds"/>.
/// </summary>
public static class JsonBody
{
    /// <summary>The largest body accepted (api.md).</summary>
    public const int MaxBytes = 64 * 1024;

    /// <summary>
    /// Reads and parses the body. Returns the document, or the problem to answer with
    /// (415 not JSON, 413 too large, 400 not valid JSON or duplicate keys, 408 not all sent in time).
    /// </summary>
    /// <remarks>
    /// The deadline and the clock come from the request's services (<see cref="HttpOptions"/> and
    /// <see cref="TimeProvider"/>, registered by <c>AddIntake</c>), so every route that reads a body
    /// has the same deadline without each function carrying it. The deadline cancels the read
    /// itself: it holds whatever rate the server in front enforces, and a client sending just
    /// faster than that rate is cut off too.
    /// </remarks>
    public static Task<(JsonDocument? Document, IActionResult? Problem)> ReadAsync(HttpRequest request, CancellationToken cancellationToken) =>
        ReadAsync(request, JsonMediaTypes, SubmissionReader.DocumentOptions, cancellationToken);

    /// <summary>The media types of a JSON body.</summary>
    public static IReadOnlyList<string> JsonMediaTypes { get; } = ["application/json"];

    /// <summary>
    /// Reads and parses a body of one of <paramref name="mediaTypes"/> (UTF-8) within the same limits,
    /// with <paramref name="options"/>; the problems are those of <see cref="ReadAsync(HttpRequest, CancellationToken)"/>.
    /// </summary>
    public static async Task<(JsonDocument? Document, IActionResult? Problem)> ReadAsync(HttpRequest request, IReadOnlyList<string> mediaTypes,
        JsonDocumentOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!IsOneOf(request.ContentType, mediaTypes))
        {
            return (null, Problems.NotJson());
        }
        if (request.ContentLength > MaxBytes)
        {
            return (null, Problems.TooLarge(MaxBytes));
        }
        var services = request.HttpContext.RequestServices;
        var http = services.GetRequiredService<IOptions<HttpOptions>>().Value;
        var buffer = new byte[MaxBytes + 1];
        var length = 0;
        using (var timeout = new CancellationTokenSource(http.BodyReadDeadline, services.GetRequiredService<TimeProvider>()))
        using (var reading = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token))
        {
            try
            {
                int read;
                while (length < buffer.Length && (read = await request.Body.ReadAsync(buffer.AsMemory(length), reading.Token)) > 0)
                {
                    length += read;
                }
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                return (null, Problems.BodyTooSlow(request.HttpContext.Response, http.BodyReadSeconds));
            }
            catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status408RequestTimeout)
            {
                // The server's own minimum data rate (Kestrel's) ran out first: the same answer.
                return (null, Problems.BodyTooSlow(request.HttpContext.Response, http.BodyReadSeconds));
            }
        }
        if (length > MaxBytes)
        {
            return (null, Problems.TooLarge(MaxBytes));
        }
        if (!System.Text.Unicode.Utf8.IsValid(buffer.AsSpan(0, length)))
        {
            return (null, Problems.BadRequest("The body is not valid UTF-8 text."));
        }
        try
        {
            return (JsonDocument.Parse(buffer.AsMemory(0, length), options), null);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // The parser's message names the position, not the content.
            return (null, Problems.BadRequest($"The body is not valid JSON (UTF-8, no repeated member names): {e.Message}"));
        }
    }

    private static bool IsOneOf(string? contentType, IReadOnlyList<string> mediaTypes) =>
        MediaTypeHeaderValue.TryParse(contentType, out var media)
        && mediaTypes.Contains(media.MediaType, StringComparer.OrdinalIgnoreCase)
        && (media.CharSet is null || string.Equals(media.CharSet, "utf-8", StringComparison.OrdinalIgnoreCase));
}
