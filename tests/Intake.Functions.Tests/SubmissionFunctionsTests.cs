using System.Text;
using System.Text.Json.Nodes;
using Azure;
using Intake.Functions.Triggers;
using Intake.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;

namespace Intake.Functions.Tests;

/// <summary><see cref="SubmissionFunctions"/> with its stores mocked: what the public routes answer.</summary>
public sealed class SubmissionFunctionsTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    private readonly Mock<ISubmissionStore> _store = new(MockBehavior.Strict);
    private readonly Mock<IPendingSubmissions> _pending = new(MockBehavior.Strict);
    private readonly Mock<IPrecheckQueue> _queue = new(MockBehavior.Strict);
    private readonly SubmissionFunctions _functions;

    public SubmissionFunctionsTests()
    {
        _pending.Setup(p => p.MarkAsync(It.IsAny<string>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);
        _queue.Setup(q => q.EnqueueAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);
        _store.Setup(s => s.AddAsync(It.IsAny<Submission>(), It.IsAny<Contact>(), It.IsAny<Referrer?>(), It.IsAny<HistoryEntry>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(AddResult.Added);
        var calendar = TestData.Calendar();
        _functions = new SubmissionFunctions(new SubmissionIntake(_store.Object, _pending.Object, _queue.Object, calendar, TestData.PersonDigests), calendar,
            new SubmissionRateLimit(Options.Create(new RateLimitOptions { PermitsPerMinute = 10_000_000 })), TestGates.Gate(), TestData.Metrics(), NullLogger<SubmissionFunctions>.Instance);
    }

    private async Task<Answer> ScreeningAsync(HttpRequest request) =>
        await HttpTesting.ExecuteAsync(await _functions.SubmitScreening(request, None), request);

    private async Task<Answer> ReferralAsync(HttpRequest request) =>
        await HttpTesting.ExecuteAsync(await _functions.SubmitReferral(request, None), request);

    private static HttpRequest Json(JsonNode body) => HttpTesting.Post(TestData.Utf8(body));

    private void AssertNothingStored()
    {
        _store.Verify(s => s.AddAsync(It.IsAny<Submission>(), It.IsAny<Contact>(), It.IsAny<Referrer?>(), It.IsAny<HistoryEntry>(), It.IsAny<CancellationToken>()), Times.Never);
        _pending.Verify(p => p.MarkAsync(It.IsAny<string>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()), Times.Never);
        _queue.Verify(q => q.EnqueueAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    private static void AssertProblem(Answer answer, int status)
    {
        Assert.Equal(status, answer.Status);
        Assert.StartsWith(Problems.ContentType, answer.ContentType);
        var json = answer.Json();
        Assert.Equal(status, json.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(json.GetProperty("title").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(json.GetProperty("detail").GetString()));
    }

    [Fact]
    public async Task Valid_screening_is_202_with_its_location_and_only_id_and_Received_in_the_body()
    {
        var id = TestData.NewId();

        var answer = await ScreeningAsync(Json(TestData.ScreeningBody(id)));

        Assert.Equal(StatusCodes.Status202Accepted, answer.Status);
        Assert.Equal($"/api/submissions/{id}", answer.Headers.Location.ToString());
        Assert.StartsWith("application/json", answer.ContentType);
        var json = answer.Json();
        Assert.Equal(["id", "status"], json.EnumerateObject().Select(p => p.Name));
        Assert.Equal(id, json.GetProperty("id").GetString());
        Assert.Equal("Received", json.GetProperty("status").GetString());
        _store.Verify(s => s.AddAsync(
            It.Is<Submission>(x => x.Id == id && x.Kind == SubmissionKind.SelfScreening && x.Answers == TestData.Baseline && x.Status == SubmissionStatus.Received),
            TestData.Contact, null, It.Is<HistoryEntry>(h => h.By == Actors.Public), It.IsAny<CancellationToken>()), Times.Once);
        _queue.Verify(q => q.EnqueueAsync(id, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task Screening_without_an_id_gets_a_new_lower_case_UUID()
    {
        var answer = await ScreeningAsync(Json(TestData.ScreeningBody()));

        Assert.Equal(StatusCodes.Status202Accepted, answer.Status);
        var id = answer.Json().GetProperty("id").GetString()!;
        Assert.Equal(SubmissionId.Normalise(id), id);
        Assert.Equal($"/api/submissions/{id}", answer.Headers.Location.ToString());
    }

    [Fact]
    public async Task Screening_with_an_upper_case_id_is_stored_under_the_lower_case_id()
    {
        var id = TestData.NewId();

        var answer = await ScreeningAsync(Json(TestData.ScreeningBody(id.ToUpperInvariant())));

        Assert.Equal(StatusCodes.Status202Accepted, answer.Status);
        Assert.Equal(id, answer.Json().GetProperty("id").GetString());
    }

    [Fact]
    public async Task Valid_referral_is_202_and_stores_the_patient_and_the_referrer()
    {
        var id = TestData.NewId();

        var answer = await ReferralAsync(Json(TestData.ReferralBody(id)));

        Assert.Equal(StatusCodes.Status202Accepted, answer.Status);
        Assert.Equal($"/api/submissions/{id}", answer.Headers.Location.ToString());
        Assert.Equal("Received", answer.Json().GetProperty("status").GetString());
        _store.Verify(s => s.AddAsync(
            It.Is<Submission>(x => x.Id == id && x.Kind == SubmissionKind.Referral && x.Answers.OncologistConcerns == new OncologistConcerns(false, false, false)),
            new Contact("Ada Example", null, "+1 507 555 0100", null),
            new Referrer("Dr. Grace Example", "Example Oncology", "grace@example.org", null),
            It.IsAny<HistoryEntry>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task Invalid_answers_are_400_validation_problem_naming_answers_ecog_and_nothing_is_stored()
    {
        var body = TestData.ScreeningBody();
        body["answers"]!["ecog"] = 7;

        var request = Json(body);
        var result = await _functions.SubmitScreening(request, None);
        var answer = await HttpTesting.ExecuteAsync(result, request);

        var problem = Assert.IsType<ValidationProblemDetails>(Assert.IsType<ObjectResult>(result).Value);
        Assert.Contains("answers.ecog", problem.Errors.Keys);
        AssertProblem(answer, StatusCodes.Status400BadRequest);
        Assert.Equal(["answers.ecog"], answer.ErrorPaths());
        Assert.Contains("0 to 4", Assert.Single(answer.ErrorsAt("answers.ecog")));
        AssertNothingStored();
    }

    [Fact]
    public async Task Every_problem_of_a_body_is_reported_at_once_by_its_path()
    {
        var body = TestData.ScreeningBody();
        body["answers"]!["ecog"] = "one";
        body["answers"]!["sex"] = "F";
        body["contact"]!["email"] = "not-an-address";
        body["consentToContact"] = false;

        var answer = await ScreeningAsync(Json(body));

        AssertProblem(answer, StatusCodes.Status400BadRequest);
        Assert.Equal(["answers.ecog", "answers.sex", "consentToContact", "contact.email"], answer.ErrorPaths().Order(StringComparer.Ordinal));
        AssertNothingStored();
    }

    [Fact]
    public async Task Unknown_member_is_400_naming_it()
    {
        var body = TestData.ScreeningBody();
        body["answers"]!["ecgo"] = 1;
        body["newsletter"] = true;

        var answer = await ScreeningAsync(Json(body));

        AssertProblem(answer, StatusCodes.Status400BadRequest);
        Assert.NotEmpty(answer.ErrorsAt("answers.ecgo"));
        Assert.NotEmpty(answer.ErrorsAt("newsletter"));
        AssertNothingStored();
    }

    [Fact]
    public async Task An_unknown_top_level_member_alone_is_400_naming_it_on_both_routes()
    {
        var screening = TestData.ScreeningBody();
        screening["newsletter"] = true;
        var referral = TestData.ReferralBody();
        referral["mothersMaidenName"] = "Example";

        var screeningAnswer = await ScreeningAsync(Json(screening));
        var referralAnswer = await ReferralAsync(Json(referral));

        AssertProblem(screeningAnswer, StatusCodes.Status400BadRequest);
        Assert.Equal(["newsletter"], screeningAnswer.ErrorPaths());
        AssertProblem(referralAnswer, StatusCodes.Status400BadRequest);
        Assert.Equal(["mothersMaidenName"], referralAnswer.ErrorPaths());
        AssertNothingStored();
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("application/json; charset=utf-16")]
    [InlineData(null)]
    public async Task Body_that_is_not_UTF8_JSON_by_content_type_is_415(string? contentType)
    {
        var answer = await ScreeningAsync(HttpTesting.Post(TestData.Utf8(TestData.ScreeningBody()), contentType));

        AssertProblem(answer, StatusCodes.Status415UnsupportedMediaType);
        AssertNothingStored();
    }

    [Theory]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("Application/JSON")]
    public async Task JSON_content_type_with_UTF8_or_no_charset_is_accepted(string contentType)
    {
        var answer = await ScreeningAsync(HttpTesting.Post(TestData.Utf8(TestData.ScreeningBody()), contentType));

        Assert.Equal(StatusCodes.Status202Accepted, answer.Status);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Body_over_64_KiB_is_413_whether_or_not_its_length_is_declared(bool declareLength)
    {
        var body = TestData.ScreeningBody();
        body["contact"]!["name"] = new string('a', JsonBody.MaxBytes);

        var answer = await ScreeningAsync(HttpTesting.Post(TestData.Utf8(body), declareLength: declareLength));

        AssertProblem(answer, StatusCodes.Status413PayloadTooLarge);
        AssertNothingStored();
    }

    [Fact]
    public async Task Body_of_exactly_64_KiB_is_read()
    {
        var json = TestData.ScreeningBody().ToJsonString();
        var padded = json + new string(' ', JsonBody.MaxBytes - Encoding.UTF8.GetByteCount(json));
        Assert.Equal(JsonBody.MaxBytes, Encoding.UTF8.GetByteCount(padded));

        var answer = await ScreeningAsync(HttpTesting.Post(Encoding.UTF8.GetBytes(padded), declareLength: false));

        Assert.Equal(StatusCodes.Status202Accepted, answer.Status);
    }

    [Theory]
    [InlineData("{")]
    [InlineData("")]
    [InlineData("{\"answers\": {}} trailing")]
    [InlineData("{'answers': {}}")]
    public async Task Malformed_JSON_is_400(string body)
    {
        var answer = await ScreeningAsync(HttpTesting.Post(body));

        AssertProblem(answer, StatusCodes.Status400BadRequest);
        Assert.Contains("not valid JSON", answer.Json().GetProperty("detail").GetString());
        AssertNothingStored();
    }

    [Fact]
    public async Task Invalid_UTF8_is_400()
    {
        byte[] body = [.. Encoding.UTF8.GetBytes("{\"id\":\""), 0xC3, 0x28, .. Encoding.UTF8.GetBytes("\"}")];

        var answer = await ScreeningAsync(HttpTesting.Post(body));

        AssertProblem(answer, StatusCodes.Status400BadRequest);
        Assert.Contains("UTF-8", answer.Json().GetProperty("detail").GetString());
        AssertNothingStored();
    }

    [Fact]
    public void Invalid_UTF8_inside_a_string_is_a_field_error_for_the_reader_not_an_exception()
    {
        byte[] body = [.. Encoding.UTF8.GetBytes("{\"id\":\""), 0xC3, 0x28, .. Encoding.UTF8.GetBytes("\",\"answers\":{\"sex\":\""), 0xC3, 0x28, .. Encoding.UTF8.GetBytes("\"}}")];
        using var document = System.Text.Json.JsonDocument.Parse(body);
        var errors = new FieldErrors();

        var draft = SubmissionReader.Read(document.RootElement, SubmissionKind.SelfScreening, new DateOnly(2026, 11, 26), errors);

        Assert.Null(draft);
        Assert.NotEmpty(errors.For("id"));
        Assert.NotEmpty(errors.For("answers.sex"));
    }

    [Theory]
    [InlineData("\"not-a-uuid\"")]
    [InlineData("\"3f1c2a4e8b7d4c1a9e2f5a6b7c8d9e0f\"")]
    [InlineData("\"\\ud800\"")]
    [InlineData("42")]
    [InlineData("\"\"")]
    public async Task Id_that_is_not_a_UUID_is_400_naming_id(string idJson)
    {
        var body = TestData.ScreeningBody("placeholder").ToJsonString().Replace("\"placeholder\"", idJson, StringComparison.Ordinal);

        var answer = await ScreeningAsync(HttpTesting.Post(body));

        AssertProblem(answer, StatusCodes.Status400BadRequest);
        Assert.Equal(["id"], answer.ErrorPaths());
        AssertNothingStored();
    }

    [Theory]
    [InlineData("""{"consentToContact": true, "consentToContact": true}""")]
    [InlineData("""{"answers": {"ecog": 1, "ecog": 4}}""")]
    [InlineData("""{"answers": {"ecog": 1, "\u0065cog": 4}}""")]
    public async Task Duplicate_keys_are_400(string body)
    {
        var answer = await ScreeningAsync(HttpTesting.Post(body));

        AssertProblem(answer, StatusCodes.Status400BadRequest);
        AssertNothingStored();
    }

    [Fact]
    public async Task Duplicate_keys_that_are_unpaired_surrogate_escapes_are_400()
    {
        var answer = await ScreeningAsync(HttpTesting.Post("""{"\ud800": 1, "\ud800": 2}"""));

        AssertProblem(answer, StatusCodes.Status400BadRequest);
        AssertNothingStored();
    }

    [Fact]
    public async Task Text_holding_an_unpaired_surrogate_escape_is_400_naming_the_field()
    {
        var body = TestData.ScreeningBody().ToJsonString().Replace("Ada Example", "\\udc00", StringComparison.Ordinal);

        var answer = await ScreeningAsync(HttpTesting.Post(body));

        AssertProblem(answer, StatusCodes.Status400BadRequest);
        Assert.NotEmpty(answer.ErrorsAt("contact.name"));
        AssertNothingStored();
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("null")]
    [InlineData("\"a screening\"")]
    public async Task Body_that_is_not_an_object_is_400(string body)
    {
        var answer = await ScreeningAsync(HttpTesting.Post(body));

        AssertProblem(answer, StatusCodes.Status400BadRequest);
        AssertNothingStored();
    }

    [Theory]
    [InlineData("oncologistConcerns")]
    [InlineData("researchBiopsyPlan")]
    public async Task Self_screening_carrying_an_oncologist_field_is_400_naming_it(string field)
    {
        var body = TestData.ScreeningBody();
        body["answers"]![field] = field == "oncologistConcerns"
            ? new JsonObject { ["seriousComorbidity"] = false }
            : new JsonObject { ["site"] = "liver", ["anesthesia"] = "local" };

        var answer = await ScreeningAsync(Json(body));

        AssertProblem(answer, StatusCodes.Status400BadRequest);
        Assert.Contains($"answers.{field}", answer.ErrorPaths());
        AssertNothingStored();
    }

    [Fact]
    public async Task Referral_without_a_referrer_is_400_naming_referrer()
    {
        var body = TestData.ReferralBody();
        body.Remove("referrer");

        var answer = await ReferralAsync(Json(body));

        AssertProblem(answer, StatusCodes.Status400BadRequest);
        Assert.Equal(["referrer"], answer.ErrorPaths());
        AssertNothingStored();
    }

    [Fact]
    public async Task Referral_sent_as_a_screening_is_400_naming_its_members()
    {
        var answer = await ScreeningAsync(Json(TestData.ReferralBody()));

        AssertProblem(answer, StatusCodes.Status400BadRequest);
        Assert.Contains("patient", answer.ErrorPaths());
        Assert.Contains("referrer", answer.ErrorPaths());
        AssertNothingStored();
    }

    [Fact]
    public async Task Contact_without_email_or_phone_is_400()
    {
        var body = TestData.ScreeningBody();
        body["contact"] = new JsonObject { ["name"] = "Ada Example" };

        var answer = await ScreeningAsync(Json(body));

        AssertProblem(answer, StatusCodes.Status400BadRequest);
        Assert.NotEmpty(answer.ErrorsAt("contact"));
        AssertNothingStored();
    }

    [Fact]
    public async Task Different_body_under_an_existing_id_is_409_and_nothing_is_queued()
    {
        var id = TestData.NewId();
        var earlier = TestData.Submission(id, DateTimeOffset.UtcNow, answers: TestData.Baseline with { Ecog = 0 });
        _store.Setup(s => s.AddAsync(It.IsAny<Submission>(), It.IsAny<Contact>(), It.IsAny<Referrer?>(), It.IsAny<HistoryEntry>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(AddResult.AlreadyExists);
        _store.Setup(s => s.GetAsync(id, It.IsAny<CancellationToken>())).ReturnsAsync(earlier);

        var answer = await ScreeningAsync(Json(TestData.ScreeningBody(id)));

        AssertProblem(answer, StatusCodes.Status409Conflict);
        Assert.Contains(id, answer.Json().GetProperty("detail").GetString());
        _queue.Verify(q => q.EnqueueAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task Same_body_under_an_existing_id_is_the_same_202()
    {
        var id = TestData.NewId();
        var earlier = TestData.Submission(id, DateTimeOffset.UtcNow.AddMinutes(-1));
        _store.Setup(s => s.AddAsync(It.IsAny<Submission>(), It.IsAny<Contact>(), It.IsAny<Referrer?>(), It.IsAny<HistoryEntry>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(AddResult.AlreadyExists);
        _store.Setup(s => s.GetAsync(id, It.IsAny<CancellationToken>())).ReturnsAsync(earlier);

        var answer = await ScreeningAsync(Json(TestData.ScreeningBody(id)));

        Assert.Equal(StatusCodes.Status202Accepted, answer.Status);
        Assert.Equal($"/api/submissions/{id}", answer.Headers.Location.ToString());
        Assert.Equal(id, answer.Json().GetProperty("id").GetString());
    }

    [Fact]
    public async Task Storage_failure_is_503_with_Retry_After()
    {
        _store.Setup(s => s.AddAsync(It.IsAny<Submission>(), It.IsAny<Contact>(), It.IsAny<Referrer?>(), It.IsAny<HistoryEntry>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new RequestFailedException(503, "Server busy"));

        var answer = await ScreeningAsync(Json(TestData.ScreeningBody()));

        AssertProblem(answer, StatusCodes.Status503ServiceUnavailable);
        Assert.Equal(SubmissionFunctions.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture), answer.Headers.RetryAfter.ToString());
        Assert.Contains("Nothing was stored", answer.Json().GetProperty("detail").GetString());
        _queue.Verify(q => q.EnqueueAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task No_token_for_the_apps_identity_is_the_same_503_as_any_storage_failure()
    {
        _store.Setup(s => s.AddAsync(It.IsAny<Submission>(), It.IsAny<Contact>(), It.IsAny<Referrer?>(), It.IsAny<HistoryEntry>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new Azure.Identity.AuthenticationFailedException("ManagedIdentityCredential authentication failed."));

        var answer = await ScreeningAsync(Json(TestData.ScreeningBody()));

        AssertProblem(answer, StatusCodes.Status503ServiceUnavailable);
        Assert.Equal(SubmissionFunctions.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture), answer.Headers.RetryAfter.ToString());
        Assert.Contains("Nothing was stored", answer.Json().GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Failure_to_mark_the_submission_pending_is_503_with_Retry_After_and_nothing_is_stored()
    {
        _pending.Setup(p => p.MarkAsync(It.IsAny<string>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new RequestFailedException(500, "Internal error"));

        var answer = await ReferralAsync(Json(TestData.ReferralBody()));

        AssertProblem(answer, StatusCodes.Status503ServiceUnavailable);
        Assert.False(string.IsNullOrEmpty(answer.Headers.RetryAfter));
        _store.Verify(s => s.AddAsync(It.IsAny<Submission>(), It.IsAny<Contact>(), It.IsAny<Referrer?>(), It.IsAny<HistoryEntry>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task A_failed_queue_send_after_the_submission_is_stored_is_still_202_and_marked_again_for_the_reconciler_to_queue_it()
    {
        var id = TestData.NewId();
        _queue.Setup(q => q.EnqueueAsync(id, It.IsAny<CancellationToken>())).ThrowsAsync(new RequestFailedException(503, "Queue busy"));

        var answer = await ScreeningAsync(Json(TestData.ScreeningBody(id)));

        Assert.Equal(StatusCodes.Status202Accepted, answer.Status);
        Assert.Equal(id, answer.Json().GetProperty("id").GetString());
        // Before the write, and again after the failed send (the first mark may have been taken for a post never stored).
        _pending.Verify(p => p.MarkAsync(id, It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()), Times.Exactly(2));
    }
}
