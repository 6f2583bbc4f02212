using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace Intake.Functions.Http;

/// <summary>
/// Puts <see cref="ApiResponseHeaders"/> first in the app's ASP.NET Core pipeline. Registered by
/// <c>AddIntake</c>, it runs wherever the app's services run an ASP.NET Core host: in Azure, the
/// worker's own pipeline of the ASP.NET Core integration (<c>ConfigureFunctionsWebApplication</c>,
/// which every HTTP invocation passes through); locally, the local host's pipeline, with no code of
/// the app's in the local host. An <see cref="IStartupFilter"/> is how ASP.NET Core's hosting lets
/// a library add middleware around a pipeline it does not build.
/// </summary>
public sealed class ApiResponseHeadersStartupFilter : IStartupFilter
{
    /// <inheritdoc/>
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.UseMiddleware<ApiResponseHeaders>();
        next(app);
    };
}
