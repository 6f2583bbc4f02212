using System.Text.Json.Nodes;
using Intake.Functions.Http.Routes;
using Intake.Functions.Triggers;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using Document = Intake.Functions.Http.Routes.OpenApiDocument;

namespace Intake.Functions.Tests;

/// <summary>
/// The OpenAPI document (<c>GET /api/openapi.json</c>) is generated from the functions and the route
/// catalogue: every HTTP function is in it on its route and methods, with the security its trigger and
/// <see cref="Http.StaffRoute"/> enforce; an OpenAPI 3.1 reader finds nothing wrong in it; and it
/// cannot be built while a function is left out of the catalogue.
/// </summary>
public sealed class OpenApiDocumentTests
{
    private static readonly JsonObject Built = JsonNode.Parse(Document.Json)!.AsObject();

    private static IEnumerable<(string Path, string Method, JsonObject Operation)> Operations() =>
        from path in Built["paths"]!.AsObject()
        from method in path.Value!.AsObject()
        select (path.Key, method.Key, method.Value!.AsObject());

    [Fact]
    public void An_OpenAPI_3_1_reader_finds_no_error_and_its_validator_no_problem()
    {
        var (document, diagnostic) = Microsoft.OpenApi.OpenApiDocument.Parse(Document.Json, "json");

        Assert.Empty(diagnostic!.Errors.Select(e => $"{e.Pointer}: {e.Message}"));
        Assert.Equal(OpenApiSpecVersion.OpenApi3_1, diagnostic.SpecificationVersion);
        Assert.Empty(document!.Validate(ValidationRuleSet.GetDefaultRuleSet())!.Select(e => $"{e.Pointer}: {e.Message}"));
    }

    [Fact]
    public void Every_http_function_is_there_on_its_route_and_methods_and_nothing_else()
    {
        var expected = HttpFunction.All
            .SelectMany(f => Document.Paths(f.Route).SelectMany(p => f.Methods.Select(m => (Path: p, Method: m.ToLowerInvariant()))))
            .Order().ToArray();

        Assert.Equal(expected, Operations().Select(o => (o.Path, o.Method)).Order().ToArray());
        Assert.Contains(("/api/openapi.json", "get"), expected);
        Assert.Contains(("/", "get"), expected);
        Assert.Contains(("/{page}", "get"), expected);
    }

    [Fact]
    public void Anonymous_triggers_ask_for_no_key_and_function_level_triggers_for_the_function_key_and_a_role()
    {
        foreach (var function in HttpFunction.All)
        {
            foreach (var path in Document.Paths(function.Route))
            {
                var operation = Built["paths"]![path]![function.Methods[0]]!.AsObject();
                var schemes = operation["security"]!.AsArray().SelectMany(s => s!.AsObject().Select(m => m.Key)).ToArray();
                if (function.Level == AuthorizationLevel.Function)
                {
                    Assert.Equal([Document.FunctionKey, Document.FunctionKeyQuery], schemes);
                    Assert.Contains((string?)operation[Document.RoleExtension], new[] { "coordinator", "manager" });
                    Assert.NotNull(operation["responses"]!["401"]);
                    Assert.NotNull(operation["responses"]!["403"]);
                }
                else
                {
                    Assert.DoesNotContain(Document.FunctionKey, schemes);
                    Assert.Null(operation[Document.RoleExtension]);
                }
            }
        }
        var submit = Built["paths"]!["/api/screenings"]!["post"]!["security"]!.ToJsonString();
        Assert.Equal("""[{"altcha":[]},{"partnerKey":[]}]""", submit);
        Assert.Equal("[]", Built["paths"]!["/api/openapi.json"]!["get"]!["security"]!.ToJsonString());
    }

    [Fact]
    public void A_function_left_out_of_the_catalogue_or_contradicting_its_trigger_stops_the_build()
    {
        var without = ApiRoutes.All.Where(r => r.Key != "GetWorklist").ToDictionary();
        var contradicting = ApiRoutes.All.ToDictionary(r => r.Key, r => r.Key == "GetAudit" ? r.Value with { Access = RouteAccess.Public } : r.Value);

        Assert.Contains("GetWorklist", Assert.Throws<InvalidOperationException>(() => Document.Build(HttpFunction.All, without)).Message, StringComparison.Ordinal);
        Assert.Contains("GetAudit", Assert.Throws<InvalidOperationException>(() => Document.Build(HttpFunction.All, contradicting)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_answers_schema_is_the_question_table_a_screening_without_the_referral_only_questions()
    {
        var screening = Built["paths"]!["/api/screenings"]!["post"]!["requestBody"]!["content"]!["application/json"]!["schema"]!["properties"]!["answers"]!;
        var referral = Built["paths"]!["/api/referrals"]!["post"]!["requestBody"]!["content"]!["application/json"]!["schema"]!["properties"]!["answers"]!;

        Assert.Equal(Questions.All.Where(q => !q.ReferralOnly).Select(q => q.Name), screening["properties"]!.AsObject().Select(p => p.Key));
        Assert.Equal(Questions.All.Select(q => q.Name), referral["properties"]!.AsObject().Select(p => p.Key));
        Assert.False((bool)screening["additionalProperties"]!);
        Assert.Equal("""{"type":"integer","minimum":0,"maximum":4,"description":"Which best describes your everyday activity?"}""",
            referral["properties"]!["ecog"]!["anyOf"]![0]!.ToJsonString());
    }

    [Fact]
    public void A_response_record_s_schema_is_its_serialiser_s_closed_with_every_member_required()
    {
        var schema = Built["components"]!["schemas"]!["SignedInStaff"]!;
        var me = Built["paths"]!["/api/me"]!["get"]!["responses"]!["200"]!["content"]!["application/json"]!["schema"]!;

        Assert.Equal("#/components/schemas/SignedInStaff", (string?)me["$ref"]);
        Assert.Equal(["name", "roles"], schema["properties"]!.AsObject().Select(p => p.Key));
        Assert.Equal("""["name","roles"]""", schema["required"]!.ToJsonString());
        Assert.False((bool)schema["additionalProperties"]!);
    }

    [Fact]
    public void A_nullable_type_argument_of_a_record_member_is_nullable_in_its_schema()
    {
        var stats = Built["components"]!["schemas"]!["StatsResponse"]!["properties"]!;

        // A timer pass that never ran is null (IReadOnlyDictionary<string, TimerPassResponse?>); a count never is.
        Assert.Equal("""["object","null"]""", stats["timerPasses"]!["additionalProperties"]!["type"]!.ToJsonString());
        Assert.Equal("\"integer\"", stats["poisonMessages"]!["additionalProperties"]!["type"]!.ToJsonString());
    }

    [Fact]
    public void The_route_answers_the_document_as_JSON()
    {
        var result = Assert.IsType<ContentResult>(new OpenApiFunction().GetOpenApi(HttpTesting.Get()));

        Assert.Equal(200, result.StatusCode);
        Assert.StartsWith("application/json", result.ContentType, StringComparison.Ordinal);
        Assert.Equal(Document.Version, (string?)JsonNode.Parse(result.Content!)!["openapi"]);
    }
}
