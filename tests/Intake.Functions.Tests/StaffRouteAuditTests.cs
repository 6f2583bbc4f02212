using Azure;
using Intake.Functions.Triggers;
using Intake.Functions.Http;
using Microsoft.AspNetCore.Http;
using Moq;

namespace Intake.Functions.Tests;

/// <summary>
/// Every staff route (found in the assembly) writes its audit entry through <see cref="StaffRoute"/>
/// before it answers: one entry per request, with the function's name, who, the role and the
/// answer's status; the funnel (counts only) writes none. When the entry cannot be written the
/// answer is a <c>503</c> and shows no patient data.
/// </summary>
public sealed class StaffRouteAuditTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    /// <summary>The staff routes that show no patient data (the funnel's counts; who asks), so write no entry.</summary>
    private static readonly string[] CountsOnly = ["GetStats", "GetSignedInStaff"];

    public static TheoryData<string> Functions => [.. StaffRouteOutageTests.Requests.Keys];

    [Theory]
    [MemberData(nameof(Functions))]
    public async Task Each_staff_request_on_patient_data_writes_one_entry_with_the_functions_name_who_and_the_status(string function)
    {
        var audit = new MemoryAuditLog();
        var request = StaffRouteOutageTests.Requests[function]();
        request.HttpContext.RequestServices = HttpTesting.ServicesFor(audit, behindAppServiceAuthentication: false);

        var answer = await StaffRouteOutageTests.InvokeAsync(function, request, () => new RequestFailedException(503, "Server busy"));

        if (CountsOnly.Contains(function))
        {
            Assert.Empty(audit.Entries);
            return;
        }
        var entry = Assert.Single(audit.Entries);
        Assert.Equal(function, entry.Action);
        Assert.Equal("local-staff", entry.By);
        Assert.Equal("manager", entry.Role);
        Assert.Equal(answer.Status, entry.Status);
        Assert.Equal(0, entry.Count);
    }

    [Theory]
    [MemberData(nameof(Functions))]
    public async Task A_refusal_for_want_of_a_role_is_audited_too(string function)
    {
        var audit = new MemoryAuditLog();
        var request = StaffRouteOutageTests.Requests[function]();
        request.SignedIn("no.role@example.org", "Other.Admin");
        request.HttpContext.RequestServices = HttpTesting.ServicesFor(audit, behindAppServiceAuthentication: true);

        var answer = await StaffRouteOutageTests.InvokeAsync(function, request, () => new InvalidOperationException("the route's work must not run"));

        Assert.Equal(StatusCodes.Status403Forbidden, answer.Status);
        if (!CountsOnly.Contains(function))
        {
            var entry = Assert.Single(audit.Entries);
            Assert.Equal(("no.role@example.org", "none", function, 403, 0), (entry.By, entry.Role, entry.Action, entry.Status, entry.Count));
        }
    }

    [Fact]
    public async Task A_read_shown_is_recorded_with_the_submission_and_the_count()
    {
        var (functions, id, audit) = StoredSubmission();
        var request = HttpTesting.Get(id);
        request.SignedIn("ann@example.org", ClientPrincipal.CoordinatorRole);
        request.HttpContext.RequestServices = HttpTesting.ServicesFor(audit, behindAppServiceAuthentication: true);

        var answer = await HttpTesting.ExecuteAsync(await functions.GetSubmission(request, id, None), request);

        Assert.Equal(200, answer.Status);
        var entry = Assert.Single(audit.Entries);
        Assert.Equal(("ann@example.org", "coordinator", "GetSubmission", id, 1, 200), (entry.By, entry.Role, entry.Action, entry.SubmissionId, entry.Count, entry.Status));
    }

    [Theory]
    [InlineData("refused")]
    [InlineData("timed out")]
    public async Task When_the_entry_cannot_be_written_the_answer_is_503_and_shows_no_patient_data(string how)
    {
        var (functions, id, audit) = StoredSubmission();
        audit.Failure = how == "refused" ? () => new RequestFailedException(503, "Server busy") : () => new TaskCanceledException("The operation was cancelled because it exceeded the configured timeout.");
        var request = HttpTesting.Get(id);
        request.HttpContext.RequestServices = HttpTesting.ServicesFor(audit, behindAppServiceAuthentication: false);

        var answer = await HttpTesting.ExecuteAsync(await functions.GetSubmission(request, id, None), request);

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, answer.Status);
        Assert.Equal(StaffRoute.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture), answer.Headers.RetryAfter.ToString());
        Assert.DoesNotContain(TestData.Contact.Name, answer.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(id, answer.Body, StringComparison.Ordinal);
    }

    private static (StaffFunctions Functions, string Id, MemoryAuditLog Audit) StoredSubmission()
    {
        var id = TestData.NewId();
        var received = new DateTimeOffset(2026, 11, 26, 15, 4, 5, TimeSpan.Zero);
        var store = new Mock<ISubmissionStore>();
        store.Setup(s => s.GetFileAsync(id, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new SubmissionFile(TestData.Submission(id, received), TestData.Contact, null, [new(received, "Self-screening received", Actors.Public)]));
        return (new StaffFunctions(store.Object, new Mock<ITeamLists>().Object, new PersonLinking(new Mock<IPeopleIndex>().Object), Mock.Of<ISubmissionErasure>()), id, new MemoryAuditLog());
    }
}
