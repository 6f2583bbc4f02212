using System.Reflection;
using System.Text.Json.Nodes;
using Azure;
using Intake.Functions.Triggers;
using Intake.Functions.Http;
using Intake.Functions.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;

namespace Intake.Functions.Tests;

/// <summary>
/// Every staff route, with storage failing as it does in an outage (refused, timed out, cut off):
/// the public routes' <c>503</c> problem with <c>Retry-After</c>, never a bare <c>500</c>. The routes
/// are found in the assembly, so a new staff route must be listed here (and go through <c>StaffRoute</c>).
/// </summary>
public sealed class StaffRouteOutageTests
{
    /// <summary>A request each staff function would take to storage, by function name.</summary>
    internal static readonly Dictionary<string, Func<HttpRequest>> Requests = new()
    {
        ["GetSubmission"] = () => HttpTesting.Get(),
        ["GetSubmissionFhir"] = () => HttpTesting.Get(),
        ["GetWorklist"] = () => HttpTesting.Get(),
        ["GetScreenedOut"] = () => HttpTesting.Get(),
        ["GetStats"] = () => HttpTesting.Get(),
        ["SetTeamStatus"] = () => HttpTesting.Post("""{ "status": "Contacted", "note": "Left a message" }"""),
        ["Reopen"] = () => HttpTesting.Post(""),
        ["MarkNotGenuine"] = () => HttpTesting.Post("""{ "reason": "A scripted flood" }"""),
        ["CorrectAnswers"] = () => HttpTesting.Post(new JsonObject { ["answers"] = TestData.AnswersJson() }.ToJsonString()),
        ["RequestReferrerUpdate"] = () => HttpTesting.Post("""{ "status": "underReview" }"""),
        ["ConfirmReferrer"] = () => HttpTesting.Post("""{ "email": "referrer@example.org" }"""),
        ["ReplayPoison"] = () => HttpTesting.Post(""),
        ["GetAudit"] = () => HttpTesting.Get(),
        ["ErasePerson"] = () => HttpTesting.Post("""{ "reason": "The person asked for their data to be erased" }"""),
        ["GetSignedInStaff"] = () => HttpTesting.Get(),
        ["FindPeople"] = () => HttpTesting.Get(query: new() { ["email"] = "ada@example.org" }),
        ["AssignSubmission"] = () => HttpTesting.Post("""{ "assignedTo": "Ann Coordinator" }"""),
        ["LogContactAttempt"] = () => HttpTesting.Post("""{ "channel": "phone", "outcome": "noAnswer", "note": null, "nextContactOn": null }"""),
        ["ExportList"] = () => HttpTesting.Get(query: new() { ["list"] = "worklist" }),
    };

    /// <summary>The staff routes that touch no storage (who asks, from the request alone): an outage leaves them answering 200.</summary>
    internal static readonly string[] WithoutStorage = ["GetSignedInStaff"];

    /// <summary>What a request that got past the role check answers over failing storage: 503, or 200 for a route without storage.</summary>
    internal static int PastTheRoleCheck(string function) =>
        WithoutStorage.Contains(function) ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable;

    /// <summary>What the storage clients throw in an outage.</summary>
    private static readonly Dictionary<string, Func<Exception>> Failures = new()
    {
        ["refused"] = () => new RequestFailedException(503, "Server busy"),
        ["unreachable"] = () => new RequestFailedException(0, "Connection refused", new HttpRequestException("Connection refused")),
        ["deadline"] = () => new StorageDeadlineExceededException(StorageCallLimits.CallDeadline),
        ["retries exhausted"] = () => new AggregateException("Retry failed after 4 tries.", new TaskCanceledException("The operation was cancelled because it exceeded the configured timeout.")),
        ["network timeout"] = () => new TaskCanceledException("The operation was cancelled because it exceeded the configured timeout."),
        // The app's managed identity gets no token: storage cannot be asked at all (the health probe always took it for an outage).
        ["no token"] = () => new Azure.Identity.AuthenticationFailedException("ManagedIdentityCredential authentication failed."),
    };

    public static TheoryData<string, string> Cases
    {
        get
        {
            var cases = new TheoryData<string, string>();
            foreach (var function in Requests.Keys)
            {
                foreach (var failure in Failures.Keys)
                {
                    cases.Add(function, failure);
                }
            }
            return cases;
        }
    }

    internal static IEnumerable<MethodInfo> StaffFunctionMethods() =>
        typeof(StaffFunctions).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Where(m => m.GetCustomAttribute<FunctionAttribute>() is not null
                && m.GetParameters().Any(p => p.GetCustomAttribute<HttpTriggerAttribute>() is { AuthLevel: AuthorizationLevel.Function }));

    [Fact]
    public void Every_staff_function_is_covered()
    {
        Assert.Equal(Requests.Keys.Order(StringComparer.Ordinal), StaffFunctionMethods().Select(m => m.GetCustomAttribute<FunctionAttribute>()!.Name).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_staff_route_answers_503_with_Retry_After_when_storage_fails(string function, string failure)
    {
        var request = Requests[function]();
        var answer = await InvokeAsync(function, request, Failures[failure]);
        if (WithoutStorage.Contains(function))
        {
            Assert.Equal(StatusCodes.Status200OK, answer.Status);
            return;
        }

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, answer.Status);
        Assert.Equal(StaffRoute.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture), answer.Headers.RetryAfter.ToString());
        Assert.False(string.IsNullOrWhiteSpace(ErrorDetail(function, answer)));
        if (!AnswersFhir(function))
        {
            Assert.Equal(503, answer.Json().GetProperty("status").GetInt32());
        }
    }

    /// <summary>True for a staff route that answers FHIR, whose errors are OperationOutcomes (api-2.md, "FHIR R4").</summary>
    internal static bool AnswersFhir(string function) => function.EndsWith("Fhir", StringComparison.Ordinal);

    /// <summary>
    /// The message of an error answer: problem details' <c>detail</c>, or for a FHIR route the
    /// OperationOutcome's diagnostics (checking the content type and that each issue has an expression).
    /// </summary>
    internal static string ErrorDetail(string function, Answer answer)
    {
        if (!AnswersFhir(function))
        {
            Assert.StartsWith("application/problem+json", answer.ContentType, StringComparison.Ordinal);
            return answer.Json().GetProperty("detail").GetString()!;
        }
        Assert.StartsWith("application/fhir+json", answer.ContentType, StringComparison.Ordinal);
        var outcome = answer.Json();
        Assert.Equal("OperationOutcome", outcome.GetProperty("resourceType").GetString());
        var issue = Assert.Single(outcome.GetProperty("issue").EnumerateArray().ToArray());
        Assert.NotEmpty(issue.GetProperty("expression").EnumerateArray());
        return issue.GetProperty("diagnostics").GetString()!;
    }

    /// <summary>Calls staff function <paramref name="function"/> with <paramref name="request"/> over stores that throw <paramref name="failure"/>, and executes its answer.</summary>
    internal static async Task<Answer> InvokeAsync(string function, HttpRequest request, Func<Exception> failure)
    {
        var method = StaffFunctionMethods().Single(m => m.GetCustomAttribute<FunctionAttribute>()!.Name == function);
        var instance = ActivatorUtilities.CreateInstance(Services(failure), method.DeclaringType!);
        var arguments = method.GetParameters().Select(p => p.ParameterType == typeof(HttpRequest) ? request
            : p.ParameterType == typeof(CancellationToken) ? CancellationToken.None
            : p.Name == "queue" ? "precheck"
            : (object)TestData.NewId()).ToArray();

        var result = await (Task<IActionResult>)method.Invoke(instance, arguments)!;
        return await HttpTesting.ExecuteAsync(result, request);
    }

    [Fact]
    public async Task A_bug_is_not_dressed_up_as_an_outage()
    {
        var functions = ActivatorUtilities.CreateInstance<StaffFunctions>(Services(() => new InvalidOperationException("a bug")));

        await Assert.ThrowsAsync<InvalidOperationException>(() => functions.GetWorklist(HttpTesting.Get(), CancellationToken.None));
    }

    [Fact]
    public async Task A_request_the_caller_cancelled_is_not_answered_as_an_outage()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        var functions = ActivatorUtilities.CreateInstance<StaffFunctions>(Services(() => new OperationCanceledException(cancelled.Token)));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => functions.GetWorklist(HttpTesting.Get(), cancelled.Token));
    }

    /// <summary>The app's domain over stores that all throw <paramref name="failure"/>.</summary>
    internal static IServiceProvider Services(Func<Exception> failure)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton(FailingStorage.Create<ISubmissionStore>(failure));
        services.AddSingleton(FailingStorage.Create<ITeamLists>(failure));
        services.AddSingleton(FailingStorage.Create<IPendingSubmissions>(failure));
        services.AddSingleton(FailingStorage.Create<IPeopleIndex>(failure));
        services.AddSingleton(FailingStorage.Create<IPeopleSearch>(failure));
        services.AddSingleton(FailingStorage.Create<IAlertQueue>(failure));
        services.AddSingleton(FailingStorage.Create<IPoisonQueues>(failure));
        services.AddSingleton(FailingStorage.Create<IPassOutcomes>(failure));
        services.AddSingleton(FailingStorage.Create<IAuditLog>(failure));
        services.AddSingleton(FailingStorage.Create<ISubmissionErasure>(failure));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(TestData.Calendar());
        services.AddSingleton(TestData.Engine);
        services.AddSingleton<SubmissionChanges>();
        services.AddSingleton<PersonLinking>();
        services.AddSingleton<TeamActions>();
        services.AddSingleton<ReferrerUpdates>();
        services.AddSingleton<FunnelReader>();
        services.AddSingleton<PersonErasure>();
        return services.BuildServiceProvider();
    }
}
