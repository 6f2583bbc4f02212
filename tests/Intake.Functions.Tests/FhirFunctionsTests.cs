using System.Text;
using System.Text.Json;
using Hl7.Fhir.Model;
using Intake.Core.Fhir;
using Intake.Functions.Triggers;
using Intake.Functions.Http;
using Intake.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;
using Task = System.Threading.Tasks.Task;

namespace Intake.Functions.Tests;

/// <summary>
/// The FHIR routes with their stores mocked (api-2.md, "FHIR R4"): a referral Bundle is taken in as
/// exactly the submission its JSON twin is, every refusal is an OperationOutcome with nothing stored,
/// and the definitions and a stored submission come out as FHIR JSON.
/// </summary>
public sealed class FhirFunctionsTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    private readonly Mock<ISubmissionStore> _store = new(MockBehavior.Strict);
    private readonly Mock<IPendingSubmissions> _pending = new(MockBehavior.Strict);
    private readonly Mock<IPrecheckQueue> _queue = new(MockBehavior.Strict);
    private readonly List<(Submission Submission, Contact Contact, Referrer? Referrer)> _stored = [];
    private readonly SubmissionFunctions _functions;

    public FhirFunctionsTests()
    {
        _pending.Setup(p => p.MarkAsync(It.IsAny<string>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);
        _queue.Setup(q => q.EnqueueAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);
        _store.Setup(s => s.AddAsync(It.IsAny<Submission>(), It.IsAny<Contact>(), It.IsAny<Referrer?>(), It.IsAny<HistoryEntry>(), It.IsAny<CancellationToken>()))
            .Callback((Submission s, Contact c, Referrer? r, HistoryEntry _, CancellationToken _) => _stored.Add((s, c, r)))
            .ReturnsAsync(AddResult.Added);
        var calendar = TestData.Calendar();
        _functions = new SubmissionFunctions(new SubmissionIntake(_store.Object, _pending.Object, _queue.Object, calendar, TestData.PersonDigests), calendar,
            new SubmissionRateLimit(Options.Create(new RateLimitOptions { PermitsPerMinute = 10_000_000 })), TestGates.Gate(), TestData.Metrics(), NullLogger<SubmissionFunctions>.Instance);
    }

    private async Task<Answer> PostFhirAsync(byte[] body, string? contentType = FhirJson.MediaType, bool asPartner = true)
    {
        var request = HttpTesting.Post(body, contentType, asPartner: asPartner);
        return await HttpTesting.ExecuteAsync(await _functions.SubmitFhirReferral(request, None), request);
    }

    private Task<Answer> PostFhirAsync(Bundle bundle) => PostFhirAsync(Encoding.UTF8.GetBytes(FhirJson.Serialize(bundle)));

    private static List<(string Expression, string Code, string Diagnostics)> Outcome(Answer answer, int status)
    {
        Assert.Equal(status, answer.Status);
        Assert.StartsWith(FhirJson.MediaType, answer.ContentType);
        var outcome = JsonSerializer.Deserialize<JsonElement>(answer.Body);
        Assert.Equal("OperationOutcome", outcome.GetProperty("resourceType").GetString());
        var issues = outcome.GetProperty("issue").EnumerateArray().Select(i => (
            i.GetProperty("expression").EnumerateArray().Single().GetString()!,
            i.GetProperty("code").GetString()!,
            i.GetProperty("diagnostics").GetString()!)).ToList();
        Assert.NotEmpty(issues);
        Assert.All(outcome.GetProperty("issue").EnumerateArray(), i => Assert.Equal("error", i.GetProperty("severity").GetString()));
        return issues;
    }

    private void AssertNothingStored()
    {
        Assert.Empty(_stored);
        _queue.Verify(q => q.EnqueueAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Theory]
    [InlineData(FhirJson.MediaType)]
    [InlineData("application/json")]
    [InlineData("application/fhir+json; charset=utf-8")]
    public async Task A_referral_Bundle_is_202_and_stored_as_the_same_referral_as_its_json_twin(string contentType)
    {
        var id = TestData.NewId();
        var bundle = FhirReferrals.For(TestData.EveryField, id, TestData.Contact, TestData.Referrer);

        var answer = await PostFhirAsync(Encoding.UTF8.GetBytes(FhirJson.Serialize(bundle)), contentType);

        Assert.Equal(StatusCodes.Status202Accepted, answer.Status);
        Assert.Equal($"/api/submissions/{id}", answer.Headers.Location.ToString());
        Assert.Equal(["id", "status"], answer.Json().EnumerateObject().Select(p => p.Name));
        var viaFhir = Assert.Single(_stored);

        var twin = TestData.ReferralBody(TestData.NewId());
        twin["answers"] = JsonSerializer.SerializeToNode(JsonDocument.Parse(AnswersWriter.ToJson(TestData.EveryField)).RootElement);
        twin["patient"] = new System.Text.Json.Nodes.JsonObject { ["name"] = "Ada Example", ["email"] = "ada@example.org", ["phone"] = "+1 507 555 0100", ["preferredLanguage"] = "en" };
        twin["referrer"] = new System.Text.Json.Nodes.JsonObject { ["name"] = "Dr. Grace Example", ["institution"] = "Example Oncology", ["email"] = "grace@example.org", ["phone"] = "+1 507 555 0199" };
        var request = HttpTesting.Post(TestData.Utf8(twin));
        Assert.Equal(StatusCodes.Status202Accepted, (await HttpTesting.ExecuteAsync(await _functions.SubmitReferral(request, None), request)).Status);
        var viaJson = _stored[1];

        Assert.Equal(SubmissionKind.Referral, viaFhir.Submission.Kind);
        Assert.Equal(viaJson.Submission.Answers, viaFhir.Submission.Answers);
        Assert.Equal(viaJson.Submission.Fingerprint, viaFhir.Submission.Fingerprint);
        Assert.Equal(viaJson.Contact, viaFhir.Contact);
        Assert.Equal(viaJson.Referrer, viaFhir.Referrer);
    }

    [Fact]
    public async Task A_Bundle_with_problems_is_400_with_one_issue_per_problem_at_its_FHIRPath_and_nothing_stored()
    {
        var bundle = FhirReferrals.For(TestData.Baseline, TestData.NewId());
        var q = FhirReferrals.IndexOf<QuestionnaireResponse>(bundle);
        var response = FhirReferrals.Resource<QuestionnaireResponse>(bundle);
        var ecog = response.Item.FindIndex(i => i.LinkId == "ecog");
        response.Item[ecog].Answer[0].Value = new Integer(9);
        response.Item.RemoveAll(i => i.LinkId == "patientAwareOfReferral");

        var issues = Outcome(await PostFhirAsync(bundle), StatusCodes.Status400BadRequest);

        Assert.Equal(2, issues.Count);
        Assert.Contains(issues, i => i.Expression == $"Bundle.entry[{q}].resource.item[{ecog}].answer[0]" && i.Diagnostics.Contains("0 to 4"));
        Assert.Contains(issues, i => i.Expression == $"Bundle.entry[{q}].resource" && i.Diagnostics.Contains("patientAwareOfReferral"));
        AssertNothingStored();
    }

    [Theory]
    [InlineData("hello")]
    [InlineData("{\"resourceType\": \"Patient\"}")]
    [InlineData("{\"resourceType\": \"Bundle\", \"resourceType\": \"Bundle\"}")]
    [InlineData("[]")]
    public async Task A_body_that_is_not_a_readable_Bundle_is_400_at_Bundle(string body)
    {
        var issues = Outcome(await PostFhirAsync(Encoding.UTF8.GetBytes(body)), StatusCodes.Status400BadRequest);

        Assert.All(issues, i => Assert.Equal("Bundle", i.Expression));
        AssertNothingStored();
    }

    [Fact]
    public async Task Nesting_deeper_than_FHIR_JSON_allows_is_400_at_Bundle()
    {
        var deep = "{\"resourceType\": \"Bundle\", \"type\": \"collection\", \"x\": " + string.Concat(Enumerable.Repeat("[", 200)) + string.Concat(Enumerable.Repeat("]", 200)) + "}";

        Assert.Equal("Bundle", Assert.Single(Outcome(await PostFhirAsync(Encoding.UTF8.GetBytes(deep)), StatusCodes.Status400BadRequest)).Expression);
        AssertNothingStored();
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/xml")]
    [InlineData("application/fhir+xml")]
    [InlineData(null)]
    public async Task Another_content_type_is_415_OperationOutcome(string? contentType)
    {
        var issue = Assert.Single(Outcome(await PostFhirAsync(Encoding.UTF8.GetBytes(FhirJson.Serialize(FhirReferrals.For(TestData.Baseline))), contentType), StatusCodes.Status415UnsupportedMediaType));

        Assert.Equal("not-supported", issue.Code);
        Assert.Contains("application/fhir+json", issue.Diagnostics);
        AssertNothingStored();
    }

    [Fact]
    public async Task A_body_over_64_KiB_is_413_OperationOutcome()
    {
        var body = new byte[JsonBody.MaxBytes + 1];
        Array.Fill(body, (byte)' ');

        Assert.Equal("too-long", Assert.Single(Outcome(await PostFhirAsync(body), StatusCodes.Status413PayloadTooLarge)).Code);
        AssertNothingStored();
    }

    [Fact]
    public async Task Without_a_partner_key_or_a_solved_challenge_it_is_400_naming_altcha()
    {
        var answer = await PostFhirAsync(Encoding.UTF8.GetBytes(FhirJson.Serialize(FhirReferrals.For(TestData.Baseline))), asPartner: false);

        Assert.Contains(SubmissionGate.Field, Assert.Single(Outcome(answer, StatusCodes.Status400BadRequest)).Diagnostics);
        AssertNothingStored();
    }

    [Fact]
    public async Task The_same_id_with_another_Bundle_is_409_OperationOutcome()
    {
        var id = TestData.NewId();
        _store.Reset();
        _store.Setup(s => s.AddAsync(It.IsAny<Submission>(), It.IsAny<Contact>(), It.IsAny<Referrer?>(), It.IsAny<HistoryEntry>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(AddResult.AlreadyExists);
        _store.Setup(s => s.GetAsync(id, It.IsAny<CancellationToken>())).ReturnsAsync(TestData.Submission(id, DateTimeOffset.UtcNow, SubmissionKind.Referral, TestData.Baseline with { Ecog = 0 }));

        var issue = Assert.Single(Outcome(await PostFhirAsync(FhirReferrals.For(TestData.Baseline, id)), StatusCodes.Status409Conflict));

        Assert.Equal("conflict", issue.Code);
        Assert.Contains(id, issue.Diagnostics);
        _queue.Verify(q => q.EnqueueAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task The_Questionnaire_and_each_code_system_are_FHIR_JSON_and_an_unknown_code_system_is_404()
    {
        var fhir = new FhirFunctions();
        var request = HttpTesting.Get();
        var questionnaire = await HttpTesting.ExecuteAsync(fhir.GetReferralQuestionnaire(request), request);
        Assert.Equal(200, questionnaire.Status);
        Assert.StartsWith(FhirJson.MediaType, questionnaire.ContentType);
        Assert.Equal(FhirCanonical.QuestionnaireUrl, questionnaire.Json().GetProperty("url").GetString());

        foreach (var id in ServiceCodeSystems.Ids)
        {
            request = HttpTesting.Get(id);
            var system = await HttpTesting.ExecuteAsync(fhir.GetCodeSystem(request, id), request);
            Assert.Equal(200, system.Status);
            Assert.Equal(FhirCanonical.CodeSystemUrl(id), system.Json().GetProperty("url").GetString());
        }
        request = HttpTesting.Get("gender");
        Assert.Equal("not-found", Assert.Single(Outcome(await HttpTesting.ExecuteAsync(fhir.GetCodeSystem(request, "gender"), request), 404)).Code);
    }
}
