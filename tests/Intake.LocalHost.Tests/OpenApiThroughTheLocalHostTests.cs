using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Intake.Functions.Http.Routes;
using Intake.Testing;

namespace Intake.LocalHost.Tests;

/// <summary>
/// <c>GET /api/openapi.json</c> through the local host: anonymous, never cached, and it documents
/// every HTTP function the Worker SDK lists in functions.metadata, on its route and methods, with
/// the security its authorization level gives. And the check every fixture runs on the answers its
/// tests receive (<see cref="OpenApiResponseCheck"/>) fails an answer that does not match.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class OpenApiThroughTheLocalHostTests(EndToEndFixture fixture)
{
    private static readonly IReadOnlyList<FunctionMetadata> Functions =
        FunctionMetadata.Load(Path.Combine(Path.GetDirectoryName(LocalHostProcess.Assembly)!, "functions.metadata"));

    private LocalHostProcess Host => fixture.Host;

    private async Task<JsonObject> DocumentAsync()
    {
        using var response = await Host.Anonymous.GetAsync(OpenApiResponseCheck.DocumentPath);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    [Fact]
    public async Task Every_http_function_of_functions_metadata_is_documented_on_its_route_and_methods_with_its_security()
    {
        var document = await DocumentAsync();
        var http = Functions.Where(f => f.Trigger.Type == "httpTrigger").ToArray();
        var operations = 0;

        Assert.Equal("3.1.1", (string?)document["openapi"]);
        foreach (var function in http)
        {
            foreach (var path in OpenApiDocument.Paths(function.Trigger.Route!))
            {
                foreach (var method in function.Trigger.Methods!)
                {
                    var operation = document["paths"]?[path]?[method.ToLowerInvariant()];
                    Assert.True(operation is not null, $"{function.Name}: {method.ToUpperInvariant()} {path} is not in the document.");
                    Assert.StartsWith(function.Name, (string?)operation!["operationId"], StringComparison.Ordinal);
                    var schemes = operation["security"]!.AsArray().SelectMany(s => s!.AsObject().Select(m => m.Key)).ToArray();
                    if (function.Trigger.AuthLevel == "Function")
                    {
                        Assert.Contains(OpenApiDocument.FunctionKey, schemes);
                        Assert.NotNull(operation[OpenApiDocument.RoleExtension]);
                    }
                    else
                    {
                        Assert.Equal("Anonymous", function.Trigger.AuthLevel);
                        Assert.DoesNotContain(OpenApiDocument.FunctionKey, schemes);
                    }
                    operations++;
                }
            }
        }
        // Nothing documented that functions.metadata does not list.
        Assert.Equal(operations, document["paths"]!.AsObject().Sum(p => p.Value!.AsObject().Count));
        Assert.Contains(http, f => f.Trigger.Route == "api/openapi.json" && f.Trigger.AuthLevel == "Anonymous");
    }

    [Fact]
    public async Task The_check_passes_an_answer_as_documented_and_fails_it_against_a_deliberately_wrong_schema()
    {
        var document = await DocumentAsync();
        var wrong = document.DeepClone().AsObject();
        // SignedInStaff as if roles were one number: the real answer (a list of names) no longer fits.
        wrong["components"]!["schemas"]!["SignedInStaff"]!["properties"]!["roles"] = new JsonObject { ["type"] = "integer" };

        var right = await MeThroughAsync(new OpenApiResponseCheck(new SocketsHttpHandler(), document));
        var mismatched = await MeThroughAsync(new OpenApiResponseCheck(new SocketsHttpHandler(), wrong));

        Assert.Equal(1, right.Checked);
        Assert.Empty(right.Mismatches);
        var mismatch = Assert.Single(mismatched.Mismatches);
        Assert.StartsWith("GET /api/me 200: the body does not match its schema", mismatch, StringComparison.Ordinal);
        Assert.Contains("'/roles'", mismatch, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(mismatched.AssertNoMismatch);
    }

    [Fact]
    public async Task The_check_fails_an_undocumented_status_a_missing_header_an_undocumented_media_type_and_a_member_too_many()
    {
        var document = await DocumentAsync();
        var check = new OpenApiResponseCheck(new Canned(), document);
        using var client = new HttpClient(check) { BaseAddress = Host.Address };

        (await client.GetAsync("/api/health?status=418")).Dispose();
        (await client.GetAsync("/api/health?status=503")).Dispose();
        (await client.GetAsync("/api/health?type=text/plain")).Dispose();
        (await client.GetAsync("/api/me?extra=1")).Dispose();
        (await client.GetAsync("/no/such/route")).Dispose();

        Assert.Equal(4, check.Checked);
        Assert.Equal(4, check.Mismatches.Count);
        Assert.Contains(check.Mismatches, m => m.StartsWith("GET /api/health 418: the status is not documented", StringComparison.Ordinal));
        Assert.Contains(check.Mismatches, m => m == "GET /api/health 503: the documented header Retry-After is missing");
        Assert.Contains(check.Mismatches, m => m.StartsWith("GET /api/health 200: the media type text/plain is not documented", StringComparison.Ordinal));
        Assert.Contains(check.Mismatches, m => m.StartsWith("GET /api/me 200: the body does not match its schema", StringComparison.Ordinal) && m.Contains("additionalProperties", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_check_fails_an_accepted_request_body_that_does_not_fit_the_request_schema()
    {
        var check = new OpenApiResponseCheck(new Canned(), await DocumentAsync());
        using var client = new HttpClient(check) { BaseAddress = Host.Address };

        // As if the service had taken an ECOG of 9 and a member no reader knows.
        (await client.PostAsync("/api/screenings?status=202", new StringContent("""{"answers":{"ecog":9},"contact":{"name":"Ann","email":"a@example.org"},"consentToContact":true,"extra":1}""",
            Encoding.UTF8, "application/json"))).Dispose();

        var mismatch = Assert.Single(check.Mismatches, m => m.StartsWith("POST /api/screenings request (answered 202): the body does not match its schema", StringComparison.Ordinal));
        Assert.Contains("'/answers/ecog'", mismatch, StringComparison.Ordinal);
        Assert.Contains("additionalProperties", mismatch, StringComparison.Ordinal);
    }

    private async Task<OpenApiResponseCheck> MeThroughAsync(OpenApiResponseCheck check)
    {
        using var client = new HttpClient(check, disposeHandler: false) { BaseAddress = Host.Address };
        client.DefaultRequestHeaders.Add("x-functions-key", Host.Key);
        using var response = await client.GetAsync("/api/me");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return check;
    }

    /// <summary>A server that answers what the query asks for: a status (503: a problem without Retry-After), a media type, or a member too many for /api/me.</summary>
    private sealed class Canned : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var query = request.RequestUri!.Query;
            var status = query.StartsWith("?status=", StringComparison.Ordinal) ? (HttpStatusCode)int.Parse(query[8..], System.Globalization.CultureInfo.InvariantCulture) : HttpStatusCode.OK;
            var mediaType = query.StartsWith("?type=", StringComparison.Ordinal) ? query[6..] : "application/json";
            var body = request.RequestUri.AbsolutePath == "/api/me" ? """{"name":"local-staff","roles":["coordinator"],"extra":1}""" : """{"status":"ok"}""";
            if (status == HttpStatusCode.ServiceUnavailable)
            {
                // A problem as documented, but without its Retry-After.
                (mediaType, body) = ("application/problem+json", """{"title":"Unavailable","status":503,"detail":"Try again."}""");
            }
            return Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, mediaType) });
        }
    }
}
