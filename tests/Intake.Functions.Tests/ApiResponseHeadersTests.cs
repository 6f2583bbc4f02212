using Intake.Functions.Http;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Intake.Functions.Tests;

/// <summary>
/// Which answers get <c>Cache-Control: no-store</c> and <c>nosniff</c> (every path under /api and
/// /fhir, not the pages), and that the worker of Program.cs runs the middleware that sets them.
/// Through a running host, with every route and kind of answer: Intake.LocalHost.Tests' ApiResponseHeadersTests.
/// </summary>
public sealed class ApiResponseHeadersTests
{
    [Theory]
    [InlineData("/api", true)]
    [InlineData("/api/worklist", true)]
    [InlineData("/api/export.csv", true)]
    [InlineData("/API/Worklist", true)]
    [InlineData("/api/submissions/3f2b/team-status", true)]
    [InlineData("/fhir", true)]
    [InlineData("/fhir/Questionnaire/referral", true)]
    [InlineData("/", false)]
    [InlineData("/refer", false)]
    [InlineData("/team", false)]
    [InlineData("/assets/form.js", false)]
    [InlineData("/apis", false)]
    [InlineData("/fhirbase", false)]
    [InlineData("/assets/api", false)]
    public void Every_path_under_api_and_fhir_is_covered_and_no_page(string path, bool covered) =>
        Assert.Equal(covered, ApiResponseHeaders.Covers(new PathString(path)));

    [Fact]
    public void The_worker_runs_the_middleware_first_in_the_ASP_NET_Core_pipeline_its_HTTP_invocations_pass_through()
    {
        // As Program.cs builds the worker (without running it: that needs the Functions host).
        var builder = FunctionsApplication.CreateBuilder([]);
        builder.ConfigureFunctionsWebApplication();
        builder.Configuration["AzureWebJobsStorage"] = "UseDevelopmentStorage=true";
        builder.Services.AddIntake(builder.Configuration);

        // The ASP.NET Core integration runs a standard web host (which applies every IStartupFilter
        // of the container around its pipeline), and AddIntake gives it the filter, once.
        Assert.Contains(builder.Services, d => d.ServiceType == typeof(IHostedService) && d.ImplementationType?.FullName == "Microsoft.AspNetCore.Hosting.GenericWebHostService");
        Assert.Single(builder.Services, d => d.ServiceType == typeof(IStartupFilter) && d.ImplementationType == typeof(ApiResponseHeadersStartupFilter));
    }

    [Fact]
    public void The_filter_puts_the_middleware_before_the_rest_of_the_pipeline()
    {
        var order = new List<string>();
        var app = new RecordingApplicationBuilder(order);

        new ApiResponseHeadersStartupFilter().Configure(b => order.Add("the host's pipeline"))(app);

        Assert.Equal(["middleware", "the host's pipeline"], order);
    }

    /// <summary>Records what is added to a pipeline, in order.</summary>
    private sealed class RecordingApplicationBuilder(List<string> order) : Microsoft.AspNetCore.Builder.IApplicationBuilder
    {
        public IServiceProvider ApplicationServices { get; set; } = new ServiceCollection().BuildServiceProvider();

        public Microsoft.AspNetCore.Http.Features.IFeatureCollection ServerFeatures { get; } = new Microsoft.AspNetCore.Http.Features.FeatureCollection();

        public IDictionary<string, object?> Properties { get; } = new Dictionary<string, object?>();

        public RequestDelegate Build() => _ => Task.CompletedTask;

        public Microsoft.AspNetCore.Builder.IApplicationBuilder New() => this;

        public Microsoft.AspNetCore.Builder.IApplicationBuilder Use(Func<RequestDelegate, RequestDelegate> middleware)
        {
            order.Add("middleware");
            return this;
        }
    }
}
