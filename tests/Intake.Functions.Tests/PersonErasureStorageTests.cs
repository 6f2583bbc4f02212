using Azure.Data.Tables;
using Intake.Functions.Triggers;
using Intake.Functions.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace Intake.Functions.Tests;

/// <summary>
/// Erasing a person on the real stores (Azurite): every submission of the person goes, a tombstone
/// without patient data stays, the funnel still counts it, a second erase finds nothing, an erasure
/// cut off half-way is finished by the next call or by the open-intent pass, and a queued pre-check
/// of an erased id brings nothing back.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class PersonErasureStorageTests(AzuriteFixture azurite)
{
    private static readonly CancellationToken None = CancellationToken.None;
    private const string Manager = "mia.manager@example.org";
    // Values of this test class's instance only (other tests' data stays in the shared Azurite): the scan looks for them.
    private readonly DateOnly Born = new(1930 + Random.Shared.Next(60), 1 + Random.Shared.Next(12), 1 + Random.Shared.Next(28));
    private readonly Contact Erased = ErasedContact();

    private static Contact ErasedContact()
    {
        var tag = Guid.NewGuid().ToString("N")[..10];
        var letters = new string([.. tag.Select(c => (char)('a' + c % 26))]);
        return new($"Erin Erasable{letters}", $"erin.{tag}@example.org", $"+1 612 {Random.Shared.Next(100, 999)} {Random.Shared.Next(1000, 9999)}", "en");
    }

    /// <summary>The real erasure, except that it fails for one id, as a crash half-way through would stop it.</summary>
    private sealed class FailingFor(ISubmissionErasure inner, string id) : ISubmissionErasure
    {
        public Task<IReadOnlyList<string>> SubmissionsOfAsync(string personId, CancellationToken cancellationToken) => inner.SubmissionsOfAsync(personId, cancellationToken);
        public Task MarkIntentAsync(ErasureIntent intent, CancellationToken cancellationToken) => inner.MarkIntentAsync(intent, cancellationToken);
        public Task<ErasureIntent?> IntentAsync(string key, CancellationToken cancellationToken) => inner.IntentAsync(key, cancellationToken);
        public Task<IReadOnlyList<ErasureIntent>> OpenIntentsAsync(CancellationToken cancellationToken) => inner.OpenIntentsAsync(cancellationToken);
        public Task ClearIntentAsync(string key, CancellationToken cancellationToken) => inner.ClearIntentAsync(key, cancellationToken);
        public Task<bool> EraseAsync(string erased, ErasureMark mark, CancellationToken cancellationToken) =>
            erased == id ? throw new IOException("The process stopped here.") : inner.EraseAsync(erased, mark, cancellationToken);
        public Task<ErasedSubmission?> ErasedAsync(string erased, CancellationToken cancellationToken) => inner.ErasedAsync(erased, cancellationToken);
    }

    private async Task<TableEntity[]> RowsAsync(string table, string? filter = null)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in azurite.Tables.GetTableClient(table).QueryAsync<TableEntity>(filter, cancellationToken: None))
        {
            rows.Add(row);
        }
        return [.. rows];
    }

    private static ErasureMark Mark(TeamRig rig) => new(rig.Calendar.Now, Manager, "The person asked for their data to be erased");

    /// <summary>Two submissions of the erased person (the same date of birth and e-mail) and one of somebody else.</summary>
    private async Task<(string First, string Second, string Other)> SeedAsync(TeamRig rig)
    {
        var first = await rig.SubmitAsync(TestData.Ineligible with { DateOfBirth = Born }, Erased);
        rig.NextDay();
        var second = await rig.SubmitAsync(TestData.Baseline with { DateOfBirth = Born }, Erased, SubmissionKind.Referral);
        var other = await rig.SubmitAsync(TestData.Baseline);
        Assert.Equal(first, (await rig.RecordAsync(second)).PersonId);
        return (first, second, other);
    }

    [Fact]
    public async Task A_row_delete_says_whether_the_row_was_there_and_a_missing_row_or_table_is_no_error()
    {
        // The SDK answers the delete of a missing entity with its 404, not an exception: the erasure counts
        // what it deleted from this answer, and a shelf never written to has no table at all.
        var table = azurite.Tables.GetTableClient(StorageNames.TeamListsTable);
        var row = "delete-probe-" + Guid.NewGuid().ToString("N");
        await table.UpsertEntityAsync(new TableEntity(ListsPartition.Key, row), TableUpdateMode.Replace, None);

        Assert.True(await TableSubmissionRemoval.DeleteAsync(table, ListsPartition.Key, row, None));
        Assert.False(await TableSubmissionRemoval.DeleteAsync(table, ListsPartition.Key, row, None));
        Assert.False(await TableSubmissionRemoval.DeleteAsync(azurite.Tables.GetTableClient("neverwritten" + Guid.NewGuid().ToString("N")[..12]), ListsPartition.Key, row, None));
    }

    [Fact]
    public async Task Erasing_a_person_erases_every_submission_of_theirs_and_leaves_only_tombstones_the_funnel_still_counts()
    {
        var rig = new TeamRig(azurite);
        var (first, second, other) = await SeedAsync(rig);
        var tables = new TableSubmissionErasure(azurite.Tables, TestData.PersonDigests);
        var erasure = new PersonErasure(tables);

        Assert.Equal(2, await erasure.EraseAsync(first, Mark(rig), None));

        foreach (var id in new[] { first, second })
        {
            Assert.Null(await rig.Store.GetFileAsync(id, None));
            var partition = await RowsAsync(SubmissionTables.NameFor(id), TableClient.CreateQueryFilter($"PartitionKey eq {id}"));
            var tombstone = Assert.Single(partition);
            Assert.Equal(SubmissionEntities.TombstoneKey(id), tombstone.RowKey);
            Assert.Equal(["ErasedAt", "ErasedBy", "Kind", "NotMet", "Reason", "ReceivedMonth", "Result"],
                tombstone.Keys.Where(k => k is not ("PartitionKey" or "RowKey" or "Timestamp" or "odata.etag")).Order());
            var erased = await tables.ErasedAsync(id, None);
            Assert.NotNull(erased);
            Assert.Equal((Manager, "The person asked for their data to be erased"), (erased.ErasedBy, erased.Reason));
        }
        var firstTombstone = (await tables.ErasedAsync(first, None))!;
        Assert.Equal((SubmissionKind.SelfScreening, "2026-11", PrecheckResult.LikelyIneligible), (firstTombstone.Kind, firstTombstone.ReceivedMonth, firstTombstone.Result));
        Assert.NotEmpty(firstTombstone.NotMet);
        Assert.All(firstTombstone.NotMet, c => Assert.Matches("^[IE][0-9]+$", c));
        Assert.Equal(PrecheckResult.LikelyEligible, (await tables.ErasedAsync(second, None))!.Result);

        // Off both lists and out of the people index; the other person is untouched.
        Assert.Equal((0, 0), ((await rig.LinesAsync(first)).Worklist.Length, (await rig.LinesAsync(second)).Worklist.Length));
        Assert.Empty((await rig.LinesAsync(first)).ScreenedOut);
        Assert.DoesNotContain(await rig.People.BornOnAsync(Born, None), p => p.SubmissionId == first || p.SubmissionId == second);
        Assert.Equal(SubmissionStatus.Routed, (await rig.RecordAsync(other)).Status);
        await rig.WorklistLineAsync(other);

        // Nothing sent for the person is anywhere in either table.
        var everything = string.Join('\n', (await Task.WhenAll(StorageNames.SubmissionTableNames.Select(table => RowsAsync(table)))).SelectMany(rows => rows).Concat(await RowsAsync(StorageNames.TeamListsTable))
            .SelectMany(r => ((IDictionary<string, object>)r).Values).Select(v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture)));
        foreach (var value in new[] { Erased.Name!, Erased.Email!, Erased.Phone!, Born.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) })
        {
            Assert.DoesNotContain(value, everything, StringComparison.OrdinalIgnoreCase);
        }

        // The funnel still counts both, as the one person they were.
        var lines = (await Task.WhenAll(Enum.GetValues<TeamList>().Select(l => rig.Lists.ListAsync(l, new WorklistFilter(), None))))
            .SelectMany(l => l).Where(l => l.Id == first || l.Id == second);
        var funnel = Funnel.Of(lines, 0, new SiteDateRange(new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30)), rig.Calendar);
        Assert.Equal((2, 1, 0), (funnel.TotalSubmissions, funnel.People, funnel.WorklistPeople));
        Assert.Equal(1, funnel.Submissions[SubmissionKind.Referral]);

        // Again: nothing left.
        Assert.Equal(0, await erasure.EraseAsync(first, Mark(rig), None));
        Assert.Empty(await tables.OpenIntentsAsync(None));
    }

    [Fact]
    public async Task An_erasure_cut_off_half_way_is_finished_by_the_next_erase_of_the_person()
    {
        var rig = new TeamRig(azurite);
        var (first, second, _) = await SeedAsync(rig);
        var tables = new TableSubmissionErasure(azurite.Tables, TestData.PersonDigests);

        await Assert.ThrowsAsync<IOException>(() => new PersonErasure(new FailingFor(tables, second)).EraseAsync(first, Mark(rig), None));
        Assert.NotNull(await tables.IntentAsync(first, None));
        Assert.Null(await tables.ErasedAsync(second, None));
        var alreadyErased = await tables.ErasedAsync(first, None) is null ? 0 : 1;

        Assert.Equal(2 - alreadyErased, await new PersonErasure(tables).EraseAsync(first, Mark(rig), None));

        Assert.Null(await rig.Store.GetFileAsync(first, None));

        Assert.Null(await rig.Store.GetFileAsync(second, None));
        Assert.NotNull(await tables.ErasedAsync(second, None));
        Assert.Null(await tables.IntentAsync(first, None));
    }

    [Fact]
    public async Task An_erasure_cut_off_half_way_is_finished_by_the_pass_over_open_intents()
    {
        var rig = new TeamRig(azurite);
        var (first, second, _) = await SeedAsync(rig);
        var tables = new TableSubmissionErasure(azurite.Tables, TestData.PersonDigests);
        await Assert.ThrowsAsync<IOException>(() => new PersonErasure(new FailingFor(tables, second)).EraseAsync(first, Mark(rig), None));

        Assert.True(await new PersonErasure(tables).FinishOpenAsync(None) >= 1);

        Assert.Null(await rig.Store.GetFileAsync(second, None));
        Assert.Equal(Manager, (await tables.ErasedAsync(second, None))!.ErasedBy);
        Assert.Null(await tables.IntentAsync(first, None));
    }

    [Fact]
    public async Task A_pre_check_message_queued_before_the_erasure_finds_the_tombstone_and_brings_nothing_back()
    {
        var rig = new TeamRig(azurite);
        var (first, _, _) = await SeedAsync(rig);
        var tables = new TableSubmissionErasure(azurite.Tables, TestData.PersonDigests);
        await new PersonErasure(tables).EraseAsync(first, Mark(rig), None);

        await new PrecheckFunction(rig.Routing, tables, TestData.Metrics(), TimeProvider.System, NullLogger<PrecheckFunction>.Instance)
            .PrecheckSubmission(TestData.PrecheckMessage(first), None);

        Assert.Null(await rig.Store.GetFileAsync(first, None));
        var listRows = await RowsAsync(StorageNames.TeamListsTable, TableClient.CreateQueryFilter($"PartitionKey eq {ListsPartition.Key}"));
        Assert.Equal([ListsPartition.ErasedKey(first)], listRows.Where(r => r.RowKey.Contains(first, StringComparison.Ordinal)).Select(r => r.RowKey));
    }
}
