using Intake.Functions.Triggers;
using Intake.Functions.Http;
using Microsoft.AspNetCore.Http;
using Moq;

namespace Intake.Functions.Tests;

/// <summary><see cref="ReferrerConfirmationFunction"/> (<c>POST /api/submissions/{id}/referrer-confirmation</c>) with its store mocked.</summary>
public sealed class ReferrerConfirmationFunctionTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    private readonly Mock<ISubmissionStore> _store = new(MockBehavior.Strict);
    private readonly Mock<IAlertQueue> _alerts = new();
    private readonly List<(Submission Record, HistoryEntry Entry)> _updates = [];
    private readonly ReferrerConfirmationFunction _function;

    public ReferrerConfirmationFunctionTests()
    {
        var changes = new SubmissionChanges(_store.Object, Mock.Of<ITeamLists>(), _alerts.Object, TestData.Calendar());
        _function = new ReferrerConfirmationFunction(new ReferrerUpdates(_store.Object, changes, _alerts.Object), _store.Object, new PersonLinking(Mock.Of<IPeopleIndex>()));
    }

    private async Task<Answer> PostAsync(string id, string body, string? principal = null)
    {
        var request = HttpTesting.Post(body);
        if (principal is not null)
        {
            request.SignedIn(principal);
        }
        return await HttpTesting.ExecuteAsync(await _function.ConfirmReferrer(request, id, None), request);
    }

    /// <summary>A stored submission; after an update, reads give the updated record (as the table would).</summary>
    private string Stored(Referrer? referrer, SubmissionKind kind = SubmissionKind.Referral)
    {
        var id = TestData.NewId();
        var submission = TestData.Submission(id, DateTimeOffset.UtcNow, kind) with { Version = 2, Status = SubmissionStatus.Received };
        Submission Current() => _updates.Count > 0 ? _updates[^1].Record : submission;
        _store.Setup(s => s.GetFileAsync(id, It.IsAny<CancellationToken>()))
            .ReturnsAsync(() => new SubmissionFile(Current(), TestData.Contact, referrer, [.. _updates.Select(u => u.Entry)]));
        _store.Setup(s => s.GetAsync(id, It.IsAny<CancellationToken>())).ReturnsAsync(() => Current());
        _store.Setup(s => s.TryUpdateAsync(It.IsAny<Submission>(), It.IsAny<HistoryEntry>(), It.IsAny<CancellationToken>()))
            .Callback((Submission s, HistoryEntry e, CancellationToken _) => _updates.Add((s, e))).ReturnsAsync(true);
        return id;
    }

    [Fact]
    public async Task The_referrer_address_repeated_in_any_case_is_confirmed_with_200_the_submission_and_who_confirmed_it()
    {
        var id = Stored(TestData.Referrer);

        var answer = await PostAsync(id, $$"""{ "email": "{{TestData.Referrer.Email!.ToUpperInvariant()}}" }""", principal: "coordinator@example.org");

        Assert.Equal(StatusCodes.Status200OK, answer.Status);
        var confirmed = answer.Json().GetProperty("referrer").GetProperty("emailConfirmed");
        Assert.Equal("coordinator@example.org", confirmed.GetProperty("by").GetString());
        var (record, entry) = Assert.Single(_updates);
        Assert.Equal(ReferrerUpdates.ConfirmedEvent, entry.Event);
        Assert.Equal("coordinator@example.org", entry.By);
        Assert.Equal(TestData.Referrer.Email, record.ReferrerConfirmed!.Email);
        _alerts.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task A_second_confirmation_answers_200_and_records_nothing_more()
    {
        var id = Stored(TestData.Referrer);
        await PostAsync(id, $$"""{ "email": "{{TestData.Referrer.Email}}" }""");

        var again = await PostAsync(id, $$"""{ "email": "{{TestData.Referrer.Email}}" }""");

        Assert.Equal(StatusCodes.Status200OK, again.Status);
        Assert.Single(_updates);
    }

    [Theory]
    [InlineData("""{ "email": "someone@elsewhere.example" }""")]
    [InlineData("""{ "email": "" }""")]
    [InlineData("""{ }""")]
    [InlineData("""{ "email": 7 }""")]
    public async Task Another_address_or_none_is_400_naming_email_and_nothing_is_recorded(string body)
    {
        var id = Stored(TestData.Referrer);

        var answer = await PostAsync(id, body);

        Assert.Equal(StatusCodes.Status400BadRequest, answer.Status);
        Assert.StartsWith(Problems.ContentType, answer.ContentType);
        Assert.True(answer.Json().GetProperty("errors").TryGetProperty("email", out _));
        Assert.Empty(_updates);
    }

    [Fact]
    public async Task A_referrer_without_an_address_or_a_self_screening_is_409_and_an_unknown_id_404()
    {
        var phoneOnly = Stored(TestData.Referrer with { Email = null });
        var screening = Stored(null, SubmissionKind.SelfScreening);
        var unknown = TestData.NewId();
        _store.Setup(s => s.GetFileAsync(unknown, It.IsAny<CancellationToken>())).ReturnsAsync((SubmissionFile?)null);

        Assert.Equal(StatusCodes.Status409Conflict, (await PostAsync(phoneOnly, """{ "email": "x@example.org" }""")).Status);
        Assert.Equal(StatusCodes.Status409Conflict, (await PostAsync(screening, """{ "email": "x@example.org" }""")).Status);
        Assert.Equal(StatusCodes.Status404NotFound, (await PostAsync(unknown, """{ "email": "x@example.org" }""")).Status);
        Assert.Empty(_updates);
    }
}
