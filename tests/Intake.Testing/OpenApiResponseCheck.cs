using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Schema;

namespace Intake.Testing;

/// <summary>
/// An HTTP handler that checks every answer a test receives against the service's own OpenAPI
/// document (<c>GET /api/openapi.json</c>, fetched once from the host it talks to): the status must
/// be one the route documents, the headers it documents (<c>Location</c>, <c>Retry-After</c>) there,
/// the media type one documented for that status, and a JSON body must be valid against the schema
/// documented for it (JSON Schema 2020-12, by JsonSchema.Net); so must a request body the service
/// accepted (a <c>2xx</c>) against the route's request schema. Requests to no documented route (an unknown path, a method a route does not take) are the host's own
/// answers and are not checked. What does not match is noted with the route, the status and the
/// JSON path in error; a fixture asserts at its end that nothing was (<see cref="AssertNoMismatch"/>).
/// </summary>
public sealed partial class OpenApiResponseCheck : DelegatingHandler
{
    /// <summary>Where the service serves its document.</summary>
    public const string DocumentPath = "/api/openapi.json";

    private readonly ConcurrentQueue<string> _mismatches = new();
    private readonly ConcurrentDictionary<string, JsonSchema> _schemas = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _loading = new(1, 1);
    private JsonObject? _document;
    private (Regex Pattern, string Path)[] _paths = [];

    /// <summary>A check in front of <paramref name="inner"/> that fetches the document from the host on the first answer.</summary>
    public OpenApiResponseCheck(HttpMessageHandler inner) : base(inner)
    {
    }

    /// <summary>A check against <paramref name="document"/> (a test of the check itself gives one it changed).</summary>
    public OpenApiResponseCheck(HttpMessageHandler inner, JsonObject document) : base(inner)
    {
        Use(document);
    }

    /// <summary>Every mismatch noted so far: method, route, status, and what is wrong where.</summary>
    public IReadOnlyCollection<string> Mismatches => [.. _mismatches];

    /// <summary>How many answers were checked against a documented route.</summary>
    public int Checked => _checked;

    private int _checked;

    /// <summary>Throws, listing them, when any answer did not match the document.</summary>
    public void AssertNoMismatch()
    {
        var mismatches = Mismatches;
        if (mismatches.Count > 0)
        {
            throw new InvalidOperationException($"{mismatches.Count} answers did not match the service's OpenAPI document ({DocumentPath}):\n{string.Join("\n", mismatches.Distinct().Take(20))}");
        }
    }

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // The body as sent (the ledger in front has buffered it): an accepted one must fit the documented request schema.
        var sent = request.Content is null ? null : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        var response = await base.SendAsync(request, cancellationToken);
        if (request.RequestUri is { } uri && request.Method != HttpMethod.Head)
        {
            await CheckAsync(request.Method.Method.ToLowerInvariant(), uri, sent, request.Content?.Headers.ContentType?.MediaType, response, cancellationToken);
        }
        return response;
    }

    private async Task CheckAsync(string method, Uri uri, byte[]? sent, string? sentType, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var document = _document ?? await LoadAsync(uri, cancellationToken);
        var path = _paths.Where(p => p.Pattern.IsMatch(uri.AbsolutePath)).OrderBy(p => p.Path.Count(c => c == '{')).Select(p => p.Path).FirstOrDefault();
        if (path is null || document["paths"]![path]![method] is not JsonObject operation)
        {
            return;
        }
        Interlocked.Increment(ref _checked);
        var status = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var where = $"{method.ToUpperInvariant()} {path} {status}";
        if (operation["responses"]![status] is not JsonObject documented)
        {
            _mismatches.Enqueue($"{where}: the status is not documented for the route");
            return;
        }
        if (sent is { Length: > 0 } && sentType is not null && response.IsSuccessStatusCode
            && operation["requestBody"]?["content"]?[sentType]?["schema"] is JsonNode requestSchema)
        {
            Validate($"{method.ToUpperInvariant()} {path} request (answered {status})", $"{path} {method} request {sentType}", requestSchema, document, sent);
        }
        foreach (var header in (documented["headers"] as JsonObject ?? []).Select(h => h.Key))
        {
            if (!response.Headers.NonValidated.Contains(header) && !response.Content.Headers.NonValidated.Contains(header))
            {
                _mismatches.Enqueue($"{where}: the documented header {header} is missing");
            }
        }
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        var content = documented["content"] as JsonObject;
        if (mediaType is null || content is null)
        {
            if (mediaType is null != content is null && response.Content.Headers.ContentLength != 0)
            {
                _mismatches.Enqueue($"{where}: the answer's media type {mediaType ?? "(none)"} is not documented for the status");
            }
            return;
        }
        var media = content[mediaType] ?? content["*/*"];
        if (media is null)
        {
            _mismatches.Enqueue($"{where}: the media type {mediaType} is not documented for the status (documented: {string.Join(", ", content.Select(c => c.Key))})");
            return;
        }
        if (!mediaType.EndsWith("json", StringComparison.Ordinal) || media["schema"] is not JsonNode schema)
        {
            return;
        }
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        Validate(where, $"{path} {method} {status} {mediaType}", schema, document, await response.Content.ReadAsByteArrayAsync(cancellationToken));
    }

    /// <summary>Notes a mismatch, as <paramref name="where"/>, when <paramref name="body"/> is not JSON valid against <paramref name="schema"/>.</summary>
    private void Validate(string where, string key, JsonNode schema, JsonObject document, byte[] body)
    {
        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(body);
        }
        catch (JsonException e)
        {
            _mismatches.Enqueue($"{where}: the body is not JSON ({e.Message})");
            return;
        }
        using (json)
        {
            var validator = _schemas.GetOrAdd(key, _ => Compile(schema, document));
            var result = validator.Evaluate(json.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
            if (!result.IsValid)
            {
                var errors = (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
                    .SelectMany(d => d.Errors!.Select(e => $"at '{d.InstanceLocation}' ({d.EvaluationPath}): {e.Key}: {e.Value}"));
                _mismatches.Enqueue($"{where}: the body does not match its schema: {string.Join("; ", errors.Take(5))}");
            }
        }
    }

    /// <summary>
    /// A schema the validator can resolve on its own: the documented schema, beside the document's
    /// shared schemas as <c>$defs</c> (its <c>#/components/schemas/…</c> references pointed there).
    /// </summary>
    private static JsonSchema Compile(JsonNode schema, JsonObject document)
    {
        var root = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$defs"] = document["components"]?["schemas"]?.DeepClone() ?? new JsonObject(),
            ["allOf"] = new JsonArray(schema.DeepClone()),
        };
        var text = root.ToJsonString().Replace("\"#/components/schemas/", "\"#/$defs/", StringComparison.Ordinal);
        return JsonSchema.FromText(text, baseUri: new Uri($"https://mbcintake.test/openapi/{Guid.NewGuid():N}"));
    }

    private async Task<JsonObject> LoadAsync(Uri any, CancellationToken cancellationToken)
    {
        await _loading.WaitAsync(cancellationToken);
        try
        {
            if (_document is null)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(any, DocumentPath));
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
                using var response = await base.SendAsync(request, cancellationToken);
                response.EnsureSuccessStatusCode();
                Use(JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken))!.AsObject());
            }
            return _document!;
        }
        finally
        {
            _loading.Release();
        }
    }

    private void Use(JsonObject document)
    {
        _paths = [.. document["paths"]!.AsObject().Select(p => (new Regex("^" + Parameter().Replace(Regex.Escape(p.Key).Replace(@"\{", "{", StringComparison.Ordinal), "[^/]+") + "$"), p.Key))];
        _document = document;
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _loading.Dispose();
        }
        base.Dispose(disposing);
    }

    [GeneratedRegex(@"\{[^}/]+\}")]
    private static partial Regex Parameter();
}
