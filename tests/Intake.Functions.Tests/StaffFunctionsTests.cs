using Intake.Functions.Triggers;
using Intake.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Moq;

namespace Intake.Functions.Tests;

/// <summary><see cref="StaffFunctions"/> with its stores mocked.</summary>
public sealed class StaffFunctionsTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly DateTimeOffset Received = new(2026, 11, 26, 15, 4, 5, TimeSpan.Zero);

    private readonly Mock<ISubmissionStore> _store = new(MockBehavior.Strict);
    private readonly Mock<ITeamLists> _lists = new(MockBehavior.Strict);
    private readonly StaffFunctions _functions;

    private readonly Mock<IPeopleIndex> _people = new();
    private readonly Mock<ISubmissionErasure> _erasure = new();

    public StaffFunctionsTests() => _functions = new StaffFunctions(_store.Object, _lists.Object, new PersonLinking(_people.Object), _erasure.Object);

    private async Task<Answer> GetSubmissionAsync(string id)
    {
        var request = HttpTesting.Get(id);
        return await HttpTesting.ExecuteAsync(await _functions.GetSubmission(request, id, None), request);
    }

    private async Task<Answer> GetSubmissionFhirAsync(string id)
    {
        var request = HttpTesting.Get(id);
        return await HttpTesting.ExecuteAsync(await _functions.GetSubmissionFhir(request, id, None), request);
    }

    private async Task<Answer> GetWorklistAsync(Dictionary<string, StringValues>? query = null)
    {
        var request = HttpTesting.Get(query: query);
        return await HttpTesting.ExecuteAsync(await _functions.GetWorklist(request, None), request);
    }

    private static void AssertNotFound(Answer answer)
    {
        Assert.Equal(StatusCodes.Status404NotFound, answer.Status);
        Assert.StartsWith(Problems.ContentType, answer.ContentType);
        Assert.Equal(404, answer.Json().GetProperty("status").GetInt32());
    }

    [Theory]
    [InlineData("not-a-uuid")]
    [InlineData("")]
    [InlineData("3f1c2a4e8b7d4c1a9e2f5a6b7c8d9e0f")]
    [InlineData("{3f1c2a4e-8b7d-4c1a-9e2f-5a6b7c8d9e0f}")]
    [InlineData("../../record")]
    [InlineData("3f1c2a4e-8b7d-4c1a-9e2f-5a6b7c8d9e0f\r\n")]
    [InlineData(" 3f1c2a4e-8b7d-4c1a-9e2f-5a6b7c8d9e0f")]
    [InlineData("3f1c2a4e-8b7d-4c1a-9e2f-5a6b7c8d9e0f\t")]
    public async Task GetSubmission_of_a_non_UUID_is_404_without_reading_storage(string id)
    {
        AssertNotFound(await GetSubmissionAsync(id));

        _store.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task GetSubmission_of_an_unknown_id_is_404()
    {
        var id = TestData.NewId();
        _store.Setup(s => s.GetFileAsync(id, It.IsAny<CancellationToken>())).ReturnsAsync((SubmissionFile?)null);

        var answer = await GetSubmissionAsync(id);

        AssertNotFound(answer);
        Assert.DoesNotContain(id, answer.Body);
    }

    [Fact]
    public async Task GetSubmission_of_an_erased_id_is_410_saying_when_and_by_whom_and_nothing_else()
    {
        var id = TestData.NewId();
        _store.Setup(s => s.GetFileAsync(id, It.IsAny<CancellationToken>())).ReturnsAsync((SubmissionFile?)null);
        _erasure.Setup(e => e.ErasedAsync(id, It.IsAny<CancellationToken>())).ReturnsAsync(new ErasedSubmission(id, SubmissionKind.Referral, "2026-11", PrecheckResult.LikelyIneligible, ["I8"], DateTimeOffset.Parse("2026-12-01T09:30:00Z", System.Globalization.CultureInfo.InvariantCulture), "manager@site.example", "The person asked"));

        var answer = await GetSubmissionAsync(id);

        Assert.Equal(StatusCodes.Status410Gone, answer.Status);
        Assert.StartsWith(Problems.ContentType, answer.ContentType);
        var detail = answer.Json().GetProperty("detail").GetString();
        Assert.Contains("2026-12-01 09:30", detail);
        Assert.Contains("manager@site.example", detail);
        Assert.DoesNotContain("The person asked", answer.Body);
    }

    [Fact]
    public async Task GetSubmission_answers_the_whole_file_in_the_api_shape()
    {
        var id = TestData.NewId();
        var submission = TestData.Submission(id, Received, SubmissionKind.Referral, TestData.EveryField);
        var precheck = TestData.Engine.Evaluate(submission.Answers, submission.ReceivedOn);
        var routed = submission with { Status = SubmissionStatus.Routed, Precheck = precheck, EvaluatedAt = Received.AddMinutes(1), TeamStatus = TeamStatus.Contacted, Version = 3 };
        HistoryEntry[] history =
        [
            new(Received, "Referral received", Actors.Public),
            new(Received.AddMinutes(1), PrecheckRouting.Describe(precheck), Actors.System),
            new(Received.AddDays(1), "Team status: Contacted", "staff@example.org"),
        ];
        var file = new SubmissionFile(routed, new Contact("Ada Example", null, "+1 507 555 0100", "es"), TestData.Referrer, history);
        _store.Setup(s => s.GetFileAsync(id, It.IsAny<CancellationToken>())).ReturnsAsync(file);

        // The id is read case-insensitively and looked up in its lower-case form.
        var answer = await GetSubmissionAsync(id.ToUpperInvariant());

        Assert.Equal(StatusCodes.Status200OK, answer.Status);
        Assert.StartsWith("application/json", answer.ContentType);
        var json = answer.Json();
        Assert.Equal(["id", "kind", "receivedAt", "status", "answers", "contact", "referrer", "precheck", "teamStatus", "assignedTo", "lastContactAttempt", "nextContactOn", "reopened", "followUps", "personId", "linkedSubmissions", "history"], json.EnumerateObject().Select(p => p.Name));
        Assert.Equal(id, json.GetProperty("id").GetString());
        Assert.Equal("referral", json.GetProperty("kind").GetString());
        Assert.Equal(Received, json.GetProperty("receivedAt").GetDateTimeOffset());
        Assert.Equal("Routed", json.GetProperty("status").GetString());
        Assert.Equal(1, json.GetProperty("answers").GetProperty("ecog").GetInt32());
        Assert.Equal("liver", json.GetProperty("answers").GetProperty("scheduledClinicalBiopsy").GetProperty("site").GetString());
        Assert.Equal("+1 507 555 0100", json.GetProperty("contact").GetProperty("phone").GetString());
        Assert.Equal("es", json.GetProperty("contact").GetProperty("preferredLanguage").GetString());
        Assert.Equal("Example Oncology", json.GetProperty("referrer").GetProperty("institution").GetString());
        var precheckJson = json.GetProperty("precheck");
        Assert.Equal(precheck.Result.ToString(), precheckJson.GetProperty("result").GetString());
        Assert.Equal(precheck.RulesetVersion, precheckJson.GetProperty("rulesetVersion").GetString());
        Assert.Equal("2026-11-26", precheckJson.GetProperty("today").GetString());
        Assert.Equal(Received.AddMinutes(1), precheckJson.GetProperty("evaluatedAt").GetDateTimeOffset());
        Assert.Equal(["I1", "I2", "I3", "I4", "I5", "I6", "I7", "I8", "I9", "E1", "E2", "E3", "E4", "E5", "E6"],
            precheckJson.GetProperty("criteria").EnumerateArray().Select(c => c.GetProperty("id").GetString()));
        Assert.Equal("Contacted", json.GetProperty("teamStatus").GetString());
        Assert.Equal(history.Select(h => h.Event), json.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("event").GetString()));
        Assert.Equal(history.Select(h => h.By), json.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("by").GetString()));
        _store.Verify(s => s.GetFileAsync(id, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task GetSubmissionFhir_answers_the_file_as_a_valid_R4_Bundle_whose_response_reads_back_into_its_answers()
    {
        var id = TestData.NewId();
        var submission = TestData.Submission(id, Received, SubmissionKind.Referral, TestData.EveryField);
        var precheck = TestData.Engine.Evaluate(submission.Answers, submission.ReceivedOn);
        var file = new SubmissionFile(submission with { Status = SubmissionStatus.Routed, Precheck = precheck, EvaluatedAt = Received.AddMinutes(1), TeamStatus = TeamStatus.Scheduled },
            TestData.Contact, TestData.Referrer, []);
        _store.Setup(s => s.GetFileAsync(id, It.IsAny<CancellationToken>())).ReturnsAsync(file);

        var answer = await GetSubmissionFhirAsync(id.ToUpperInvariant());

        Assert.Equal(StatusCodes.Status200OK, answer.Status);
        Assert.StartsWith("application/fhir+json", answer.ContentType);
        using var document = System.Text.Json.JsonDocument.Parse(answer.Body);
        var issues = new List<Intake.Core.Fhir.FhirIssue>();
        var bundle = Intake.Core.Fhir.FhirJson.ReadBundle(document.RootElement, issues);
        Assert.NotNull(bundle);
        Intake.Testing.FhirValidation.AssertValid(bundle, "GET /api/submissions/{id}/fhir");
        Assert.Equal(Hl7.Fhir.Model.ResearchSubject.ResearchSubjectStatus.PendingOnStudy, Intake.Testing.FhirReferrals.Resource<Hl7.Fhir.Model.ResearchSubject>(bundle).Status);
        Assert.Equal(precheck.Criteria.Count + 1, bundle.Entry.Count(e => e.Resource is Hl7.Fhir.Model.Observation));
        var repost = new Hl7.Fhir.Model.Bundle { Type = Hl7.Fhir.Model.Bundle.BundleType.Collection };
        repost.Entry.AddRange(bundle.Entry.Where(e => e.Resource is not (Hl7.Fhir.Model.ResearchStudy or Hl7.Fhir.Model.ResearchSubject or Hl7.Fhir.Model.Observation)));
        var draft = Intake.Core.Fhir.ReferralBundleReader.Read(repost, submission.ReceivedOn, issues);
        Assert.True(draft is not null, string.Join(" | ", issues));
        Assert.Equal(submission.Answers, draft.Answers);
        Assert.Equal(submission.Fingerprint, draft.Fingerprint);
    }

    [Fact]
    public async Task GetSubmissionFhir_of_an_unknown_id_is_404_and_of_an_erased_one_410_as_OperationOutcomes()
    {
        var unknown = TestData.NewId();
        var erased = TestData.NewId();
        _store.Setup(s => s.GetFileAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync((SubmissionFile?)null);
        _erasure.Setup(e => e.ErasedAsync(erased, It.IsAny<CancellationToken>())).ReturnsAsync(new ErasedSubmission(erased, SubmissionKind.Referral, "2026-11", PrecheckResult.LikelyIneligible, ["I8"], DateTimeOffset.Parse("2026-12-01T09:30:00Z", System.Globalization.CultureInfo.InvariantCulture), "manager@site.example", "The person asked"));

        var notFound = await GetSubmissionFhirAsync(unknown);
        var gone = await GetSubmissionFhirAsync(erased);
        var malformed = await GetSubmissionFhirAsync("not-a-uuid");

        Assert.Equal((404, "not-found"), (notFound.Status, Code(notFound)));
        Assert.Equal((410, "deleted"), (gone.Status, Code(gone)));
        Assert.Contains("manager@site.example", gone.Body);
        Assert.DoesNotContain("The person asked", gone.Body);
        Assert.Equal(404, malformed.Status);

        static string? Code(Answer answer)
        {
            Assert.StartsWith("application/fhir+json", answer.ContentType);
            return answer.Json().GetProperty("issue")[0].GetProperty("code").GetString();
        }
    }

    [Fact]
    public async Task GetSubmission_of_a_self_screening_not_yet_prechecked_has_null_referrer_and_precheck()
    {
        var id = TestData.NewId();
        var file = new SubmissionFile(TestData.Submission(id, Received), TestData.Contact, null, [new(Received, "Self-screening received", Actors.Public)]);
        _store.Setup(s => s.GetFileAsync(id, It.IsAny<CancellationToken>())).ReturnsAsync(file);

        var json = (await GetSubmissionAsync(id)).Json();

        Assert.Equal("selfScreening", json.GetProperty("kind").GetString());
        Assert.Equal("Received", json.GetProperty("status").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, json.GetProperty("referrer").ValueKind);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, json.GetProperty("precheck").ValueKind);
        Assert.Equal("New", json.GetProperty("teamStatus").GetString());
    }

    [Theory]
    [InlineData("priority", "Bogus")]
    [InlineData("priority", "urgent")]
    [InlineData("priority", "")]
    [InlineData("teamStatus", "Lost")]
    [InlineData("priority", "0")]
    public async Task GetWorklist_with_a_filter_value_that_does_not_exist_is_400_naming_the_filter(string name, string value)
    {
        var answer = await GetWorklistAsync(new() { [name] = value });

        Assert.Equal(StatusCodes.Status400BadRequest, answer.Status);
        Assert.StartsWith(Problems.ContentType, answer.ContentType);
        Assert.Equal([name], answer.ErrorPaths());
        _lists.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task GetWorklist_with_a_repeated_filter_is_400()
    {
        var answer = await GetWorklistAsync(new() { ["priority"] = new StringValues(["High", "Urgent"]) });

        Assert.Equal(StatusCodes.Status400BadRequest, answer.Status);
        Assert.Equal(["priority"], answer.ErrorPaths());
        _lists.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task GetWorklist_passes_its_filters_and_answers_the_items_in_the_lists_order()
    {
        WorklistItem[] items =
        [
            TestData.Line(TestData.NewId(), SubmissionKind.Referral, PrecheckResult.LikelyEligible, Priority.Urgent, Received, new DateOnly(2026, 12, 1), TeamStatus.Contacted, "Clinical biopsy on 2026-12-01; All criteria the answers can settle are met", []),
            TestData.Line(TestData.NewId(), SubmissionKind.SelfScreening, PrecheckResult.LikelyEligible, Priority.Urgent, Received.AddHours(-1), new DateOnly(2026, 12, 2), TeamStatus.Contacted, "Clinical biopsy on 2026-12-02", []),
        ];
        var contacts = new Dictionary<string, Contact> { [items[0].Id] = new("Ana Núñez", "ana@example.org", "+1 507 555 0100", "es") };
        _lists.Setup(l => l.PageAsync(TeamList.Worklist, new WorklistFilter(Priority.Urgent, TeamStatus.Contacted), WorklistPage.DefaultLimit, null, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new WorklistPage(items, contacts, "next-page"));

        var answer = await GetWorklistAsync(new() { ["priority"] = "Urgent", ["teamStatus"] = "Contacted" });

        Assert.Equal(StatusCodes.Status200OK, answer.Status);
        Assert.StartsWith("application/json", answer.ContentType);
        var listed = answer.Json().GetProperty("items").EnumerateArray().ToArray();
        Assert.Equal(items.Select(i => i.Id), listed.Select(i => i.GetProperty("id").GetString()));
        var first = listed[0];
        Assert.Equal(["id", "kind", "priority", "result", "receivedAt", "scheduledBiopsyDate", "teamStatus", "summary", "followUps", "personId", "reopened", "assignedTo", "lastContactAttempt", "nextContactOn", "name", "email", "phone"],
            first.EnumerateObject().Select(p => p.Name));
        Assert.Equal(("Ana Núñez", "ana@example.org", "+1 507 555 0100"),
            (first.GetProperty("name").GetString(), first.GetProperty("email").GetString(), first.GetProperty("phone").GetString()));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, listed[1].GetProperty("name").ValueKind);
        Assert.Equal("next-page", answer.Json().GetProperty("next").GetString());
        Assert.Equal("referral", first.GetProperty("kind").GetString());
        Assert.Equal("Urgent", first.GetProperty("priority").GetString());
        Assert.Equal("LikelyEligible", first.GetProperty("result").GetString());
        Assert.Equal("2026-12-01", first.GetProperty("scheduledBiopsyDate").GetString());
        Assert.Equal("Contacted", first.GetProperty("teamStatus").GetString());
    }

    [Fact]
    public async Task GetWorklist_without_filters_lists_everything()
    {
        _lists.Setup(l => l.PageAsync(TeamList.Worklist, new WorklistFilter(), WorklistPage.DefaultLimit, null, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new WorklistPage([], new Dictionary<string, Contact>(), null));

        var answer = await GetWorklistAsync();

        Assert.Equal(StatusCodes.Status200OK, answer.Status);
        Assert.Empty(answer.Json().GetProperty("items").EnumerateArray());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, answer.Json().GetProperty("next").ValueKind);
    }

    [Fact]
    public async Task GetWorklist_passes_its_limit_and_cursor_to_the_lists()
    {
        _lists.Setup(l => l.PageAsync(TeamList.Worklist, new WorklistFilter(), 200, "abc_-1", It.IsAny<CancellationToken>()))
            .ReturnsAsync(new WorklistPage([], new Dictionary<string, Contact>(), null));

        var answer = await GetWorklistAsync(new() { ["limit"] = "200", ["cursor"] = "abc_-1" });

        Assert.Equal(StatusCodes.Status200OK, answer.Status);
        _lists.VerifyAll();
    }

    [Theory]
    [InlineData("0")]
    [InlineData("201")]
    [InlineData("-1")]
    [InlineData("ten")]
    [InlineData("1.5")]
    [InlineData("")]
    public async Task GetWorklist_with_a_limit_outside_1_to_200_is_400_naming_limit(string limit)
    {
        var answer = await GetWorklistAsync(new() { ["limit"] = limit });

        Assert.Equal(StatusCodes.Status400BadRequest, answer.Status);
        Assert.Equal(["limit"], answer.ErrorPaths());
        _lists.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task GetWorklist_with_a_cursor_the_lists_do_not_know_is_400_naming_cursor()
    {
        _lists.Setup(l => l.PageAsync(TeamList.Worklist, new WorklistFilter(), WorklistPage.DefaultLimit, "forged", It.IsAny<CancellationToken>()))
            .ReturnsAsync((WorklistPage?)null);

        var answer = await GetWorklistAsync(new() { ["cursor"] = "forged" });

        Assert.Equal(StatusCodes.Status400BadRequest, answer.Status);
        Assert.StartsWith(Problems.ContentType, answer.ContentType);
        Assert.Equal(["cursor"], answer.ErrorPaths());
    }

    [Fact]
    public async Task GetScreenedOut_answers_the_screened_out_list_with_the_not_met_reasons()
    {
        var item = TestData.Line(TestData.NewId(), SubmissionKind.SelfScreening, PrecheckResult.LikelyIneligible, null, Received, null, TeamStatus.New,
            "Not met: I1", ["I1: The answers say there is no breast cancer."]);
        _lists.Setup(l => l.PageAsync(TeamList.ScreenedOut, new WorklistFilter(), WorklistPage.DefaultLimit, null, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new WorklistPage([item], new Dictionary<string, Contact>(), null));
        var request = HttpTesting.Get();

        var answer = await HttpTesting.ExecuteAsync(await _functions.GetScreenedOut(request, None), request);

        Assert.Equal(StatusCodes.Status200OK, answer.Status);
        var listed = Assert.Single(answer.Json().GetProperty("items").EnumerateArray());
        Assert.Equal(item.Id, listed.GetProperty("id").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, listed.GetProperty("priority").ValueKind);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, listed.GetProperty("scheduledBiopsyDate").ValueKind);
        Assert.Equal(item.NotMetReasons, listed.GetProperty("notMetReasons").EnumerateArray().Select(r => r.GetString()));
    }
}
