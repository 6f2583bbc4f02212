using System.Text.Json;
using Intake.Functions.Triggers;
using Intake.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Moq;

namespace Intake.Functions.Tests;

/// <summary><see cref="StatsFunction"/> with its stores mocked; the funnel itself is tested in Intake.Core.Tests.</summary>
public sealed class StatsFunctionTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly TimeSpan Cst = TimeSpan.FromHours(-6);

    // 03:00 UTC on 27 November is still 26 November in Chicago: the site's today.
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 3, 0, 0, TimeSpan.Zero);

    private readonly Mock<ITeamLists> _lists = new(MockBehavior.Strict);
    private readonly Mock<IPendingSubmissions> _pending = new(MockBehavior.Strict);
    private readonly Mock<IPoisonQueues> _poison = new(MockBehavior.Strict);
    private readonly MemoryPassOutcomes _passes = new();
    private readonly StatsFunction _function;

    public StatsFunctionTests()
    {
        var calendar = TestData.Calendar(new ManualClock(Now));
        _function = new StatsFunction(new FunnelReader(_lists.Object, _pending.Object, _poison.Object, _passes, calendar), calendar);
    }

    private void Storage(WorklistItem[] worklist, WorklistItem[] screenedOut, string[] pending, Dictionary<string, int> poison, WorklistItem[]? notGenuine = null, WorklistItem[]? erased = null)
    {
        _lists.Setup(l => l.FunnelLinesAsync(It.IsAny<DateTimeOffset>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync([.. worklist, .. screenedOut, .. notGenuine ?? [], .. erased ?? []]);
        _pending.Setup(p => p.OlderThanAsync(DateTimeOffset.MaxValue, It.IsAny<CancellationToken>())).ReturnsAsync(pending);
        _poison.Setup(p => p.CountsAsync(It.IsAny<CancellationToken>())).ReturnsAsync(poison);
    }

    private void EmptyStorage() => Storage([], [], [], new() { ["precheck"] = 0, ["alerts"] = 0 });

    private async Task<Answer> GetStatsAsync(Dictionary<string, StringValues>? query = null)
    {
        var request = HttpTesting.Get(query: query);
        return await HttpTesting.ExecuteAsync(await _function.GetStats(request, None), request);
    }

    private void AssertNoStorageRead()
    {
        _lists.VerifyNoOtherCalls();
        _pending.VerifyNoOtherCalls();
        _poison.VerifyNoOtherCalls();
    }

    private static WorklistItem Line(SubmissionKind kind, PrecheckResult result, DateTimeOffset receivedAt, string? person = null,
        TeamStatus teamStatus = TeamStatus.New, string[]? notMet = null, DateTimeOffset? firstContactAt = null)
    {
        var line = TestData.Line(TestData.NewId(), kind, result, result == PrecheckResult.LikelyIneligible ? null : Priority.High,
            receivedAt, null, teamStatus, "a line", notMet ?? []);
        return line with { PersonId = person ?? line.Id, FirstContactAt = firstContactAt };
    }

    [Fact]
    public async Task GetStats_answers_the_funnel_of_the_range_in_the_documented_shape()
    {
        var ann = TestData.NewId();
        WorklistItem[] worklist =
        [
            Line(SubmissionKind.SelfScreening, PrecheckResult.LikelyEligible, new(2026, 11, 2, 9, 0, 0, Cst), teamStatus: TeamStatus.Contacted, firstContactAt: new(2026, 11, 2, 13, 0, 0, Cst)),
            Line(SubmissionKind.Referral, PrecheckResult.NeedsReview, new(2026, 11, 4, 9, 0, 0, Cst), person: ann),
            Line(SubmissionKind.SelfScreening, PrecheckResult.LikelyEligible, new(2026, 10, 30, 9, 0, 0, TimeSpan.FromHours(-5))), // before the range
        ];
        WorklistItem[] screenedOut =
        [
            Line(SubmissionKind.SelfScreening, PrecheckResult.LikelyIneligible, new(2026, 11, 3, 9, 0, 0, Cst), person: ann, notMet: ["I8: ECOG 3 is above the protocol's limit of 2."]),
            Line(SubmissionKind.SelfScreening, PrecheckResult.LikelyIneligible, new(2026, 11, 30, 23, 30, 0, Cst), notMet: ["I8: ECOG 4 is above the protocol's limit of 2.", "I5: No accessible lesion."]),
        ];
        // Marked not genuine: counted on its own, in no other figure (one in the range, one before it).
        WorklistItem[] notGenuine =
        [
            Line(SubmissionKind.SelfScreening, PrecheckResult.LikelyEligible, new(2026, 11, 5, 9, 0, 0, Cst)) with { List = TeamList.NotGenuine, Priority = null },
            Line(SubmissionKind.Referral, PrecheckResult.LikelyEligible, new(2026, 10, 5, 9, 0, 0, Cst)) with { List = TeamList.NotGenuine, Priority = null },
        ];
        Storage(worklist, screenedOut, [TestData.NewId()], new() { ["precheck"] = 2, ["alerts"] = 0 }, notGenuine);

        var answer = await GetStatsAsync(new() { ["from"] = "2026-11-01", ["to"] = "2026-11-30" });

        Assert.Equal(StatusCodes.Status200OK, answer.Status);
        Assert.StartsWith("application/json", answer.ContentType);
        var json = answer.Json();
        Assert.Equal(1, json.GetProperty("notGenuine").GetInt32());
        Assert.Equal(["from", "to", "timeZone", "submissions", "people", "awaitingPrecheck", "notGenuine", "precheckResults", "notMet", "worklist", "timeToFirstContact", "poisonMessages", "timerPasses"],
            json.EnumerateObject().Select(p => p.Name));
        Assert.Equal("2026-11-01", json.GetProperty("from").GetString());
        Assert.Equal("2026-11-30", json.GetProperty("to").GetString());
        Assert.Equal("America/Chicago", json.GetProperty("timeZone").GetString());
        AssertCounts(json.GetProperty("submissions"), ("selfScreening", 3), ("referral", 1), ("total", 4));
        Assert.Equal(3, json.GetProperty("people").GetInt32());
        Assert.Equal(1, json.GetProperty("awaitingPrecheck").GetInt32());
        AssertCounts(json.GetProperty("precheckResults"), ("LikelyEligible", 1), ("NeedsReview", 1), ("LikelyIneligible", 1));
        var notMet = json.GetProperty("notMet");
        Assert.Equal(["I1", "I2", "I3", "I4", "I5", "I6", "I7", "I8", "I9", "E1", "E2", "E3", "E4", "E5", "E6"], notMet.EnumerateObject().Select(p => p.Name));
        Assert.Equal(1, notMet.GetProperty("I5").GetInt32());
        Assert.Equal(1, notMet.GetProperty("I8").GetInt32());
        var onWorklist = json.GetProperty("worklist");
        Assert.Equal(["people", "teamStatus", "reopened"], onWorklist.EnumerateObject().Select(p => p.Name));
        Assert.Equal(2, onWorklist.GetProperty("people").GetInt32());
        AssertCounts(onWorklist.GetProperty("teamStatus"),
            ("New", 1), ("Contacted", 1), ("Scheduled", 0), ("Enrolled", 0), ("Declined", 0), ("NotEligible", 0), ("Unreachable", 0));
        Assert.Equal(0, onWorklist.GetProperty("reopened").GetInt32());
        var contact = json.GetProperty("timeToFirstContact");
        Assert.Equal(["people", "medianHours", "p90Hours"], contact.EnumerateObject().Select(p => p.Name));
        Assert.Equal(1, contact.GetProperty("people").GetInt32());
        Assert.Equal(4, contact.GetProperty("medianHours").GetDouble());
        Assert.Equal(4, contact.GetProperty("p90Hours").GetDouble());
        AssertCounts(json.GetProperty("poisonMessages"), ("precheck", 2), ("alerts", 0));
    }

    [Fact]
    public async Task GetStats_shows_each_timer_pass_last_outcome_with_its_failures_and_null_for_a_pass_that_has_not_run()
    {
        EmptyStorage();
        var at = new DateTimeOffset(2026, 11, 27, 2, 5, 0, TimeSpan.Zero);
        await _passes.RecordAsync(new PassOutcome(PassOutcome.Reevaluate, at, Items: 40, Failures: 2), CancellationToken.None);

        var json = (await GetStatsAsync(new())).Json().GetProperty("timerPasses");

        Assert.Equal(["reconcile", "reevaluate", "sendUrgentDigests", "removeNotGenuine", "removeExpiredChallenges", "migratePersonKeys", "eraseByRetention", "migrateRowKeys", "indexFunnel", "shelveLines"], json.EnumerateObject().Select(p => p.Name));
        Assert.Equal(JsonValueKind.Null, json.GetProperty("reconcile").ValueKind);
        var reevaluate = json.GetProperty("reevaluate");
        Assert.Equal(["at", "items", "failures"], reevaluate.EnumerateObject().Select(p => p.Name));
        Assert.Equal(at, reevaluate.GetProperty("at").GetDateTimeOffset());
        Assert.Equal(40, reevaluate.GetProperty("items").GetInt32());
        Assert.Equal(2, reevaluate.GetProperty("failures").GetInt32());
    }

    private static void AssertCounts(JsonElement counts, params (string Name, int Count)[] expected) =>
        Assert.Equal(expected, counts.EnumerateObject().Select(p => (p.Name, p.Value.GetInt32())));

    [Fact]
    public async Task GetStats_answers_counts_only_never_an_id()
    {
        var line = Line(SubmissionKind.Referral, PrecheckResult.LikelyEligible, new(2026, 11, 20, 9, 0, 0, Cst), person: TestData.NewId());
        var pendingId = TestData.NewId();
        Storage([line], [], [pendingId], new() { ["precheck"] = 0, ["alerts"] = 0 });

        var answer = await GetStatsAsync();

        Assert.Equal(StatusCodes.Status200OK, answer.Status);
        Assert.DoesNotContain(line.Id, answer.Body);
        Assert.DoesNotContain(line.PersonId, answer.Body);
        Assert.DoesNotContain(pendingId, answer.Body);
    }

    [Fact]
    public async Task GetStats_of_an_empty_range_has_zero_counts_and_null_contact_times()
    {
        EmptyStorage();

        var json = (await GetStatsAsync(new() { ["from"] = "2001-01-01", ["to"] = "2001-01-31" })).Json();

        Assert.Equal(0, json.GetProperty("submissions").GetProperty("total").GetInt32());
        Assert.Equal(0, json.GetProperty("people").GetInt32());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("timeToFirstContact").GetProperty("medianHours").ValueKind);
        Assert.Equal(JsonValueKind.Null, json.GetProperty("timeToFirstContact").GetProperty("p90Hours").ValueKind);
    }

    [Fact]
    public async Task GetStats_without_dates_covers_the_last_30_days_up_to_the_sites_today()
    {
        EmptyStorage();

        var json = (await GetStatsAsync()).Json();

        Assert.Equal("2026-10-28", json.GetProperty("from").GetString());
        Assert.Equal("2026-11-26", json.GetProperty("to").GetString());
    }

    [Fact]
    public async Task GetStats_with_only_from_runs_to_the_sites_today()
    {
        EmptyStorage();

        var json = (await GetStatsAsync(new() { ["from"] = "2026-06-01" })).Json();

        Assert.Equal("2026-06-01", json.GetProperty("from").GetString());
        Assert.Equal("2026-11-26", json.GetProperty("to").GetString());
    }

    [Fact]
    public async Task GetStats_with_only_to_covers_the_30_days_ending_on_it()
    {
        EmptyStorage();

        var json = (await GetStatsAsync(new() { ["to"] = "2026-03-31" })).Json();

        Assert.Equal("2026-03-02", json.GetProperty("from").GetString());
        Assert.Equal("2026-03-31", json.GetProperty("to").GetString());
    }

    [Fact]
    public async Task GetStats_of_a_single_day_is_allowed()
    {
        EmptyStorage();

        var answer = await GetStatsAsync(new() { ["from"] = "2026-11-26", ["to"] = "2026-11-26" });

        Assert.Equal(StatusCodes.Status200OK, answer.Status);
    }

    [Fact]
    public async Task GetStats_of_366_days_is_allowed()
    {
        EmptyStorage();

        var answer = await GetStatsAsync(new() { ["from"] = "2028-01-01", ["to"] = "2028-12-31" });

        Assert.Equal(StatusCodes.Status200OK, answer.Status);
    }

    [Theory]
    [InlineData("from", "2026-13-01")]
    [InlineData("from", "2026-11-1")]
    [InlineData("from", "26-11-2026")]
    [InlineData("from", "2026-11-26T00:00:00")]
    [InlineData("from", "")]
    [InlineData("to", "yesterday")]
    [InlineData("to", "2026-02-29")]
    [InlineData("to", " 2026-11-26")]
    [InlineData("from", "1899-12-31")]
    [InlineData("to", "0001-01-01")]
    public async Task GetStats_with_a_date_that_cannot_be_read_is_400_naming_the_parameter(string name, string value)
    {
        var answer = await GetStatsAsync(new() { [name] = value });

        Assert.Equal(StatusCodes.Status400BadRequest, answer.Status);
        Assert.StartsWith(Problems.ContentType, answer.ContentType);
        Assert.Equal([name], answer.ErrorPaths());
        Assert.Contains("YYYY-MM-DD", Assert.Single(answer.ErrorsAt(name)));
        AssertNoStorageRead();
    }

    [Fact]
    public async Task GetStats_with_both_dates_unreadable_is_400_naming_both()
    {
        var answer = await GetStatsAsync(new() { ["from"] = "soon", ["to"] = "later" });

        Assert.Equal(StatusCodes.Status400BadRequest, answer.Status);
        Assert.Equal(["from", "to"], answer.ErrorPaths().Order());
        AssertNoStorageRead();
    }

    [Fact]
    public async Task GetStats_with_a_repeated_date_is_400()
    {
        var answer = await GetStatsAsync(new() { ["from"] = new StringValues(["2026-11-01", "2026-11-02"]) });

        Assert.Equal(StatusCodes.Status400BadRequest, answer.Status);
        Assert.Equal(["from"], answer.ErrorPaths());
        AssertNoStorageRead();
    }

    [Fact]
    public async Task GetStats_with_from_after_to_is_400_naming_from()
    {
        var answer = await GetStatsAsync(new() { ["from"] = "2026-11-02", ["to"] = "2026-11-01" });

        Assert.Equal(StatusCodes.Status400BadRequest, answer.Status);
        Assert.StartsWith(Problems.ContentType, answer.ContentType);
        Assert.Equal(["from"], answer.ErrorPaths());
        Assert.Contains("2026-11-01", Assert.Single(answer.ErrorsAt("from")));
        AssertNoStorageRead();
    }

    [Fact]
    public async Task GetStats_with_only_from_after_the_sites_today_is_400_naming_from()
    {
        var answer = await GetStatsAsync(new() { ["from"] = "2026-11-27" });

        Assert.Equal(StatusCodes.Status400BadRequest, answer.Status);
        Assert.Equal(["from"], answer.ErrorPaths());
        Assert.Contains("today", Assert.Single(answer.ErrorsAt("from")));
        AssertNoStorageRead();
    }

    [Fact]
    public async Task GetStats_of_more_than_366_days_is_400()
    {
        var answer = await GetStatsAsync(new() { ["from"] = "2026-01-01", ["to"] = "2027-01-02" });

        Assert.Equal(StatusCodes.Status400BadRequest, answer.Status);
        Assert.StartsWith(Problems.ContentType, answer.ContentType);
        Assert.Equal(["from"], answer.ErrorPaths());
        Assert.Contains("367", Assert.Single(answer.ErrorsAt("from")));
        AssertNoStorageRead();
    }
}
