using Intake.Functions;
using Intake.Functions.Telemetry;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddIntake(builder.Configuration);
if (builder.Configuration.ExportsTelemetry())
{
    // As the quickstart samples wire it: the worker's resource and invocation spans (continuing the
    // host's trace), and the host told that the worker exports its own logs. Only with an exporter:
    // otherwise the host would drop the worker's logs and nothing would send them.
    builder.Services.AddOpenTelemetry().UseFunctionsWorkerDefaults();
}
builder.Build().Run();
