using Azure.Data.Tables;
using Intake.Functions.Storage;

namespace Intake.Functions.Tests;

/// <summary>
/// The people table (<see cref="TablePeopleIndex"/>, docs/storage.md, "The people table") on Azurite:
/// its rows hold what Azure allows however many submissions share a date of birth, writers at once lose
/// nothing, an e-mail or phone points at a date only while a submission born then has it, and linking
/// and finding a person read by key, never by query.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class PeopleTableStorageTests(AzuriteFixture azurite)
{
    private static readonly CancellationToken None = CancellationToken.None;

    /// <summary>Azure's most properties on an entity, the partition key, row key and timestamp included.</summary>
    private const int AzureMostProperties = 255;

    private TablePeopleIndex People => new(azurite.Tables, TestData.PersonDigests);

    private TableClient Table => azurite.Tables.GetTableClient(StorageNames.PeopleTable);

    private static PersonEntry Entry(DateOnly born, string? email = null, string? phone = null, string? name = null, string? personId = null)
    {
        var id = TestData.NewId();
        return new PersonEntry(id, personId ?? id, new PersonKeys(born, email, phone, name), DateTimeOffset.UtcNow.AddMinutes(-Random.Shared.Next(100_000)));
    }

    private async Task<List<TableEntity>> RowsAsync(string keyPrefix)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in Table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {PeopleRows.Partition} and RowKey ge {keyPrefix} and RowKey lt {keyPrefix + "~"}")))
        {
            rows.Add(row);
        }
        return rows;
    }

    [Fact]
    public async Task An_entry_reads_back_as_it_was_put()
    {
        var entry = Entry(TestData.UniqueBirthday(), "e1", "p1", "n1") with { ReceivedAt = new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.FromHours(-6)).AddTicks(1234) };

        await People.PutAsync(entry, None);
        await People.PutAsync(entry, None);

        Assert.Equal(entry, Assert.Single(await People.BornOnAsync(entry.Keys.DateOfBirth!.Value, None)));
    }

    [Fact]
    public async Task More_submissions_born_on_one_date_than_a_row_may_hold_go_to_further_pages_within_Azures_limit_and_all_are_read()
    {
        var born = TestData.UniqueBirthday();
        var entries = Enumerable.Range(0, 2 * PeopleRows.PageSize + 50).Select(_ => Entry(born, "shared-email")).ToArray();

        await Parallel.ForEachAsync(entries, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (e, token) => await People.PutAsync(e, token));

        var read = await People.BornOnAsync(born, None);
        Assert.Equal(entries.Select(e => e.SubmissionId).Order(), read.Select(e => e.SubmissionId).Order());
        var pages = await RowsAsync(PeopleRows.BornOn.Key(TestData.PersonDigests.BirthDigest(born), 0));
        Assert.Equal(3, pages.Count);
        Assert.All(pages, page => Assert.True(page.Count <= AzureMostProperties, $"{page.RowKey} has {page.Count} properties"));

        // Emptying part of the first page leaves the later pages found.
        var gone = read.Where(e => pages[0].ContainsKey(PeopleRows.SubmissionProperty(e.SubmissionId))).Take(20).ToArray();
        foreach (var e in gone)
        {
            await People.RemoveAsync(born, e.SubmissionId, None);
        }
        Assert.Equal(entries.Length - gone.Length, (await People.BornOnAsync(born, None)).Count);
        var again = Entry(born);
        await People.PutAsync(again, None);
        Assert.Contains(await People.BornOnAsync(born, None), e => e.SubmissionId == again.SubmissionId);
    }

    [Fact]
    public async Task Writers_at_once_under_one_date_and_email_lose_no_entry()
    {
        var born = TestData.UniqueBirthday();
        var email = Guid.NewGuid().ToString("N");
        var entries = Enumerable.Range(0, 40).Select(_ => Entry(born, email)).ToArray();

        await Task.WhenAll(entries.Select(e => People.PutAsync(e, None)));

        Assert.Equal(entries.Length, (await People.BornOnAsync(born, None)).Count);
        var byEmail = Assert.Single(await RowsAsync(PeopleRows.ByEmail.Key(email, 0)));
        Assert.True(byEmail.ContainsKey(PeopleRows.BirthProperty(TestData.PersonDigests.BirthDigest(born))));
    }

    [Fact]
    public async Task An_email_or_phone_points_at_a_date_of_birth_only_while_a_submission_born_then_has_it()
    {
        var born = TestData.UniqueBirthday();
        var (email, phone) = (Guid.NewGuid().ToString("N"), Guid.NewGuid().ToString("N"));
        var first = Entry(born, email, phone);
        var second = Entry(born, email, null);
        await People.PutAsync(first, None);
        await People.PutAsync(second, None);

        await People.RemoveAsync(born, first.SubmissionId, None);

        Assert.Single(await RowsAsync(PeopleRows.ByEmail.Key(email, 0)));
        Assert.Empty(await RowsAsync(PeopleRows.ByPhone.Key(phone, 0)));

        await People.RemoveAsync(born, second.SubmissionId, None);
        await People.RemoveAsync(born, second.SubmissionId, None);

        Assert.Empty(await RowsAsync(PeopleRows.ByEmail.Key(email, 0)));
        Assert.Empty(await People.BornOnAsync(born, None));
    }

    [Fact]
    public async Task Linking_and_finding_a_person_read_by_key_and_never_query_the_table()
    {
        var rig = new TeamRig(azurite);
        var born = TestData.UniqueBirthday();
        var tag = Guid.NewGuid().ToString("N")[..10];
        var contact = new Contact("Nia Keyed", $"nia.{tag}@example.org", "+1 507 555 0142", "en");
        var first = await rig.SubmitAsync(TestData.Baseline with { DateOfBirth = born }, contact);
        var requests = new RequestCounter();
        var counted = new TablePeopleIndex(new TableServiceClient(azurite.ConnectionString, requests.Options()), TestData.PersonDigests);

        var bornThen = await counted.BornOnAsync(born, None);
        var byEmail = await counted.FindAsync(new PersonQuery(contact.Email!.ToUpperInvariant(), null, null, null), None);
        var byPhone = await counted.FindAsync(new PersonQuery(null, "507-555-0142", null, null), None);
        var byName = await counted.FindAsync(new PersonQuery(null, null, "nia KEYED", born), None);

        Assert.Equal(first, Assert.Single(bornThen).SubmissionId);
        Assert.All(new[] { byEmail, byPhone, byName }, found => Assert.Equal(first, Assert.Single(Assert.Single(found).Submissions).Item.Id));
        Assert.NotEmpty(requests.Addresses);
        // No query of a table; the one query is of the table list, for where this store keeps its submissions (SubmissionTables).
        Assert.DoesNotContain(requests.Addresses, a => a.Contains("$filter", StringComparison.Ordinal) && !a.Contains("/Tables?", StringComparison.Ordinal));
        Assert.Single(requests.Addresses, a => a.Contains("/Tables?", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Recording_a_person_just_linked_reads_the_birth_dates_row_once()
    {
        var born = TestData.UniqueBirthday();
        var entry = Entry(born, Guid.NewGuid().ToString("N"), Guid.NewGuid().ToString("N"), "n");
        var requests = new RequestCounter();
        var counted = new TablePeopleIndex(new TableServiceClient(azurite.ConnectionString, requests.Options()), TestData.PersonDigests);

        Assert.Empty(await counted.BornOnAsync(born, None));
        await counted.PutAsync(entry, None);

        // The date's row (once, for the link), the e-mail's and the phone's rows, and the one transaction.
        Assert.Equal(4, requests.Count);
        Assert.Equal(entry, Assert.Single(await People.BornOnAsync(born, None)));
    }
}
