using Intake.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Intake.Functions.Triggers;

/// <summary>
/// The pages people use, served by the app itself: <c>/</c> the patient's interest form,
/// <c>/refer</c> the oncologist's referral form, <c>/team</c> the study team's page, and their
/// assets. Every page carries a strict Content-Security-Policy: only this app's own scripts,
/// styles and API, no inline code, no third party.
/// </summary>
public sealed class PagesFunction
{
    /// <summary>The policy every page is served with.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
        "form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    private static readonly Dictionary<string, string> Pages = new(StringComparer.Ordinal)
    {
        [""] = "index.html",
        ["refer"] = "refer.html",
        ["team"] = "team.html",
    };

    /// <summary><c>GET /</c>, <c>/refer</c>, <c>/team</c>.</summary>
    [Function(nameof(Page))]
    public IActionResult Page([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "{page?}")] HttpRequest request, string? page) =>
        Pages.TryGetValue(page ?? "", out var file) && StaticFiles.Find(file) is { } html
            ? Serve(request, html, cache: "no-cache")
            : Problems.NotFound("No page has this address.");

    /// <summary><c>GET /assets/{name}</c>: the pages' scripts and styles.</summary>
    [Function(nameof(Asset))]
    public IActionResult Asset([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "assets/{name}")] HttpRequest request, string name) =>
        StaticFiles.Find($"assets/{name}") is { } asset
            ? Serve(request, asset, cache: "public, max-age=300")
            : Problems.NotFound("No asset has this name.");

    private static FileContentResult Serve(HttpRequest request, StaticFile file, string cache)
    {
        var headers = request.HttpContext.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.CacheControl = cache;
        return new FileContentResult(file.Content, file.ContentType);
    }
}
