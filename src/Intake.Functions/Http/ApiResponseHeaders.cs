using Microsoft.AspNetCore.Http;

namespace Intake.Functions.Http;

/// <summary>
/// The headers of every answer under <c>/api</c> and <c>/fhir</c> (api-2.md, "Every /api response"):
/// <c>Cache-Control: no-store</c> and <c>X-Content-Type-Options: nosniff</c>, errors included. Staff
/// answers carry patient data, and no browser or proxy may keep them. An ASP.NET Core middleware at
/// the start of the pipeline (<see cref="ApiResponseHeadersStartupFilter"/>), so it covers the answers
/// of every function and of the pipeline itself; it sets the headers as the answer starts, after
/// anything a function or an exception handler set or cleared. The pages and their assets keep
/// their own caching rules (<c>PagesFunction</c>).
/// </summary>
public sealed class ApiResponseHeaders(RequestDelegate next)
{
    /// <summary>The <c>Cache-Control</c> of every API answer.</summary>
    public const string CacheControl = "no-store";

    /// <summary>The <c>X-Content-Type-Options</c> of every API answer.</summary>
    public const string ContentTypeOptions = "nosniff";

    /// <summary>True for a path under <c>/api</c> or <c>/fhir</c> (whole segments, in any case, as routes match).</summary>
    public static bool Covers(PathString path) =>
        path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments("/fhir", StringComparison.OrdinalIgnoreCase);

    /// <summary>Arranges the headers for <paramref name="context"/>'s answer, then runs the rest of the pipeline.</summary>
    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (Covers(context.Request.Path))
        {
            // OnStarting, not now: an exception handler clears the headers before it answers, and
            // callbacks run last-registered first, so this one (the outermost) has the last word.
            context.Response.OnStarting(static state =>
            {
                var headers = ((HttpResponse)state).Headers;
                headers.CacheControl = CacheControl;
                headers.XContentTypeOptions = ContentTypeOptions;
                return Task.CompletedTask;
            }, context.Response);
        }
        return next(context);
    }
}
