using System.Security.Cryptography;
using System.Text;
using Azure.Data.Tables;
using Intake.Functions.Storage;

namespace Intake.Functions.Tests;

/// <summary>
/// The move of the people index from plain SHA-256 digests to keyed ones, and from the lists' partition
/// into the people table (<see cref="PersonKeysMigration"/>, <see cref="TablePlainPersonKeys"/>) on
/// Azurite: entries seeded exactly as the code before person keys, or before the people table, wrote
/// them are still found, are moved, and a second pass changes nothing.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class PersonKeysMigrationTests(AzuriteFixture azurite)
{
    private static readonly CancellationToken None = CancellationToken.None;

    private TableClient Lists => azurite.Tables.GetTableClient(StorageNames.TeamListsTable);


    private TablePeopleIndex PeopleTable => new(azurite.Tables, TestData.PersonDigests);

    /// <summary>The submission's entry in the people table, if any.</summary>
    private async Task<PersonEntry?> PeopleTableEntryAsync(string id, DateOnly born) =>
        (await PeopleTable.BornOnAsync(born, None)).SingleOrDefault(e => e.SubmissionId == id);

    /// <summary>
    /// As the code before the people table wrote it: the keyed entry in the lists' partition with its find
    /// rows (or, <paramref name="findable"/> false, as before the search: the entry alone), not in the people table.
    /// </summary>
    private async Task MakeListsPartitionEntryAsync(TeamRig rig, string id, bool findable = true)
    {
        var submission = await rig.RecordAsync(id);
        var entry = PersonEntry.Of(submission)!;
        await PeopleTable.RemoveAsync(entry.Keys.DateOfBirth!.Value, id, None);
        var rows = ListsPartitionRows(entry);
        foreach (var row in findable ? rows : rows.Take(1))
        {
            if (!findable)
            {
                row.Remove("Findable");
            }
            await Lists.UpsertEntityAsync(row, TableUpdateMode.Replace);
        }
    }

    /// <summary>
    /// The format before person keys, kept as a fixture: exactly what <c>PersonKeys.Of</c>,
    /// <c>ListsPartition.Person</c> and <c>SubmissionEntities.Record</c> wrote then (plain SHA-256, row
    /// key <c>b-{digest of "born yyyy-MM-dd"}-{id}</c>, no <c>PersonKeyed</c> on the record).
    /// </summary>
    private static class TodaysFormat
    {
        public static string? Digest(string? text) =>
            string.IsNullOrEmpty(text) ? null : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

        public static string BirthDigest(DateOnly born) => Digest("born " + born.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))!;

        public static (string? Email, string? Phone, string? Name) Keys(Contact contact) => (
            Digest(contact.Email?.Trim().ToLowerInvariant()),
            Digest(contact.Phone is { } phone && new string([.. phone.Where(char.IsAsciiDigit)]) is { Length: >= 7 } digits ? digits[^Math.Min(10, digits.Length)..] : null),
            Digest(contact.Name is { } name
                ? string.Join(' ', new string([.. name.Normalize(NormalizationForm.FormD).ToLowerInvariant().Where(c => char.IsLetter(c) || char.IsWhiteSpace(c))])
                    .Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
                : null));

        public static TableEntity Entry(string id, string personId, DateOnly born, Contact contact, DateTimeOffset receivedAt)
        {
            var (email, phone, name) = Keys(contact);
            return new TableEntity("lists", $"b-{BirthDigest(born)}-{id}")
            {
                ["SubmissionId"] = id,
                ["PersonId"] = personId,
                ["Email"] = email,
                ["Phone"] = phone,
                ["Name"] = name,
                ["ReceivedAt"] = receivedAt,
            };
        }
    }

    /// <summary>
    /// The format before the people table, kept as a fixture: exactly what <c>ListsPartition.PersonRows</c>
    /// wrote then, a keyed entry <c>k-{birth digest}-{id}</c> in the lists' partition (<c>Findable</c> once its
    /// find rows were written) and its find rows.
    /// </summary>
    private static IReadOnlyList<TableEntity> ListsPartitionRows(PersonEntry entry)
    {
        var born = entry.Keys.DateOfBirth!.Value;
        var person = new TableEntity("lists", ListsPartition.PersonKey(born, entry.SubmissionId, TestData.PersonDigests))
        {
            ["SubmissionId"] = entry.SubmissionId,
            ["PersonId"] = entry.PersonId,
            ["Email"] = entry.Keys.Email,
            ["Phone"] = entry.Keys.Phone,
            ["Name"] = entry.Keys.Name,
            ["ReceivedAt"] = entry.ReceivedAt,
            ["Findable"] = true,
        };
        return [person, .. ListsPartition.FindRowsOf(person)];
    }

    /// <summary>
    /// Turns a submission stored by today's code back into the format before person keys: its people table
    /// entry replaced by a plain one in the lists' partition (with, <paramref name="keepKeyedEntry"/>, the
    /// keyed one a pass cut off had written there), its record's keys by plain digests (as a store that held it then).
    /// </summary>
    private async Task MakePlainAsync(TeamRig rig, string id, Contact contact, bool keepKeyedEntry = false)
    {
        var record = (await azurite.SubmissionsOf(id).GetEntityAsync<TableEntity>(id, SubmissionEntities.RecordKey(id))).Value;
        var born = DateOnly.Parse(record.GetString("PersonBornOn"), System.Globalization.CultureInfo.InvariantCulture);
        var (email, phone, name) = TodaysFormat.Keys(contact);
        record.Remove(SubmissionEntities.PersonKeyedProperty);
        record["PersonEmail"] = email;
        record["PersonPhone"] = phone;
        record["PersonName"] = name;
        await azurite.SubmissionsOf(id).UpdateEntityAsync(record, record.ETag, TableUpdateMode.Replace);
        var submission = await rig.RecordAsync(id);
        var keyed = await PeopleTableEntryAsync(id, born);
        await PeopleTable.RemoveAsync(born, id, None);
        if (keepKeyedEntry && keyed is not null)
        {
            foreach (var row in ListsPartitionRows(keyed))
            {
                await Lists.UpsertEntityAsync(row, TableUpdateMode.Replace);
            }
        }
        await Lists.UpsertEntityAsync(TodaysFormat.Entry(id, submission.PersonId ?? id, born, contact, submission.ReceivedAt), TableUpdateMode.Replace);
    }

    /// <summary>The submission's people index entries in the lists' partition (keyed and plain), without its find rows.</summary>
    private async Task<List<TableEntity>> PeopleRowsOfAsync(string id) =>
        [.. (await RowsOfAsync(id)).Where(r => !r.RowKey.StartsWith('f'))];

    private async Task<List<TableEntity>> RowsOfAsync(string id)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in Lists.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {"lists"} and SubmissionId eq {id}")))
        {
            rows.Add(row);
        }
        return rows;
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_keyed_entry_of_the_lists_partition_is_moved_into_the_people_table_by_the_pass_with_its_find_rows_and_a_second_pass_changes_nothing(bool findable)
    {
        var rig = new TeamRig(azurite);
        var answers = TestData.Baseline with { DateOfBirth = TestData.UniqueBirthday() };
        var tag = Guid.NewGuid().ToString("N")[..12];
        var contact = new Contact("Dee Example", $"dee.{tag}@example.org", null, "en");
        var id = await rig.SubmitAsync(answers, contact);
        await MakeListsPartitionEntryAsync(rig, id, findable);
        var search = new TableTeamLists(azurite.Tables, TestData.PersonDigests);
        // Until it is moved, it is found where it is (or, as before the search, not found: it had no find rows).
        Assert.Equal(findable ? 1 : 0, (await search.FindAsync(new PersonQuery(contact.Email, null, null, null), None)).Count);
        Assert.Contains(await search.BornOnAsync(answers.DateOfBirth!.Value, None), e => e.SubmissionId == id);

        var tally = await Migration(rig).RunAsync(None);

        Assert.DoesNotContain(tally.Failures, f => f.SubmissionId == id);
        Assert.Equal(id, Assert.Single(await search.FindAsync(new PersonQuery(contact.Email, null, null, null), None)).PersonId);
        Assert.Equal(id, Assert.Single(await search.FindAsync(new PersonQuery(null, null, contact.Name, answers.DateOfBirth), None), p => p.PersonId == id).PersonId);
        Assert.Empty(await RowsOfAsync(id));
        Assert.Equal(PersonKeys.Of(answers, contact, TestData.PersonDigests), (await PeopleTableEntryAsync(id, answers.DateOfBirth!.Value))?.Keys);
        Assert.False(await new TablePlainPersonKeys(azurite.Tables, TestData.PersonDigests).MigrateAsync(id, None));
    }

    private PersonKeysMigration Migration(TeamRig rig) => new(new TablePlainPersonKeys(azurite.Tables, TestData.PersonDigests), rig.Outcomes, rig.Calendar);

    [Fact]
    public async Task Plain_entries_still_link_a_returning_person_then_are_rewritten_keyed_and_a_second_pass_changes_nothing()
    {
        var rig = new TeamRig(azurite);
        var answers = TestData.Baseline with { DateOfBirth = TestData.UniqueBirthday() };
        var annContact = new Contact("Ann Example", "ann@example.org", "+1 612 555 0100", "en");
        var first = await rig.SubmitAsync(answers, annContact);
        var other = await rig.SubmitAsync(answers, new Contact("Bea Other", "bea@example.org", null, "en"));
        await MakePlainAsync(rig, first, annContact);
        await MakePlainAsync(rig, other, new Contact("Bea Other", "bea@example.org", null, "en"));
        rig.NextDay();
        // The service as it starts on a store that holds those entries: its stores look once for them, and find them.
        rig = new TeamRig(azurite, rig.Clock.GetUtcNow());

        // Before the migration: a returning person is found through her plain entry.
        var returning = await rig.SubmitAsync(answers with { Ecog = 2 }, new Contact("Annie E.", "ANN@example.org", null, "en"));
        Assert.Equal(first, (await rig.RecordAsync(returning)).PersonId);

        var tally = await Migration(rig).RunAsync(None);

        Assert.DoesNotContain(tally.Failures, f => f.SubmissionId == first || f.SubmissionId == other);
        Assert.Equal(PassOutcome.MigratePersonKeys, Assert.Single(await rig.Outcomes.ReadAsync(None), o => o.Pass == PassOutcome.MigratePersonKeys).Pass);
        foreach (var (id, contact) in new[] { (first, annContact), (other, new Contact("Bea Other", "bea@example.org", null, "en")) })
        {
            Assert.Empty(await RowsOfAsync(id));
            var entry = await PeopleTableEntryAsync(id, answers.DateOfBirth!.Value);
            Assert.Equal(id, entry?.PersonId);
            var keys = PersonKeys.Of(answers, contact, TestData.PersonDigests);
            Assert.Equal(keys, (await rig.RecordAsync(id)).PersonKeys);
            Assert.Equal(keys, entry?.Keys);
        }
        // Linking works on the keyed entries: both ways, and for a person who comes back after.
        Assert.Equal([first], await rig.Linking.LinkedToAsync(await rig.RecordAsync(returning), None));
        Assert.Equal([returning], await rig.Linking.LinkedToAsync(await rig.RecordAsync(first), None));
        var later = await rig.SubmitAsync(answers, new Contact("Someone", null, "(612) 555-0100", "en"));
        Assert.Equal(first, (await rig.RecordAsync(later)).PersonId);

        // A second pass: nothing of this test's is taken up, nothing changes.
        var before = await SnapshotAsync(rig, first, other, returning, later);
        var again = await Migration(rig).RunAsync(None);
        Assert.DoesNotContain(again.Failures, f => f.SubmissionId == first || f.SubmissionId == other);
        Assert.False(await new TablePlainPersonKeys(azurite.Tables, TestData.PersonDigests).MigrateAsync(first, None));
        Assert.Equal(before, await SnapshotAsync(rig, first, other, returning, later));
    }

    [Fact]
    public async Task A_pass_cut_off_after_writing_the_keyed_entry_is_finished_by_the_next_one()
    {
        var rig = new TeamRig(azurite);
        var answers = TestData.Baseline with { DateOfBirth = TestData.UniqueBirthday() };
        var contact = new Contact("Cal Example", "cal@example.org", null, "en");
        var id = await rig.SubmitAsync(answers, contact);
        // The state a pass leaves when it stops after the keyed entry: both entries, the record still plain.
        await MakePlainAsync(rig, id, contact, keepKeyedEntry: true);
        Assert.Equal(2, (await PeopleRowsOfAsync(id)).Count);

        Assert.True(await new TablePlainPersonKeys(azurite.Tables, TestData.PersonDigests).MigrateAsync(id, None));

        Assert.Empty(await RowsOfAsync(id));
        Assert.Equal(PersonKeys.Of(answers, contact, TestData.PersonDigests), (await PeopleTableEntryAsync(id, answers.DateOfBirth!.Value))?.Keys);
        Assert.Equal(PersonKeys.Of(answers, contact, TestData.PersonDigests), (await rig.RecordAsync(id)).PersonKeys);
    }

    [Fact]
    public async Task A_plain_entry_whose_submission_is_gone_is_deleted()
    {
        var born = TestData.UniqueBirthday();
        var id = TestData.NewId();
        await Lists.UpsertEntityAsync(TodaysFormat.Entry(id, id, born, new Contact("Gone", "gone@example.org", null, "en"), DateTimeOffset.UtcNow));

        Assert.True(await new TablePlainPersonKeys(azurite.Tables, TestData.PersonDigests).MigrateAsync(id, None));

        Assert.Empty(await PeopleRowsOfAsync(id));
    }

    [Fact]
    public async Task No_plain_SHA_256_of_a_date_of_birth_or_contact_detail_is_stored_by_a_new_submission()
    {
        var rig = new TeamRig(azurite);
        var answers = TestData.Baseline with { DateOfBirth = TestData.UniqueBirthday() };
        var contact = new Contact("Dee Example", "dee@example.org", "+1 612 555 0199", "en");
        var id = await rig.SubmitAsync(answers, contact);
        var (email, phone, name) = TodaysFormat.Keys(contact);
        string[] plain = [TodaysFormat.BirthDigest(answers.DateOfBirth!.Value), email!, phone!, name!];

        var stored = new List<string>();
        foreach (var table in new[] { Lists, azurite.Tables.GetTableClient(StorageNames.PeopleTable) }.Concat(StorageNames.SubmissionTableNames.Select(azurite.Tables.GetTableClient)))
        {
            await foreach (var e in table.QueryAsync<TableEntity>())
            {
                stored.Add(e.PartitionKey);
                stored.Add(e.RowKey);
                stored.AddRange(e.Select(p => p.Value).OfType<string>());
                stored.AddRange(e.Keys);
            }
        }

        Assert.Contains(stored, s => s.Contains(id, StringComparison.Ordinal));
        Assert.Contains(stored, s => s.Contains(TestData.PersonDigests.BirthDigest(answers.DateOfBirth!.Value), StringComparison.Ordinal));
        foreach (var digest in plain)
        {
            Assert.DoesNotContain(stored, s => s.Contains(digest, StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_removed_submission_loses_its_plain_entry_too_whether_or_not_its_record_still_told_the_date(bool recordTold)
    {
        var rig = new TeamRig(azurite);
        var answers = TestData.Baseline with { DateOfBirth = TestData.UniqueBirthday() };
        var contact = new Contact("Eve Example", "eve@example.org", null, "en");
        var id = await rig.SubmitAsync(answers, contact);
        await MakePlainAsync(rig, id, contact, keepKeyedEntry: true);
        var line = await rig.WorklistLineAsync(id);

        await new TableSubmissionRemoval(azurite.Tables, TestData.PersonDigests).RemoveRestAsync(line, recordTold ? answers.DateOfBirth : null, DateTimeOffset.UtcNow, None);

        Assert.Empty(await PeopleRowsOfAsync(id));
    }

    [Fact]
    public async Task A_plain_birth_digest_never_stands_in_a_request_address_when_entries_are_migrated_or_removed()
    {
        var rig = new TeamRig(azurite);
        var answers = TestData.Baseline with { DateOfBirth = TestData.UniqueBirthday() };
        var migrated = await rig.SubmitAsync(answers, new Contact("Gia Example", "gia@example.org", null, "en"));
        var removed = await rig.SubmitAsync(answers, new Contact("Hal Example", "hal@example.org", null, "en"));
        await MakePlainAsync(rig, migrated, new Contact("Gia Example", "gia@example.org", null, "en"));
        await MakePlainAsync(rig, removed, new Contact("Hal Example", "hal@example.org", null, "en"), keepKeyedEntry: true);
        var line = await rig.WorklistLineAsync(removed);
        var requests = new RequestCounter();
        var tables = new TableServiceClient(azurite.ConnectionString, requests.Options());

        Assert.True(await new TablePlainPersonKeys(tables, TestData.PersonDigests).MigrateAsync(migrated, None));
        await new TableSubmissionRemoval(tables, TestData.PersonDigests).RemoveRestAsync(line, answers.DateOfBirth, DateTimeOffset.UtcNow, None);
        await new TableTeamLists(tables, TestData.PersonDigests).RemoveAsync(answers.DateOfBirth!.Value, removed, None);

        Assert.DoesNotContain(await PeopleRowsOfAsync(migrated), r => r.RowKey.StartsWith("b-", StringComparison.Ordinal));
        Assert.Empty(await PeopleRowsOfAsync(removed));
        var plain = TodaysFormat.BirthDigest(answers.DateOfBirth!.Value);
        Assert.NotEmpty(requests.Addresses);
        Assert.DoesNotContain(requests.Addresses, a => a.Contains(plain, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Erasing_a_person_with_an_entry_of_before_person_keys_deletes_it_and_never_puts_its_plain_birth_digest_in_an_address()
    {
        var rig = new TeamRig(azurite);
        var answers = TestData.Baseline with { DateOfBirth = TestData.UniqueBirthday() };
        var contact = new Contact("Ivy Example", "ivy@example.org", null, "en");
        var id = await rig.SubmitAsync(answers, contact);
        await MakePlainAsync(rig, id, contact, keepKeyedEntry: true);
        var requests = new RequestCounter();
        var tables = new TableServiceClient(azurite.ConnectionString, requests.Options());

        Assert.Equal(1, await new PersonErasure(new TableSubmissionErasure(tables, TestData.PersonDigests)).EraseAsync(id, new ErasureMark(DateTimeOffset.UtcNow, "mia.manager@example.org", "Asked"), None));

        Assert.Empty(await PeopleRowsOfAsync(id));
        var plain = TodaysFormat.BirthDigest(answers.DateOfBirth!.Value);
        Assert.NotEmpty(requests.Addresses);
        Assert.DoesNotContain(requests.Addresses, a => a.Contains(plain, StringComparison.OrdinalIgnoreCase));
    }

    private async Task<string[]> SnapshotAsync(TeamRig rig, params string[] ids)
    {
        var rows = new List<string>();
        foreach (var id in ids)
        {
            rows.AddRange((await PeopleRowsOfAsync(id)).Select(r => $"{r.RowKey} {r.ETag}"));
            var born = (await rig.RecordAsync(id)).PersonKeys!.DateOfBirth!.Value;
            rows.Add($"{id} {await PeopleTableEntryAsync(id, born)}");
            rows.Add($"{id} {(await azurite.SubmissionsOf(id).GetEntityAsync<TableEntity>(id, SubmissionEntities.RecordKey(id))).Value.ETag}");
        }
        return [.. rows];
    }
}
