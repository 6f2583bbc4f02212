using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Intake.Functions.Triggers;
using Intake.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace Intake.Functions.Tests;

/// <summary>
/// <see cref="TeamFunctions"/> over the real <see cref="TeamActions"/> with the stores mocked: the
/// mocked store keeps what is written, so the answer shows what the action stored.
/// </summary>
public sealed class TeamFunctionsTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly DateTimeOffset Received = new(2026, 11, 26, 15, 4, 5, TimeSpan.Zero);

    private readonly Mock<ISubmissionStore> _store = new(MockBehavior.Strict);
    private readonly Mock<ITeamLists> _lists = new(MockBehavior.Strict);
    private readonly Mock<IPendingSubmissions> _pending = new(MockBehavior.Strict);
    private readonly Mock<IAlertQueue> _alerts = new(MockBehavior.Strict);
    private readonly Mock<IPeopleIndex> _people = new(MockBehavior.Strict);
    private readonly ManualClock _clock = new(Received.AddDays(2));
    private readonly TeamFunctions _functions;
    private readonly List<HistoryEntry> _history = [];
    private Submission? _stored;

    public TeamFunctionsTests()
    {
        var calendar = TestData.Calendar(_clock);
        var changes = new SubmissionChanges(_store.Object, _lists.Object, _alerts.Object, calendar);
        var linking = new PersonLinking(_people.Object);
        _functions = new TeamFunctions(new TeamActions(changes, linking, TestData.Engine, calendar), _store.Object, linking, calendar);
        _lists.Setup(l => l.PutAsync(It.IsAny<WorklistItem>(), It.IsAny<WorklistItem?>(), It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);
        _people.Setup(p => p.BornOnAsync(It.IsAny<DateOnly>(), It.IsAny<CancellationToken>())).ReturnsAsync([]);
    }

    /// <summary>Stores a pre-checked submission in the mocked store, which then keeps every change.</summary>
    private string Given(Answers answers, bool reopened = false)
    {
        var id = TestData.NewId();
        var submission = TestData.Submission(id, Received, answers: answers) with { PersonKeys = PersonKeys.Of(answers, TestData.Contact, TestData.PersonDigests) };
        var precheck = TestData.Engine.Evaluate(answers, submission.ReceivedOn);
        _stored = submission with { Precheck = precheck, EvaluatedAt = Received, Status = submission.StatusFor(precheck), Version = 2, Reopened = reopened };
        _history.AddRange([new(Received, "Self-screening received", Actors.Public), new(Received, PrecheckRouting.Describe(precheck), Actors.System)]);
        _store.Setup(s => s.GetAsync(id, It.IsAny<CancellationToken>())).ReturnsAsync(() => _stored);
        _store.Setup(s => s.TryUpdateAsync(It.Is<Submission>(x => x.Id == id), It.IsAny<HistoryEntry>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((Submission updated, HistoryEntry entry, CancellationToken _) =>
            {
                Assert.Equal(_stored!.Version + 1, updated.Version);
                _stored = updated;
                _history.Add(entry);
                return true;
            });
        _store.Setup(s => s.GetFileAsync(id, It.IsAny<CancellationToken>())).ReturnsAsync(() => new SubmissionFile(_stored!, TestData.Contact, null, [.. _history]));
        return id;
    }

    private void GivenNoSubmission(string id) => _store.Setup(s => s.GetAsync(id, It.IsAny<CancellationToken>())).ReturnsAsync((Submission?)null);

    private static HttpRequest Body(JsonNode body, string method = "POST") => Body(body.ToJsonString(), method);

    private static HttpRequest Body(string body, string method = "POST")
    {
        var request = HttpTesting.Post(body);
        request.Method = method;
        return request;
    }

    private async Task<Answer> SetStatusAsync(string id, HttpRequest request) =>
        await HttpTesting.ExecuteAsync(await _functions.SetTeamStatus(request, id, None), request);

    private async Task<Answer> SetStatusAsync(string id, JsonNode body) => await SetStatusAsync(id, Body(body));

    private async Task<Answer> ReopenAsync(string id, HttpRequest? request = null)
    {
        request ??= HttpTesting.Post("");
        return await HttpTesting.ExecuteAsync(await _functions.Reopen(request, id, None), request);
    }

    private async Task<Answer> NotGenuineAsync(string id, HttpRequest request) =>
        await HttpTesting.ExecuteAsync(await _functions.MarkNotGenuine(request, id, None), request);

    private async Task<Answer> NotGenuineAsync(string id, JsonNode body) => await NotGenuineAsync(id, Body(body));

    private async Task<Answer> CorrectAsync(string id, HttpRequest request) =>
        await HttpTesting.ExecuteAsync(await _functions.CorrectAnswers(request, id, None), request);

    private async Task<Answer> CorrectAsync(string id, JsonNode body) => await CorrectAsync(id, Body(body, "PUT"));

    private static JsonObject Corrected(Action<JsonObject> change)
    {
        var answers = TestData.AnswersJson();
        change(answers);
        return new JsonObject { ["answers"] = answers };
    }

    private static JsonElement LastHistory(Answer answer) => answer.Json().GetProperty("history").EnumerateArray().Last();

    private static void AssertSubmissionJson(Answer answer, string id)
    {
        Assert.Equal(StatusCodes.Status200OK, answer.Status);
        Assert.StartsWith("application/json", answer.ContentType);
        var json = answer.Json();
        string[] marked = json.TryGetProperty("notGenuine", out _) ? ["notGenuine"] : [];
        Assert.Equal(["id", "kind", "receivedAt", "status", .. marked, "answers", "contact", "referrer", "precheck", "teamStatus", "assignedTo", "lastContactAttempt", "nextContactOn", "reopened", "followUps", "personId", "linkedSubmissions", "history"],
            json.EnumerateObject().Select(p => p.Name));
        Assert.Equal(id, json.GetProperty("id").GetString());
    }

    private void AssertNothingWritten() =>
        _store.Verify(s => s.TryUpdateAsync(It.IsAny<Submission>(), It.IsAny<HistoryEntry>(), It.IsAny<CancellationToken>()), Times.Never);

    private static void AssertValidation(Answer answer, params string[] paths)
    {
        Assert.Equal(StatusCodes.Status400BadRequest, answer.Status);
        Assert.StartsWith(Problems.ContentType, answer.ContentType);
        Assert.Equal(400, answer.Json().GetProperty("status").GetInt32());
        Assert.Equal(paths, answer.ErrorPaths());
        Assert.All(paths, p => Assert.NotEmpty(answer.ErrorsAt(p)));
    }

    private static void AssertNotFound(Answer answer)
    {
        Assert.Equal(StatusCodes.Status404NotFound, answer.Status);
        Assert.StartsWith(Problems.ContentType, answer.ContentType);
        Assert.Equal(404, answer.Json().GetProperty("status").GetInt32());
    }

    // --- team status ---

    [Fact]
    public async Task Team_status_answers_200_with_the_submission_as_stored_after_the_change()
    {
        var id = Given(TestData.Baseline);

        var answer = await SetStatusAsync(id, new JsonObject { ["status"] = "Contacted", ["note"] = "Left a voicemail" });

        AssertSubmissionJson(answer, id);
        var json = answer.Json();
        Assert.Equal("Contacted", json.GetProperty("teamStatus").GetString());
        Assert.Equal("Routed", json.GetProperty("status").GetString());
        Assert.Equal(3, json.GetProperty("history").GetArrayLength());
        Assert.Equal("Team status New → Contacted: Left a voicemail", LastHistory(answer).GetProperty("event").GetString());
        Assert.Equal(_clock.GetUtcNow(), LastHistory(answer).GetProperty("at").GetDateTimeOffset());
        Assert.Equal(TeamStatus.Contacted, _stored!.TeamStatus);
        Assert.Equal(_clock.GetUtcNow(), _stored.FirstContactAt);
        _lists.Verify(l => l.PutAsync(It.Is<WorklistItem>(i => i.Id == id && i.TeamStatus == TeamStatus.Contacted), It.IsAny<WorklistItem?>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task Team_status_without_a_note_is_accepted()
    {
        var id = Given(TestData.Baseline);

        var answer = await SetStatusAsync(id, new JsonObject { ["status"] = "Unreachable" });

        Assert.Equal(StatusCodes.Status200OK, answer.Status);
        Assert.Equal("Team status New → Unreachable", LastHistory(answer).GetProperty("event").GetString());
    }

    [Fact]
    public async Task Team_status_note_of_exactly_2000_characters_is_accepted()
    {
        var id = Given(TestData.Baseline);
        var note = new string('n', TeamActions.MaxNoteLength);

        var answer = await SetStatusAsync(id, new JsonObject { ["status"] = "Contacted", ["note"] = note });

        Assert.Equal(StatusCodes.Status200OK, answer.Status);
        Assert.EndsWith(note, LastHistory(answer).GetProperty("event").GetString(), StringComparison.Ordinal);
    }

    public static TheoryData<string, string> BadStatusBodies => new()
    {
        { """{"status":"Lost"}""", "status" },
        { """{"status":"contacted"}""", "status" },
        { """{"status":"CONTACTED"}""", "status" },
        { """{"status":""}""", "status" },
        { """{"status":1}""", "status" },
        { """{"status":null}""", "status" },
        { """{"note":"no status"}""", "status" },
        { """{"status":"Contacted","note":7}""", "note" },
        { """{"status":"Contacted","note":"ok","comment":"?"}""", "comment" },
    };

    [Theory]
    [MemberData(nameof(BadStatusBodies))]
    public async Task Team_status_with_a_bad_body_is_400_naming_the_field_and_changes_nothing(string body, string path)
    {
        var id = Given(TestData.Baseline);

        AssertValidation(await SetStatusAsync(id, Body(body)), path);

        AssertNothingWritten();
    }

    [Fact]
    public async Task Team_status_with_an_unknown_status_lists_the_allowed_ones()
    {
        var id = Given(TestData.Baseline);

        var answer = await SetStatusAsync(id, new JsonObject { ["status"] = "Lost" });

        Assert.Contains("New, Contacted, Scheduled, Enrolled, Declined, NotEligible, Unreachable", Assert.Single(answer.ErrorsAt("status")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Team_status_with_a_note_over_2000_characters_is_400_at_note()
    {
        var id = Given(TestData.Baseline);

        var answer = await SetStatusAsync(id, new JsonObject { ["status"] = "Contacted", ["note"] = new string('n', TeamActions.MaxNoteLength + 1) });

        AssertValidation(answer, "note");
        Assert.Contains("2000", Assert.Single(answer.ErrorsAt("note")), StringComparison.Ordinal);
        AssertNothingWritten();
    }

    [Fact]
    public async Task Team_status_with_a_body_that_is_not_json_is_refused()
    {
        var id = Given(TestData.Baseline);

        Assert.Equal(StatusCodes.Status400BadRequest, (await SetStatusAsync(id, Body("{\"status\":"))).Status);
        Assert.Equal(StatusCodes.Status415UnsupportedMediaType, (await SetStatusAsync(id, HttpTesting.Post("status=Contacted", "text/plain"))).Status);
        AssertNothingWritten();
    }

    [Fact]
    public async Task Team_status_whose_body_does_not_arrive_within_the_deadline_is_408_and_nothing_is_written()
    {
        var id = Given(TestData.Baseline);
        var time = new FakeTimeProvider();
        using var body = new TricklingBody(Encoding.UTF8.GetBytes("""{"status":"Contacted"}"""));
        var request = HttpTesting.Post(body, body.Length, time, bodyReadSeconds: 10);

        var handling = _functions.SetTeamStatus(request, id, None);
        await body.Waiting;
        body.Send(5);
        await body.Waiting;
        time.Advance(TimeSpan.FromSeconds(10));

        var answer = await HttpTesting.ExecuteAsync(await handling.WaitAsync(TimeSpan.FromSeconds(30)), request);
        Assert.Equal(StatusCodes.Status408RequestTimeout, answer.Status);
        Assert.StartsWith(Problems.ContentType, answer.ContentType);
        AssertNothingWritten();
    }

    // --- reopen ---

    [Fact]
    public async Task Reopen_answers_200_with_the_submission_now_on_the_worklist()
    {
        var id = Given(TestData.Ineligible);

        var answer = await ReopenAsync(id);

        AssertSubmissionJson(answer, id);
        var json = answer.Json();
        Assert.Equal("Routed", json.GetProperty("status").GetString());
        Assert.True(json.GetProperty("reopened").GetBoolean());
        Assert.Equal("LikelyIneligible", json.GetProperty("precheck").GetProperty("result").GetString());
        Assert.Equal("Reopened from the screened-out list onto the worklist", LastHistory(answer).GetProperty("event").GetString());
        _lists.Verify(l => l.PutAsync(It.Is<WorklistItem>(i => i.List == TeamList.Worklist && i.Reopened), It.Is<WorklistItem?>(r => r != null && r.List == TeamList.ScreenedOut), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task Reopen_of_an_item_on_the_worklist_is_a_409_problem_and_changes_nothing()
    {
        var id = Given(TestData.Baseline);

        var answer = await ReopenAsync(id);

        Assert.Equal(StatusCodes.Status409Conflict, answer.Status);
        Assert.StartsWith(Problems.ContentType, answer.ContentType);
        var json = answer.Json();
        Assert.Equal(409, json.GetProperty("status").GetInt32());
        Assert.Equal("This action does not apply to the submission now", json.GetProperty("title").GetString());
        Assert.Contains("screened-out", json.GetProperty("detail").GetString(), StringComparison.Ordinal);
        AssertNothingWritten();
        _lists.VerifyNoOtherCalls();
    }

    // --- corrected answers ---

    [Fact]
    public async Task Corrected_answers_answer_200_with_the_new_precheck_and_the_diff_in_history()
    {
        var id = Given(TestData.Baseline with { PrimaryTissue = PrimaryTissue.Unknown });

        var answer = await CorrectAsync(id, Corrected(a => a["primaryTissue"] = "ffpe"));

        AssertSubmissionJson(answer, id);
        var json = answer.Json();
        Assert.Equal("ffpe", json.GetProperty("answers").GetProperty("primaryTissue").GetString());
        var precheck = json.GetProperty("precheck");
        Assert.Equal("LikelyEligible", precheck.GetProperty("result").GetString());
        Assert.Equal("High", precheck.GetProperty("priority").GetString());
        // Pre-checked again with the site's today, not the receipt date.
        Assert.Equal("2026-11-28", precheck.GetProperty("today").GetString());
        Assert.Empty(json.GetProperty("followUps").EnumerateArray());
        var evt = LastHistory(answer).GetProperty("event").GetString()!;
        Assert.StartsWith("Answers corrected (primaryTissue); pre-checked again on 2026-11-28", evt, StringComparison.Ordinal);
        Assert.Contains("NeedsReview (Normal) → LikelyEligible (High); I4 Unknown → Met: ", evt, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Corrected_answers_may_carry_the_oncologists_answers_for_a_self_screening()
    {
        var id = Given(TestData.Baseline);

        var answer = await CorrectAsync(id, Corrected(a => a["oncologistConcerns"] = new JsonObject { ["seriousComorbidity"] = false, ["biopsySafetyRisk"] = false, ["hazardousCondition"] = false }));

        Assert.Equal(StatusCodes.Status200OK, answer.Status);
        Assert.Equal(Outcome.Met, _stored!.Precheck!["E1"].Outcome);
    }

    [Fact]
    public async Task Corrected_answers_with_an_invalid_ecog_are_400_keyed_answers_ecog()
    {
        var id = Given(TestData.Baseline);

        AssertValidation(await CorrectAsync(id, Corrected(a => a["ecog"] = 7)), "answers.ecog");

        AssertNothingWritten();
    }

    [Fact]
    public async Task Corrected_answers_report_every_problem_by_its_json_path()
    {
        var id = Given(TestData.Baseline);

        var answer = await CorrectAsync(id, Corrected(a =>
        {
            a["ecog"] = "one";
            a["sex"] = "Female";
            a["primaryTisue"] = "ffpe";
        }));

        Assert.Equal(StatusCodes.Status400BadRequest, answer.Status);
        Assert.Equal(["answers.ecog", "answers.primaryTisue", "answers.sex"], answer.ErrorPaths().Order(StringComparer.Ordinal));
        AssertNothingWritten();
    }

    [Theory]
    [InlineData("""{}""", "answers")]
    [InlineData("""{"answers":null}""", "answers")]
    [InlineData("""{"answers":[]}""", "answers")]
    [InlineData("""{"answers":{},"note":"x"}""", "note")]
    public async Task Corrected_answers_with_a_bad_body_are_400_naming_the_field(string body, string path)
    {
        var id = Given(TestData.Baseline);

        AssertValidation(await CorrectAsync(id, Body(body, "PUT")), path);

        AssertNothingWritten();
    }

    [Fact]
    public async Task Corrected_answers_with_a_future_date_of_birth_are_400()
    {
        var id = Given(TestData.Baseline);

        AssertValidation(await CorrectAsync(id, Corrected(a => a["dateOfBirth"] = "2026-12-01")), "answers.dateOfBirth");
    }

    // --- not genuine ---

    [Fact]
    public async Task Marking_not_genuine_answers_200_with_the_status_the_mark_and_its_removal_date_and_records_who_and_why()
    {
        var id = Given(TestData.Baseline);

        var answer = await NotGenuineAsync(id, new JsonObject { ["reason"] = "  One of 40 posts from a script in ten minutes  " });

        AssertSubmissionJson(answer, id);
        var json = answer.Json();
        Assert.Equal("NotGenuine", json.GetProperty("status").GetString());
        var mark = json.GetProperty("notGenuine");
        Assert.Equal("One of 40 posts from a script in ten minutes", mark.GetProperty("reason").GetString());
        Assert.Equal("local-staff", mark.GetProperty("by").GetString());
        Assert.Equal(_clock.GetUtcNow(), mark.GetProperty("markedAt").GetDateTimeOffset());
        Assert.Equal(_clock.GetUtcNow().AddDays(30), mark.GetProperty("removalDue").GetDateTimeOffset());
        Assert.StartsWith(TeamActions.NotGenuineEvent, _history[^1].Event, StringComparison.Ordinal);
        Assert.EndsWith(": One of 40 posts from a script in ten minutes", _history[^1].Event, StringComparison.Ordinal);
        Assert.Equal("local-staff", _history[^1].By);
        // The line moves off the worklist into the not-genuine index.
        _lists.Verify(l => l.PutAsync(It.Is<WorklistItem>(i => i.Id == id && i.List == TeamList.NotGenuine), It.Is<WorklistItem?>(i => i!.List == TeamList.Worklist), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task Marking_not_genuine_again_answers_200_and_records_nothing_more()
    {
        var id = Given(TestData.Ineligible);
        Assert.Equal(StatusCodes.Status200OK, (await NotGenuineAsync(id, new JsonObject { ["reason"] = "Spam" })).Status);
        var entries = _history.Count;

        var again = await NotGenuineAsync(id, new JsonObject { ["reason"] = "Spam, again" });

        Assert.Equal(StatusCodes.Status200OK, again.Status);
        Assert.Equal("Spam", again.Json().GetProperty("notGenuine").GetProperty("reason").GetString());
        Assert.Equal(entries, _history.Count);
    }

    public static TheoryData<string> BadReasons => new()
    {
        "{}",
        """{"reason":null}""",
        """{"reason":""}""",
        """{"reason":"   "}""",
        """{"reason":42}""",
        $$"""{"reason":"{{new string('r', TeamActions.MaxNotGenuineReasonLength + 1)}}"}""",
    };

    [Theory]
    [MemberData(nameof(BadReasons))]
    public async Task A_mark_of_not_genuine_without_a_reason_of_1_to_500_characters_is_a_400_naming_reason_and_writes_nothing(string body)
    {
        var id = Given(TestData.Baseline);

        AssertValidation(await NotGenuineAsync(id, Body(body)), "reason");
        AssertNothingWritten();
    }

    [Fact]
    public async Task A_reason_of_exactly_500_characters_is_kept()
    {
        var id = Given(TestData.Baseline);

        var answer = await NotGenuineAsync(id, new JsonObject { ["reason"] = new string('r', TeamActions.MaxNotGenuineReasonLength) });

        Assert.Equal(StatusCodes.Status200OK, answer.Status);
        Assert.Equal(TeamActions.MaxNotGenuineReasonLength, answer.Json().GetProperty("notGenuine").GetProperty("reason").GetString()!.Length);
    }

    [Fact]
    public async Task A_submission_marked_not_genuine_takes_no_team_status_or_correction_until_reopened_and_reopening_puts_it_back()
    {
        var id = Given(TestData.Baseline);
        await NotGenuineAsync(id, new JsonObject { ["reason"] = "Spam" });

        Assert.Equal(StatusCodes.Status409Conflict, (await SetStatusAsync(id, new JsonObject { ["status"] = "Contacted" })).Status);
        Assert.Equal(StatusCodes.Status409Conflict, (await CorrectAsync(id, Corrected(a => a["ecog"] = 2))).Status);

        var reopened = await ReopenAsync(id);

        AssertSubmissionJson(reopened, id);
        Assert.Equal("Routed", reopened.Json().GetProperty("status").GetString());
        Assert.False(reopened.Json().TryGetProperty("notGenuine", out _));
        Assert.Equal(TeamStatus.New, _stored!.TeamStatus);
    }

    // --- all three ---

    public static TheoryData<string> Actions => ["team-status", "reopen", "answers", "not-genuine"];

    private async Task<Answer> ActAsync(string action, string id, string? principalName = null)
    {
        var request = action switch
        {
            "team-status" => Body(new JsonObject { ["status"] = "Scheduled" }),
            "reopen" => HttpTesting.Post(""),
            "not-genuine" => Body(new JsonObject { ["reason"] = "A test post by the web vendor" }),
            _ => Body(Corrected(a => a["ecog"] = 2), "PUT"),
        };
        if (principalName is not null)
        {
            request.SignedIn(principalName);
        }
        return action switch
        {
            "team-status" => await SetStatusAsync(id, request),
            "reopen" => await ReopenAsync(id, request),
            "not-genuine" => await NotGenuineAsync(id, request),
            _ => await CorrectAsync(id, request),
        };
    }

    [Theory]
    [MemberData(nameof(Actions))]
    public async Task Each_action_answers_200_and_records_the_signed_in_staff_member_as_by(string action)
    {
        var id = Given(TestData.Ineligible);

        var answer = await ActAsync(action, id, "ann.coordinator@example.org");

        AssertSubmissionJson(answer, id);
        Assert.Equal("ann.coordinator@example.org", LastHistory(answer).GetProperty("by").GetString());
        Assert.Equal("ann.coordinator@example.org", _history[^1].By);
        Assert.Equal(3, _stored!.Version);
    }

    [Theory]
    [MemberData(nameof(Actions))]
    public async Task Each_action_without_a_signed_in_name_records_the_function_key_holder_as_by(string action)
    {
        var id = Given(TestData.Ineligible);

        var answer = await ActAsync(action, id);

        Assert.Equal(StatusCodes.Status200OK, answer.Status);
        Assert.Equal("local-staff", LastHistory(answer).GetProperty("by").GetString());
        Assert.Equal("local-staff", _history[^1].By);
    }

    [Theory]
    [MemberData(nameof(Actions))]
    public async Task Each_action_on_an_unknown_id_is_404(string action)
    {
        var id = TestData.NewId();
        GivenNoSubmission(id);

        var answer = await ActAsync(action, id);

        AssertNotFound(answer);
        Assert.DoesNotContain(id, answer.Body, StringComparison.Ordinal);
        AssertNothingWritten();
    }

    public static TheoryData<string, string> ActionsOnNonUuids => new()
    {
        { "team-status", "not-a-uuid" },
        { "reopen", "not-a-uuid" },
        { "answers", "not-a-uuid" },
        { "team-status", "" },
        { "reopen", "3f1c2a4e8b7d4c1a9e2f5a6b7c8d9e0f" },
        { "answers", "../../record" },
        { "not-genuine", "not-a-uuid" },
    };

    [Theory]
    [MemberData(nameof(ActionsOnNonUuids))]
    public async Task Each_action_on_a_non_UUID_is_404_without_reading_storage(string action, string id)
    {
        AssertNotFound(await ActAsync(action, id));

        _store.VerifyNoOtherCalls();
        _lists.VerifyNoOtherCalls();
    }

    [Theory]
    [MemberData(nameof(Actions))]
    public async Task Each_action_finds_an_upper_case_id_by_its_lower_case_form(string action)
    {
        var id = Given(TestData.Ineligible);

        var answer = await ActAsync(action, id.ToUpperInvariant());

        Assert.Equal(StatusCodes.Status200OK, answer.Status);
        Assert.Equal(id, answer.Json().GetProperty("id").GetString());
    }
}
