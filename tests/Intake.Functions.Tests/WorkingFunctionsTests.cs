using System.Text.Json;
using System.Text.Json.Nodes;
using Intake.Functions.Triggers;
using Intake.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Primitives;
using Moq;

namespace Intake.Functions.Tests;

/// <summary>
/// <see cref="WorkingFunctions"/> (assignment, contact attempts) over the real <see cref="TeamActions"/>
/// with the stores mocked, and the working filters of <c>GET /api/worklist</c> (<see cref="WorkingQuery"/>).
/// Bodies are read strictly: every problem is a <c>400</c> naming the member's JSON path, and writes nothing.
/// </summary>
public sealed class WorkingFunctionsTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly DateTimeOffset Received = new(2026, 11, 26, 15, 4, 5, TimeSpan.Zero);

    private readonly Mock<ISubmissionStore> _store = new(MockBehavior.Strict);
    private readonly Mock<ITeamLists> _lists = new(MockBehavior.Strict);
    private readonly Mock<IAlertQueue> _alerts = new(MockBehavior.Strict);
    private readonly Mock<IPeopleIndex> _people = new();
    private readonly ManualClock _clock = new(Received.AddDays(2));
    private readonly SiteCalendar _calendar;
    private readonly WorkingFunctions _functions;
    private readonly List<HistoryEntry> _history = [];
    private Submission? _stored;

    public WorkingFunctionsTests()
    {
        _calendar = TestData.Calendar(_clock);
        var changes = new SubmissionChanges(_store.Object, _lists.Object, _alerts.Object, _calendar);
        var linking = new PersonLinking(_people.Object);
        _functions = new WorkingFunctions(new TeamActions(changes, linking, TestData.Engine, _calendar), _store.Object, linking, _calendar);
        _lists.Setup(l => l.PutAsync(It.IsAny<WorklistItem>(), It.IsAny<WorklistItem?>(), It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);
        _people.Setup(p => p.BornOnAsync(It.IsAny<DateOnly>(), It.IsAny<CancellationToken>())).ReturnsAsync([]);
    }

    private string Given()
    {
        var id = TestData.NewId();
        var submission = TestData.Submission(id, Received);
        var precheck = TestData.Engine.Evaluate(submission.Answers, submission.ReceivedOn);
        _stored = submission with { Precheck = precheck, EvaluatedAt = Received, Status = submission.StatusFor(precheck), Version = 2 };
        _history.AddRange([new(Received, "Self-screening received", Actors.Public), new(Received, PrecheckRouting.Describe(precheck), Actors.System)]);
        _store.Setup(s => s.GetAsync(id, It.IsAny<CancellationToken>())).ReturnsAsync(() => _stored);
        _store.Setup(s => s.TryUpdateAsync(It.Is<Submission>(x => x.Id == id), It.IsAny<HistoryEntry>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((Submission updated, HistoryEntry entry, CancellationToken _) =>
            {
                _stored = updated;
                _history.Add(entry);
                return true;
            });
        _store.Setup(s => s.GetFileAsync(id, It.IsAny<CancellationToken>())).ReturnsAsync(() => new SubmissionFile(_stored!, TestData.Contact, null, [.. _history]));
        return id;
    }

    private async Task<Answer> AssignAsync(string id, string body)
    {
        var request = HttpTesting.Post(body);
        return await HttpTesting.ExecuteAsync(await _functions.AssignSubmission(request, id, None), request);
    }

    private async Task<Answer> AttemptAsync(string id, JsonNode body)
    {
        var request = HttpTesting.Post(body.ToJsonString());
        return await HttpTesting.ExecuteAsync(await _functions.LogContactAttempt(request, id, None), request);
    }

    private void AssertRefused(Answer answer, params string[] paths)
    {
        Assert.Equal(StatusCodes.Status400BadRequest, answer.Status);
        Assert.StartsWith(Problems.ContentType, answer.ContentType);
        Assert.Equal(paths, answer.ErrorPaths());
        _store.Verify(s => s.TryUpdateAsync(It.IsAny<Submission>(), It.IsAny<HistoryEntry>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    // --- assignment ---

    [Fact]
    public async Task Assignment_answers_the_submission_with_assignedTo_trimmed_and_a_history_entry_naming_who_assigned()
    {
        var id = Given();

        var answer = await AssignAsync(id, """{ "assignedTo": "  Ann Coordinator  " }""");

        Assert.Equal(StatusCodes.Status200OK, answer.Status);
        var json = answer.Json();
        Assert.Equal("Ann Coordinator", json.GetProperty("assignedTo").GetString());
        var last = json.GetProperty("history").EnumerateArray().Last();
        Assert.Equal("Assigned to Ann Coordinator", last.GetProperty("event").GetString());
        Assert.Equal("local-staff", last.GetProperty("by").GetString());
        _lists.Verify(l => l.PutAsync(It.Is<WorklistItem>(i => i.Id == id && i.AssignedTo == "Ann Coordinator"), It.IsAny<WorklistItem?>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task Assignment_to_null_releases_the_item()
    {
        var id = Given();
        await AssignAsync(id, """{ "assignedTo": "Ann" }""");

        var answer = await AssignAsync(id, """{ "assignedTo": null }""");

        Assert.Equal(StatusCodes.Status200OK, answer.Status);
        Assert.Equal(JsonValueKind.Null, answer.Json().GetProperty("assignedTo").ValueKind);
        Assert.Equal("Assignment released (was Ann)", answer.Json().GetProperty("history").EnumerateArray().Last().GetProperty("event").GetString());
    }

    [Theory]
    [InlineData("""{}""")]
    [InlineData("""{ "assignedTo": "" }""")]
    [InlineData("""{ "assignedTo": "   " }""")]
    [InlineData("""{ "assignedTo": 7 }""")]
    [InlineData("""{ "assignedTo": ["Ann"] }""")]
    [InlineData("""{ "assignedTo": "Ann\u0007" }""")]
    public async Task Assignment_without_a_name_or_null_is_400_naming_assignedTo(string body)
    {
        var id = Given();

        AssertRefused(await AssignAsync(id, body), "assignedTo");
    }

    [Fact]
    public async Task Assignment_of_a_name_of_100_characters_is_taken_and_of_101_refused()
    {
        var id = Given();

        Assert.Equal(StatusCodes.Status200OK, (await AssignAsync(id, new JsonObject { ["assignedTo"] = new string('a', 100) }.ToJsonString())).Status);
        var refused = await AssignAsync(id, new JsonObject { ["assignedTo"] = new string('b', 101) }.ToJsonString());
        Assert.Equal(StatusCodes.Status400BadRequest, refused.Status);
        Assert.Equal(["assignedTo"], refused.ErrorPaths());
    }

    [Fact]
    public async Task Assignment_with_an_unknown_member_is_400_naming_it()
    {
        var id = Given();

        AssertRefused(await AssignAsync(id, """{ "assignedTo": "Ann", "assignee": "Bo" }"""), "assignee");
    }

    [Fact]
    public async Task Assignment_of_an_unknown_submission_is_404()
    {
        var id = TestData.NewId();
        _store.Setup(s => s.GetAsync(id, It.IsAny<CancellationToken>())).ReturnsAsync((Submission?)null);

        Assert.Equal(StatusCodes.Status404NotFound, (await AssignAsync(id, """{ "assignedTo": "Ann" }""")).Status);
    }

    // --- contact attempts ---

    [Fact]
    public async Task Contact_attempt_answers_the_submission_with_its_last_attempt_note_included_and_next_contact_date()
    {
        var id = Given();

        var answer = await AttemptAsync(id, new JsonObject { ["channel"] = "phone", ["outcome"] = "leftMessage", ["note"] = "Voicemail", ["nextContactOn"] = "2026-11-30" });

        Assert.Equal(StatusCodes.Status200OK, answer.Status);
        var json = answer.Json();
        var attempt = json.GetProperty("lastContactAttempt");
        Assert.Equal(["channel", "outcome", "at", "by", "note"], attempt.EnumerateObject().Select(p => p.Name));
        Assert.Equal("phone", attempt.GetProperty("channel").GetString());
        Assert.Equal("leftMessage", attempt.GetProperty("outcome").GetString());
        Assert.Equal(_clock.GetUtcNow(), attempt.GetProperty("at").GetDateTimeOffset());
        Assert.Equal("local-staff", attempt.GetProperty("by").GetString());
        Assert.Equal("Voicemail", attempt.GetProperty("note").GetString());
        Assert.Equal("2026-11-30", json.GetProperty("nextContactOn").GetString());
        Assert.Equal("Contact attempt by phone: leftMessage; next contact on 2026-11-30: Voicemail",
            json.GetProperty("history").EnumerateArray().Last().GetProperty("event").GetString());
        _lists.Verify(l => l.PutAsync(It.Is<WorklistItem>(i => i.Id == id && i.LastContactAttempt!.Note == null && i.NextContactOn == new DateOnly(2026, 11, 30)),
            It.IsAny<WorklistItem?>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task Contact_attempt_needs_only_channel_and_outcome_and_may_be_for_today()
    {
        var id = Given();

        var answer = await AttemptAsync(id, new JsonObject { ["channel"] = "letter", ["outcome"] = "noAnswer", ["note"] = null, ["nextContactOn"] = _calendar.Today.ToString("yyyy-MM-dd", null) });

        Assert.Equal(StatusCodes.Status200OK, answer.Status);
        Assert.Equal(JsonValueKind.Null, answer.Json().GetProperty("lastContactAttempt").GetProperty("note").ValueKind);
    }

    public static TheoryData<string, string[]> BadAttempts => new()
    {
        { """{ "outcome": "reached" }""", ["channel"] },
        { """{ "channel": "fax", "outcome": "reached" }""", ["channel"] },
        { """{ "channel": "Phone", "outcome": "reached" }""", ["channel"] },
        { """{ "channel": "phone" }""", ["outcome"] },
        { """{ "channel": "phone", "outcome": "busy" }""", ["outcome"] },
        { """{ "channel": 1, "outcome": 2 }""", ["channel", "outcome"] },
        { """{ "channel": "phone", "outcome": "reached", "note": 5 }""", ["note"] },
        { """{ "channel": "phone", "outcome": "reached", "nextContactOn": "2026-02-30" }""", ["nextContactOn"] },
        { """{ "channel": "phone", "outcome": "reached", "nextContactOn": "30/11/2026" }""", ["nextContactOn"] },
        { """{ "channel": "phone", "outcome": "reached", "nextContactOn": "2026-11-27" }""", ["nextContactOn"] },
        { """{ "channel": "phone", "outcome": "reached", "at": "2026-11-28" }""", ["at"] },
        { """[]""", [""] },
    };

    [Theory]
    [MemberData(nameof(BadAttempts))]
    public async Task Contact_attempt_with_a_wrong_member_is_400_naming_each_and_writes_nothing(string body, string[] paths)
    {
        var id = Given();
        var request = HttpTesting.Post(body);

        var answer = await HttpTesting.ExecuteAsync(await _functions.LogContactAttempt(request, id, None), request);

        AssertRefused(answer, paths);
    }

    [Fact]
    public async Task Contact_attempt_note_over_2000_characters_is_refused()
    {
        var id = Given();

        AssertRefused(await AttemptAsync(id, new JsonObject { ["channel"] = "email", ["outcome"] = "reached", ["note"] = new string('n', TeamActions.MaxNoteLength + 1) }), "note");
    }

    // --- the working filters of the worklist ---

    private async Task<(Answer Answer, WorklistFilter? Asked)> WorklistAsync(Dictionary<string, StringValues> query)
    {
        WorklistFilter? asked = null;
        _lists.Setup(l => l.PageAsync(TeamList.Worklist, It.IsAny<WorklistFilter>(), It.IsAny<int>(), It.IsAny<string?>(), It.IsAny<CancellationToken>()))
            .Callback((TeamList _, WorklistFilter f, int _, string? _, CancellationToken _) => asked = f)
            .ReturnsAsync(new WorklistPage([], new Dictionary<string, Contact>(), null));
        var functions = new StaffFunctions(_store.Object, _lists.Object, new PersonLinking(_people.Object), Mock.Of<ISubmissionErasure>());
        var request = HttpTesting.Get(query: query);
        var services = new ServiceCollection().AddSingleton(_calendar).BuildServiceProvider();
        request.HttpContext.RequestServices = new Overlay(services, request.HttpContext.RequestServices);
        return (await HttpTesting.ExecuteAsync(await functions.GetWorklist(request, None), request), asked);
    }

    [Fact]
    public async Task Worklist_assignedTo_filters_by_the_trimmed_name_and_due_today_by_the_sites_today()
    {
        // 2026-11-29 at 01:00 UTC is still the 28th in Chicago.
        _clock.Advance(new DateTimeOffset(2026, 11, 29, 1, 0, 0, TimeSpan.Zero) - _clock.GetUtcNow());

        var (answer, asked) = await WorklistAsync(new() { ["assignedTo"] = " Ann ", ["due"] = "today", ["priority"] = "High" });

        Assert.Equal(StatusCodes.Status200OK, answer.Status);
        Assert.Equal(new WorklistFilter(Priority.High, null, "Ann", new DateOnly(2026, 11, 28)), asked);
    }

    [Theory]
    [InlineData("due", "tomorrow")]
    [InlineData("due", "2026-11-28")]
    [InlineData("due", "")]
    [InlineData("assignedTo", "")]
    [InlineData("assignedTo", "  ")]
    public async Task Worklist_with_a_wrong_working_filter_is_400_naming_it(string name, string value)
    {
        var (answer, asked) = await WorklistAsync(new() { [name] = value });

        Assert.Equal(StatusCodes.Status400BadRequest, answer.Status);
        Assert.Equal([name], answer.ErrorPaths());
        Assert.Null(asked);
    }

    [Fact]
    public async Task Worklist_with_assignedTo_given_twice_or_over_100_characters_is_400()
    {
        Assert.Equal(["assignedTo"], (await WorklistAsync(new() { ["assignedTo"] = new StringValues(["Ann", "Bo"]) })).Answer.ErrorPaths());
        Assert.Equal(["assignedTo"], (await WorklistAsync(new() { ["assignedTo"] = new string('a', 101) })).Answer.ErrorPaths());
    }

    /// <summary>The request's services with the site calendar added, as the host has it.</summary>
    private sealed class Overlay(IServiceProvider first, IServiceProvider then) : IServiceProvider
    {
        public object? GetService(Type serviceType) => first.GetService(serviceType) ?? then.GetService(serviceType);
    }
}
