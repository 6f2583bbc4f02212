using System.Text.Json.Nodes;
using Intake.Functions.Triggers;
using Microsoft.AspNetCore.Http;
using Moq;

namespace Intake.Functions.Tests;

/// <summary>
/// <c>POST /api/people/{personId}/erase</c>'s own checks: a reason of 1–500 characters and nothing
/// else, a UUID person id; a bad request erases nothing; a good one answers the count.
/// </summary>
public sealed class PersonErasureFunctionTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly Mock<ISubmissionErasure> _erasure = new(MockBehavior.Strict);
    private readonly PersonErasureFunction _function;

    public PersonErasureFunctionTests() => _function = new PersonErasureFunction(new PersonErasure(_erasure.Object), TestData.Calendar());

    private async Task<Answer> EraseAsync(string personId, string body)
    {
        var request = HttpTesting.Post(body);
        return await HttpTesting.ExecuteAsync(await _function.ErasePerson(request, personId, None), request);
    }

    [Theory]
    [InlineData("""{}""")]
    [InlineData("""{ "reason": null }""")]
    [InlineData("""{ "reason": "   " }""")]
    [InlineData("""{ "reason": 42 }""")]
    [InlineData("""{ "reason": "Asked", "personId": "x" }""")]
    public async Task A_missing_blank_or_wrong_reason_is_400_naming_reason_and_erases_nothing(string body)
    {
        var answer = await EraseAsync(TestData.NewId(), body);

        Assert.Equal(StatusCodes.Status400BadRequest, answer.Status);
        Assert.True(answer.Json().GetProperty("errors").EnumerateObject().Any());
        _erasure.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task A_reason_over_500_characters_is_400_naming_reason()
    {
        var answer = await EraseAsync(TestData.NewId(), new JsonObject { ["reason"] = new string('r', 501) }.ToJsonString());

        Assert.Equal(StatusCodes.Status400BadRequest, answer.Status);
        Assert.True(answer.Json().GetProperty("errors").TryGetProperty("reason", out _));
        _erasure.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task A_person_id_that_is_not_a_UUID_is_404_and_erases_nothing()
    {
        var answer = await EraseAsync("not-a-uuid", """{ "reason": "Asked" }""");

        Assert.Equal(StatusCodes.Status404NotFound, answer.Status);
        _erasure.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task A_good_request_erases_the_persons_submissions_and_answers_how_many()
    {
        var person = TestData.NewId();
        var other = TestData.NewId();
        _erasure.Setup(e => e.IntentAsync(person, It.IsAny<CancellationToken>())).ReturnsAsync((ErasureIntent?)null);
        _erasure.Setup(e => e.SubmissionsOfAsync(person, It.IsAny<CancellationToken>())).ReturnsAsync([person, other]);
        _erasure.Setup(e => e.MarkIntentAsync(It.Is<ErasureIntent>(i => i.Key == person && i.Mark.Reason == "Asked by phone"), It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);
        _erasure.Setup(e => e.EraseAsync(It.IsAny<string>(), It.Is<ErasureMark>(m => m.Reason == "Asked by phone"), It.IsAny<CancellationToken>())).ReturnsAsync(true);
        _erasure.Setup(e => e.ClearIntentAsync(person, It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);

        var answer = await EraseAsync(person.ToUpperInvariant(), """{ "reason": "  Asked by phone " }""");

        Assert.Equal(StatusCodes.Status200OK, answer.Status);
        Assert.Equal(person, answer.Json().GetProperty("personId").GetString());
        Assert.Equal(2, answer.Json().GetProperty("erasedSubmissions").GetInt32());
        // The intent before any erasure, cleared after the last.
        _erasure.Verify(e => e.EraseAsync(person, It.IsAny<ErasureMark>(), It.IsAny<CancellationToken>()), Times.Once);
        _erasure.Verify(e => e.EraseAsync(other, It.IsAny<ErasureMark>(), It.IsAny<CancellationToken>()), Times.Once);
        _erasure.Verify(e => e.ClearIntentAsync(person, It.IsAny<CancellationToken>()), Times.Once);
    }
}
