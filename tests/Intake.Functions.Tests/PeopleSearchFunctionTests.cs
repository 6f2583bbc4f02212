using Intake.Functions.Triggers;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Moq;

namespace Intake.Functions.Tests;

/// <summary><see cref="PeopleSearchFunction"/> with the search mocked: which lookups it takes, what it refuses, the answer's shape.</summary>
public sealed class PeopleSearchFunctionTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly Mock<IPeopleSearch> _search = new(MockBehavior.Strict);

    private async Task<Answer> FindAsync(Dictionary<string, StringValues> query)
    {
        var request = HttpTesting.Get(query: query);
        return await HttpTesting.ExecuteAsync(await new PeopleSearchFunction(_search.Object).FindPeople(request, None), request);
    }

    public static TheoryData<string, string[]> Refused => new()
    {
        { "", ["email"] },
        { "email=a@example.org&phone=5075550100", ["email", "phone"] },
        { "email=a@example.org&name=Ada", ["email", "name"] },
        { "phone=5075550100&dateOfBirth=1970-01-01", ["phone", "dateOfBirth"] },
        { "name=Ada", ["name", "dateOfBirth"] },
        { "dateOfBirth=1970-01-01", ["name", "dateOfBirth"] },
        { "name=Ada&dateOfBirth=1970-02-30", ["dateOfBirth"] },
        { "name=1234&dateOfBirth=1970-01-01", ["name"] },
        { "email=not-an-address", ["email"] },
        { "phone=12345", ["phone"] },
        { "phone=3f1c2a4e-8b7d-4c1a-9e2f-5a6b7c8d9e0f", ["phone"] },
        { "email=a@example.org&email=b@example.org", ["email"] },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task None_a_wrong_combination_or_a_malformed_value_is_400_naming_the_parameters_without_searching(string query, string[] named)
    {
        var parameters = new Dictionary<string, StringValues>();
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=')))
        {
            parameters[pair[0]] = parameters.TryGetValue(pair[0], out var had) ? StringValues.Concat(had, pair[1]) : pair[1];
        }

        var answer = await FindAsync(parameters);

        Assert.Equal(StatusCodes.Status400BadRequest, answer.Status);
        Assert.Equal(named.Order(StringComparer.Ordinal), answer.ErrorPaths().Order(StringComparer.Ordinal));
        _search.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task A_lookup_answers_the_people_with_their_submissions_as_list_items_and_their_contact()
    {
        var id = TestData.NewId();
        var item = TestData.Line(id, SubmissionKind.SelfScreening, PrecheckResult.LikelyIneligible, null, new DateTimeOffset(2026, 11, 26, 15, 0, 0, TimeSpan.Zero), null,
            TeamStatus.New, "Not met: I1", ["I1: no breast cancer"]);
        _search.Setup(s => s.FindAsync(new PersonQuery(null, null, "Zoë Ármstrong", new DateOnly(1961, 5, 4)), It.IsAny<CancellationToken>()))
            .ReturnsAsync([new FoundPerson(id, [new FoundSubmission(item, new Contact("Zoë Ármstrong", "zoe@example.org", null, "en"))])]);

        var answer = await FindAsync(new() { ["name"] = "Zoë Ármstrong", ["dateOfBirth"] = "1961-05-04" });

        Assert.Equal(StatusCodes.Status200OK, answer.Status);
        var person = Assert.Single(answer.Json().GetProperty("people").EnumerateArray());
        Assert.Equal(id, person.GetProperty("personId").GetString());
        var submission = Assert.Single(person.GetProperty("submissions").EnumerateArray());
        Assert.Equal((id, "Zoë Ármstrong", "zoe@example.org"), (submission.GetProperty("id").GetString(), submission.GetProperty("name").GetString(), submission.GetProperty("email").GetString()));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, submission.GetProperty("phone").ValueKind);
        Assert.Equal(["I1: no breast cancer"], submission.GetProperty("notMetReasons").EnumerateArray().Select(r => r.GetString()));
    }
}
