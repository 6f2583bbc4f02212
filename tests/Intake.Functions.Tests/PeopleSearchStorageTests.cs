using Azure.Data.Tables;
using Intake.Functions.Storage;

namespace Intake.Functions.Tests;

/// <summary>
/// Finding a person on the real stores (Azurite, api-2.md "Finding a person"): by e-mail without
/// regard to case, by phone by its digits, by name without regard to case, accents or repeated
/// spaces with the date of birth; each person with all of their listed submissions, newest first;
/// nothing for another person's keys; and nothing left to find once the person is erased, not
/// genuine and removed, or their date of birth corrected.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class PeopleSearchStorageTests(AzuriteFixture azurite)
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly DateOnly _born = new(1930 + Random.Shared.Next(60), 1 + Random.Shared.Next(12), 1 + Random.Shared.Next(28));
    private readonly string _letters = new([.. Guid.NewGuid().ToString("N")[..10].Select(c => (char)('a' + c % 26))]);
    private readonly string _digits = $"{Random.Shared.Next(100, 999)}{Random.Shared.Next(1000, 9999)}";

    private Contact Zoe => new($"Zoë  Ármstrong {_letters}", $"Zoe.{_letters}@Example.org", $"+1 612 {_digits[..3]} {_digits[3..]}", "en");

    private TableTeamLists Search => new(azurite.Tables, TestData.PersonDigests);

    /// <summary>Two submissions of Zoë (one screened out, one a day later on the worklist) and one of someone else born the same day.</summary>
    private async Task<(TeamRig Rig, string First, string Second, string Other)> SeedAsync()
    {
        var rig = new TeamRig(azurite);
        var first = await rig.SubmitAsync(TestData.Ineligible with { DateOfBirth = _born }, Zoe);
        rig.NextDay();
        var second = await rig.SubmitAsync(TestData.Baseline with { DateOfBirth = _born }, Zoe with { Email = Zoe.Email!.ToUpperInvariant() });
        var other = await rig.SubmitAsync(TestData.Baseline with { DateOfBirth = _born }, new Contact($"Other {_letters}", $"other.{_letters}@example.org", null, "en"));
        Assert.Equal(first, (await rig.RecordAsync(second)).PersonId);
        return (rig, first, second, other);
    }

    [Theory]
    [InlineData("email")]
    [InlineData("phone")]
    [InlineData("name")]
    public async Task A_person_is_found_by_each_key_with_every_listed_submission_newest_first(string by)
    {
        var (rig, first, second, _) = await SeedAsync();
        var query = by switch
        {
            "email" => new PersonQuery($"  zoe.{_letters}@EXAMPLE.ORG ", null, null, null),
            "phone" => new PersonQuery(null, $"(612) {_digits[..3]}-{_digits[3..]}", null, null),
            _ => new PersonQuery(null, null, $"ZOE ARMSTRONG   {_letters.ToUpperInvariant()}", _born),
        };

        var person = Assert.Single(await Search.FindAsync(query, None));

        Assert.Equal(first, person.PersonId);
        Assert.Equal([second, first], person.Submissions.Select(s => s.Item.Id));
        Assert.Equal((TeamList.Worklist, TeamList.ScreenedOut), (person.Submissions[0].Item.List, person.Submissions[1].Item.List));
        Assert.NotEmpty(person.Submissions[1].Item.NotMetReasons);
        Assert.Equal(Zoe.Name, person.Submissions[1].Contact!.Name);
        var line = await rig.WorklistLineAsync(second);
        var found = person.Submissions[0].Item;
        Assert.Equal((line.Id, line.Priority, line.Result, line.TeamStatus, line.Summary, line.PersonId, line.ReceivedAt),
            (found.Id, found.Priority, found.Result, found.TeamStatus, found.Summary, found.PersonId, found.ReceivedAt));
    }

    [Fact]
    public async Task Near_misses_find_nobody()
    {
        await SeedAsync();

        Assert.Empty(await Search.FindAsync(new PersonQuery($"zoe.{_letters}@example.com", null, null, null), None));
        Assert.Empty(await Search.FindAsync(new PersonQuery(null, null, $"Zoe Armstrong {_letters}", _born.AddDays(1)), None));
        Assert.Empty(await Search.FindAsync(new PersonQuery(null, null, $"Zoe Armstrong", _born), None));
        Assert.Empty(await Search.FindAsync(new PersonQuery(null, $"612 {_digits[..3]} {_digits[3..5]}", null, null), None));
    }

    [Fact]
    public async Task Once_the_person_is_erased_nothing_finds_them_and_no_find_row_of_theirs_is_left()
    {
        var (rig, first, second, other) = await SeedAsync();

        await new PersonErasure(new TableSubmissionErasure(azurite.Tables, TestData.PersonDigests)).EraseAsync(first, new ErasureMark(rig.Calendar.Now, "mia.manager@example.org", "Asked to be erased"), None);

        Assert.Empty(await Search.FindAsync(new PersonQuery(Zoe.Email, null, null, null), None));
        Assert.Empty(await Search.FindAsync(new PersonQuery(null, Zoe.Phone, null, null), None));
        var left = new List<string>();
        var mine = TableClient.CreateQueryFilter($"PartitionKey eq {ListsPartition.Key} and (SubmissionId eq {first} or SubmissionId eq {second})");
        await foreach (var row in azurite.Tables.GetTableClient(StorageNames.TeamListsTable).QueryAsync<TableEntity>(mine, cancellationToken: None))
        {
            left.Add(row.RowKey);
        }
        Assert.Empty(left);
        Assert.Single(await Search.FindAsync(new PersonQuery($"other.{_letters}@example.org", null, null, null), None), p => p.PersonId == other);
    }

    [Fact]
    public async Task A_corrected_date_of_birth_moves_the_name_key_to_the_new_date()
    {
        var rig = new TeamRig(azurite);
        var id = await rig.SubmitAsync(TestData.Baseline with { DateOfBirth = _born }, Zoe);
        var corrected = _born.AddYears(-1);

        await rig.Actions.CorrectAnswersAsync(id, TestData.Baseline with { DateOfBirth = corrected }, TeamRig.Coordinator, None);

        Assert.Empty(await Search.FindAsync(new PersonQuery(null, null, Zoe.Name, _born), None));
        Assert.Equal(id, Assert.Single(await Search.FindAsync(new PersonQuery(null, null, Zoe.Name, corrected), None)).PersonId);
        Assert.Equal(id, Assert.Single(await Search.FindAsync(new PersonQuery(Zoe.Email, null, null, null), None)).PersonId);
    }
}
