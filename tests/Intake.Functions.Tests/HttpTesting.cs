using System.Text;
using Intake.Functions.Http;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Primitives;

namespace Intake.Functions.Tests;

/// <summary>An executed response: what would go on the wire.</summary>
internal sealed record Answer(int Status, string? ContentType, IHeaderDictionary Headers, string Body)
{
    public JsonElement Json()
    {
        using var document = JsonDocument.Parse(Body);
        return document.RootElement.Clone();
    }

    /// <summary>The messages of <c>errors[path]</c> of a validation problem.</summary>
    public IReadOnlyList<string> ErrorsAt(string path)
    {
        var errors = Json().GetProperty("errors");
        return errors.TryGetProperty(path, out var messages) ? [.. messages.EnumerateArray().Select(m => m.GetString()!)] : [];
    }

    public IReadOnlyList<string> ErrorPaths() => [.. Json().GetProperty("errors").EnumerateObject().Select(p => p.Name)];
}

/// <summary>
/// Requests built on <see cref="DefaultHttpContext"/>, and results executed the way the Functions
/// ASP.NET Core integration executes them (MVC's result executors), so status, headers, content type
/// and body are asserted as a client would see them.
/// </summary>
internal static class HttpTesting
{
    /// <summary>What the results' executors and the body reader (its deadline and clock) take from the request's services.</summary>
    private static readonly IServiceProvider Services = ServicesFor(new MemoryAuditLog(), behindAppServiceAuthentication: false);

    /// <summary>The same, in a host told it runs behind App Service Authentication (<see cref="AuthOptions"/>).</summary>
    private static readonly IServiceProvider SignedInServices = ServicesFor(new MemoryAuditLog(), behindAppServiceAuthentication: true);

    /// <summary>What a request's services hold in a host: logging, the clock, MVC's executors, the audit log and whether it runs behind App Service Authentication.</summary>
    public static IServiceProvider ServicesFor(IAuditLog audit, bool behindAppServiceAuthentication) => new ServiceCollection()
        .AddLogging()
        .AddSingleton(TimeProvider.System)
        .AddSingleton(audit)
        .Configure<AuthOptions>(o => o.AppServiceAuthentication = behindAppServiceAuthentication)
        .AddMvcCore().Services
        .BuildServiceProvider();

    /// <summary>
    /// <paramref name="request"/> as App Service Authentication passes it on for <paramref name="name"/>
    /// holding <paramref name="appRoles"/> (by default the coordinator's), to a host told it runs behind it.
    /// </summary>
    public static HttpRequest SignedIn(this HttpRequest request, string name, params string[] appRoles)
    {
        request.HttpContext.RequestServices = SignedInServices;
        string[] roles = appRoles.Length == 0 ? [ClientPrincipal.CoordinatorRole] : appRoles;
        var principal = new System.Text.Json.Nodes.JsonObject
        {
            ["auth_typ"] = "aad",
            ["claims"] = new System.Text.Json.Nodes.JsonArray([new System.Text.Json.Nodes.JsonObject { ["typ"] = "name", ["val"] = name },
                .. roles.Select(r => new System.Text.Json.Nodes.JsonObject { ["typ"] = "roles", ["val"] = r })]),
            ["name_typ"] = "name",
            ["role_typ"] = "roles",
        };
        request.Headers[ClientPrincipal.Header] = Convert.ToBase64String(Encoding.UTF8.GetBytes(principal.ToJsonString()));
        request.Headers[ClientPrincipal.NameHeader] = name;
        return request;
    }

    /// <summary>A POST; as a partner system (<see cref="TestGates.PartnerKey"/> in x-partner-key) unless <paramref name="asPartner"/> is false.</summary>
    public static HttpRequest Post(byte[] body, string? contentType = "application/json", bool declareLength = true, bool asPartner = true)
    {
        var context = NewContext();
        context.Request.Method = HttpMethods.Post;
        if (asPartner)
        {
            context.Request.Headers["x-partner-key"] = TestGates.PartnerKey;
        }
        context.Request.ContentType = contentType;
        context.Request.Body = new MemoryStream(body);
        if (declareLength)
        {
            context.Request.ContentLength = body.Length;
        }
        return context.Request;
    }

    public static HttpRequest Post(string body, string? contentType = "application/json") => Post(Encoding.UTF8.GetBytes(body), contentType);

    /// <summary>A JSON post whose body is <paramref name="body"/> (of <paramref name="length"/> bytes), read against <paramref name="time"/> with a body deadline of <paramref name="bodyReadSeconds"/>.</summary>
    public static HttpRequest Post(Stream body, long length, TimeProvider time, int bodyReadSeconds)
    {
        var request = Post([]);
        request.HttpContext.RequestServices = new ServiceCollection()
            .AddLogging()
            .AddSingleton(time)
            .AddSingleton<IAuditLog>(new MemoryAuditLog())
            .Configure<HttpOptions>(o => o.BodyReadSeconds = bodyReadSeconds)
            .AddMvcCore().Services
            .BuildServiceProvider();
        request.Body = body;
        request.ContentLength = length;
        return request;
    }

    public static HttpRequest Get(string? id = null, Dictionary<string, StringValues>? query = null)
    {
        var context = NewContext();
        context.Request.Method = HttpMethods.Get;
        if (id is not null)
        {
            context.Request.RouteValues["id"] = id;
        }
        if (query is not null)
        {
            context.Request.Query = new QueryCollection(query);
        }
        return context.Request;
    }

    public static async Task<Answer> ExecuteAsync(IActionResult result, HttpRequest request)
    {
        var context = request.HttpContext;
        await result.ExecuteResultAsync(new ActionContext(context, new RouteData(), new ActionDescriptor()));
        context.Response.Body.Position = 0;
        using var reader = new StreamReader(context.Response.Body, Encoding.UTF8, leaveOpen: true);
        return new Answer(context.Response.StatusCode, context.Response.ContentType, context.Response.Headers, await reader.ReadToEndAsync());
    }

    private static DefaultHttpContext NewContext()
    {
        var context = new DefaultHttpContext { RequestServices = Services };
        context.Response.Body = new MemoryStream();
        return context;
    }
}
