using Intake.Functions.Triggers;
using Intake.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;

namespace Intake.Functions.Tests;

/// <summary><see cref="ReferrerUpdateFunction"/> (<c>POST /api/submissions/{id}/referrer-updates</c>) with its store and queue mocked.</summary>
public sealed class ReferrerUpdateFunctionTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    private readonly Mock<ISubmissionStore> _store = new(MockBehavior.Strict);
    private readonly Mock<ITeamLists> _lists = new();
    private readonly Mock<IAlertQueue> _alerts = new();
    private readonly ReferrerUpdateFunction _function;

    public ReferrerUpdateFunctionTests()
    {
        var changes = new SubmissionChanges(_store.Object, _lists.Object, _alerts.Object, TestData.Calendar());
        _function = new ReferrerUpdateFunction(new ReferrerUpdates(_store.Object, changes, _alerts.Object), NullLogger<ReferrerUpdateFunction>.Instance);
    }

    private async Task<Answer> PostAsync(string id, string body, string? contentType = "application/json", string? principal = null)
    {
        var request = HttpTesting.Post(body, contentType);
        if (principal is not null)
        {
            request.SignedIn(principal);
        }
        return await HttpTesting.ExecuteAsync(await _function.RequestReferrerUpdate(request, id, None), request);
    }

    private string StoredReferral(Referrer? referrer = null, SubmissionKind kind = SubmissionKind.Referral, bool confirmed = true)
    {
        var id = TestData.NewId();
        var submission = TestData.Submission(id, DateTimeOffset.UtcNow, kind) with
        {
            Version = 2,
            Status = SubmissionStatus.Received,
            ReferrerConfirmed = confirmed && (referrer ?? TestData.Referrer).Email is { } email ? new ReferrerConfirmation(DateTimeOffset.UtcNow, "coordinator@example.org", email) : null,
        };
        var file = new SubmissionFile(submission, TestData.Contact, kind == SubmissionKind.Referral ? referrer ?? TestData.Referrer : null, []);
        _store.Setup(s => s.GetFileAsync(id, It.IsAny<CancellationToken>())).ReturnsAsync(file);
        _store.Setup(s => s.GetAsync(id, It.IsAny<CancellationToken>())).ReturnsAsync(submission);
        _store.Setup(s => s.TryUpdateAsync(It.IsAny<Submission>(), It.IsAny<HistoryEntry>(), It.IsAny<CancellationToken>())).ReturnsAsync(true);
        return id;
    }

    private static void AssertProblem(Answer answer, int status)
    {
        Assert.Equal(status, answer.Status);
        Assert.StartsWith(Problems.ContentType, answer.ContentType);
        Assert.Equal(status, answer.Json().GetProperty("status").GetInt32());
    }

    [Theory]
    [InlineData("Received", ReferralStatus.Received)]
    [InlineData("UnderReview", ReferralStatus.UnderReview)]
    [InlineData("Contacted", ReferralStatus.Contacted)]
    [InlineData("Enrolled", ReferralStatus.Enrolled)]
    [InlineData("NotEnrolled", ReferralStatus.NotEnrolled)]
    // The camelCase spellings first published: still accepted, answered in PascalCase like every status.
    [InlineData("received", ReferralStatus.Received)]
    [InlineData("underReview", ReferralStatus.UnderReview)]
    [InlineData("contacted", ReferralStatus.Contacted)]
    [InlineData("enrolled", ReferralStatus.Enrolled)]
    [InlineData("notEnrolled", ReferralStatus.NotEnrolled)]
    public async Task A_status_in_Pascal_case_or_its_old_camel_case_is_accepted_with_202_the_request_id_and_the_status_in_Pascal_case(string json, ReferralStatus status)
    {
        var id = StoredReferral();

        var answer = await PostAsync(id, $$"""{ "status": "{{json}}" }""");

        Assert.Equal(StatusCodes.Status202Accepted, answer.Status);
        Assert.Equal($"/api/submissions/{id}", answer.Headers.Location.ToString());
        var body = answer.Json();
        var requestId = body.GetProperty("requestId").GetString();
        Assert.NotNull(SubmissionId.Normalise(requestId));
        Assert.Equal(id, body.GetProperty("submissionId").GetString());
        Assert.Equal(status.ToString(), body.GetProperty("status").GetString());
        _alerts.Verify(a => a.EnqueueAsync(new AlertRequest(id, AlertKind.ReferrerUpdate, requestId, status), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task The_request_is_recorded_in_the_history_with_the_signed_in_staff_member()
    {
        var id = StoredReferral();

        await PostAsync(id, """{ "status": "enrolled" }""", principal: "coordinator@example.org");

        _store.Verify(s => s.TryUpdateAsync(It.Is<Submission>(x => x.Id == id && x.Version == 3),
            It.Is<HistoryEntry>(h => h.By == "coordinator@example.org" && h.Event.StartsWith("Referrer update requested: the patient is enrolled in the study (request ", StringComparison.Ordinal)),
            It.IsAny<CancellationToken>()), Times.Once);
    }

    [Theory]
    [InlineData("not-a-uuid")]
    [InlineData("3f1c2a4e8b7d4c1a9e2f5a6b7c8d9e0f")]
    [InlineData("../../record")]
    public async Task A_non_UUID_id_is_404_without_reading_storage(string id)
    {
        AssertProblem(await PostAsync(id, """{ "status": "received" }"""), StatusCodes.Status404NotFound);

        _store.VerifyNoOtherCalls();
        _alerts.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task An_unknown_id_is_404_and_nothing_is_queued()
    {
        var id = TestData.NewId();
        _store.Setup(s => s.GetFileAsync(id, It.IsAny<CancellationToken>())).ReturnsAsync((SubmissionFile?)null);

        var answer = await PostAsync(id, """{ "status": "received" }""");

        AssertProblem(answer, StatusCodes.Status404NotFound);
        Assert.DoesNotContain(id, answer.Body, StringComparison.Ordinal);
        _alerts.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task A_self_screening_is_409_because_it_has_no_referrer()
    {
        var id = StoredReferral(kind: SubmissionKind.SelfScreening);

        var answer = await PostAsync(id, """{ "status": "underReview" }""");

        AssertProblem(answer, StatusCodes.Status409Conflict);
        Assert.Contains("self-screening", answer.Json().GetProperty("detail").GetString(), StringComparison.Ordinal);
        _alerts.VerifyNoOtherCalls();
        _store.Verify(s => s.TryUpdateAsync(It.IsAny<Submission>(), It.IsAny<HistoryEntry>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task A_referral_whose_referrer_address_is_not_confirmed_is_409_saying_to_confirm_it_first_and_nothing_is_queued()
    {
        var id = StoredReferral(confirmed: false);

        var answer = await PostAsync(id, """{ "status": "enrolled" }""");

        AssertProblem(answer, StatusCodes.Status409Conflict);
        Assert.Contains($"POST /api/submissions/{id}/referrer-confirmation", answer.Json().GetProperty("detail").GetString(), StringComparison.Ordinal);
        _alerts.VerifyNoOtherCalls();
        _store.Verify(s => s.TryUpdateAsync(It.IsAny<Submission>(), It.IsAny<HistoryEntry>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task A_referral_whose_referrer_gave_no_e_mail_is_409()
    {
        var id = StoredReferral(TestData.Referrer with { Email = null });

        var answer = await PostAsync(id, """{ "status": "underReview" }""");

        AssertProblem(answer, StatusCodes.Status409Conflict);
        Assert.Contains("no e-mail address", answer.Json().GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(TestData.Referrer.Phone!, answer.Body, StringComparison.Ordinal);
        _alerts.VerifyNoOtherCalls();
    }

    [Theory]
    [InlineData("""{ "status": "under review" }""")]
    [InlineData("""{ "status": "declined" }""")]
    [InlineData("""{ "status": "UNDERREVIEW" }""")]
    [InlineData("""{ "status": "Underreview" }""")]
    [InlineData("""{ "status": 1 }""")]
    [InlineData("""{ "status": null }""")]
    [InlineData("""{ }""")]
    public async Task A_missing_or_unknown_status_is_400_naming_status_and_the_allowed_values(string body)
    {
        var id = TestData.NewId();

        var answer = await PostAsync(id, body);

        AssertProblem(answer, StatusCodes.Status400BadRequest);
        Assert.Equal(["status"], answer.ErrorPaths());
        Assert.Contains("Received, UnderReview, Contacted, Enrolled, NotEnrolled", Assert.Single(answer.ErrorsAt("status")), StringComparison.Ordinal);
        _store.VerifyNoOtherCalls();
        _alerts.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task An_unknown_member_is_400_naming_it()
    {
        var answer = await PostAsync(TestData.NewId(), """{ "status": "received", "note": "Called Dr. Lin" }""");

        AssertProblem(answer, StatusCodes.Status400BadRequest);
        Assert.Equal(["note"], answer.ErrorPaths());
        _store.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task A_body_that_is_not_JSON_is_refused()
    {
        AssertProblem(await PostAsync(TestData.NewId(), "status=received", "application/x-www-form-urlencoded"), StatusCodes.Status415UnsupportedMediaType);
        AssertProblem(await PostAsync(TestData.NewId(), """{ "status": "received" """), StatusCodes.Status400BadRequest);
        AssertProblem(await PostAsync(TestData.NewId(), """["received"]"""), StatusCodes.Status400BadRequest);

        _store.VerifyNoOtherCalls();
    }
}
