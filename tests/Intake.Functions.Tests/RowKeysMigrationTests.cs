using System.Globalization;
using Azure.Data.Tables;
using Intake.Functions.Storage;

namespace Intake.Functions.Tests;

/// <summary>
/// The move of the submissions table to row keys that end with the submission's id
/// (<see cref="RowKeysMigration"/>, <see cref="TableOldLayoutSubmissions"/>) on Azurite: partitions
/// rewritten exactly as the code before wrote them (<c>record</c>, <c>contact</c>, <c>referrer</c>,
/// <c>history-000001</c>, <c>tombstone</c>) read the same before the pass and after it, nothing is
/// lost, a change made in between is kept, and a second pass finds nothing.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class RowKeysMigrationTests(AzuriteFixture azurite)
{
    private static readonly CancellationToken None = CancellationToken.None;


    private RowKeysMigration Migration(TeamRig rig) => new(new TableOldLayoutSubmissions(azurite.Tables), rig.Outcomes, rig.Calendar);

    /// <summary>The row key the code before the change wrote for a row (the fixture's layout, spelled out).</summary>
    private static string OldKey(string rowKey) => rowKey switch
    {
        _ when rowKey.StartsWith("history-", StringComparison.Ordinal) => rowKey[..14],
        _ => rowKey[..rowKey.IndexOf('-', StringComparison.Ordinal)],
    };

    /// <summary>Rewrites a partition stored by today's code into the layout before: the same rows under the old keys.</summary>
    private async Task MakeOldAsync(string id, Func<string, bool>? which = null)
    {
        foreach (var row in await RowsAsync(id))
        {
            if (which is null || which(row.RowKey))
            {
                var old = new TableEntity(id, OldKey(row.RowKey));
                foreach (var (name, value) in row.Where(p => p.Key is not ("PartitionKey" or "RowKey" or "Timestamp" or "odata.etag")))
                {
                    old[name] = value;
                }
                await azurite.SubmissionsOf(id).AddEntityAsync(old);
                await azurite.SubmissionsOf(id).DeleteEntityAsync(id, row.RowKey);
            }
        }
    }

    private async Task<List<TableEntity>> RowsAsync(string id)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in azurite.SubmissionsOf(id).QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {id}"), cancellationToken: None))
        {
            rows.Add(row);
        }
        return rows;
    }

    private async Task<string[]> KeysAsync(string id) => [.. (await RowsAsync(id)).Select(r => r.RowKey)];

    private async Task<HashSet<string>> StillOldAsync()
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var page in new TableOldLayoutSubmissions(azurite.Tables).SubmissionsAsync(100, None))
        {
            ids.UnionWith(page);
        }
        return ids;
    }

    private static string Shown(SubmissionFile f) => string.Join('|',
        f.Submission.Version, f.Submission.Status, f.Submission.TeamStatus, f.Submission.AssignedTo, f.Submission.ReceivedAt.ToString("O", CultureInfo.InvariantCulture),
        f.Contact, f.Referrer, string.Join(';', f.History.Select(h => $"{h.At:O} {h.By} {h.Event}")));

    private async Task<string> ReferralWithHistoryAsync(TeamRig rig)
    {
        var id = await rig.SubmitAsync(TestData.Baseline with { ScheduledClinicalBiopsy = new(Site.Lung, TeamRig.Day0.AddDays(2)) }, kind: SubmissionKind.Referral);
        Assert.Equal(ActionOutcome.Done, (await rig.Actions.AssignAsync(id, "ann@example.org", TeamRig.Coordinator, None)).Outcome);
        Assert.Equal(ActionOutcome.Done, (await rig.Actions.SetTeamStatusAsync(id, TeamStatus.Contacted, "Called her.", TeamRig.Coordinator, None)).Outcome);
        return id;
    }

    [Fact]
    public async Task A_submission_in_the_old_layout_reads_the_same_before_the_pass_and_after_it_with_every_row_under_its_new_key()
    {
        var rig = new TeamRig(azurite);
        var id = await ReferralWithHistoryAsync(rig);
        var before = Shown(await rig.FileAsync(id));
        await MakeOldAsync(id);
        Assert.Equal(["contact", "history-000001", "history-000002", "history-000003", "history-000004", "record", "referrer"], await KeysAsync(id));

        // Until the pass: every read falls back to the old keys.
        Assert.Equal(before, Shown(await rig.FileAsync(id)));
        Assert.Equal(TestData.Referrer.Institution, (await rig.FileAsync(id)).Referrer!.Institution);
        Assert.Equal(TestData.Contact, await rig.Store.GetContactAsync(id, None));
        Assert.Equal("ann@example.org", (await rig.RecordAsync(id)).AssignedTo);
        Assert.Contains(id, await StillOldAsync());

        var tally = await Migration(rig).RunAsync(None);

        Assert.Empty(tally.Failures);
        Assert.Equal([$"contact-{id}", $"history-000001-{id}", $"history-000002-{id}", $"history-000003-{id}", $"history-000004-{id}", $"record-{id}", $"referrer-{id}"], await KeysAsync(id));
        Assert.Equal(before, Shown(await rig.FileAsync(id)));
        Assert.DoesNotContain(id, await StillOldAsync());
        Assert.False(await new TableOldLayoutSubmissions(azurite.Tables).MigrateAsync(id, None));
        Assert.Equal(PassOutcome.MigrateRowKeys, Assert.Single(await rig.Outcomes.ReadAsync(None), o => o.Pass == PassOutcome.MigrateRowKeys).Pass);
    }

    [Fact]
    public async Task After_the_pass_a_submission_of_the_old_layout_is_re_evaluated_and_changed_once_per_version()
    {
        var rig = new TeamRig(azurite);
        var id = await ReferralWithHistoryAsync(rig);
        await MakeOldAsync(id);
        await Migration(rig).RunAsync(None);

        rig.NextDay(3);
        await rig.Reevaluation.RunAsync(None);

        var file = await rig.FileAsync(id);
        Assert.Single(TeamRig.Reevaluations(file));
        Assert.Equal(5, file.Submission.Version);
        Assert.Equal(file.History[^1], TeamRig.Reevaluations(file)[0]);
        // The concurrency rule holds under the new keys: a second writer from the same version is refused.
        var stale = file.Submission with { Version = 5 };
        Assert.False(await rig.Store.TryUpdateAsync(stale, new HistoryEntry(rig.Calendar.Now, "A stale change", TeamRig.Coordinator), None));
    }

    [Fact]
    public async Task A_change_made_before_the_pass_to_a_submission_of_the_old_layout_is_kept_and_the_old_record_goes()
    {
        var rig = new TeamRig(azurite);
        var id = await ReferralWithHistoryAsync(rig);
        await MakeOldAsync(id);

        Assert.Equal(ActionOutcome.Done, (await rig.Actions.AssignAsync(id, "bo@example.org", TeamRig.Coordinator, None)).Outcome);
        var changed = Shown(await rig.FileAsync(id));
        Assert.Contains("bo@example.org", changed, StringComparison.Ordinal);
        Assert.Contains("record", await KeysAsync(id));
        Assert.Contains($"record-{id}", await KeysAsync(id));

        await Migration(rig).RunAsync(None);

        Assert.Equal(changed, Shown(await rig.FileAsync(id)));
        Assert.Equal("bo@example.org", (await rig.RecordAsync(id)).AssignedTo);
        Assert.All(await KeysAsync(id), key => Assert.EndsWith("-" + id, key, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_partition_of_more_than_50_rows_stopped_half_way_reads_in_order_and_the_next_pass_finishes_it()
    {
        var rig = new TeamRig(azurite);
        var id = await rig.SubmitAsync(TestData.Baseline);
        var submission = await rig.RecordAsync(id);
        for (var i = 0; i < 60; i++)
        {
            submission = submission with { Version = submission.Version + 1 };
            Assert.True(await rig.Store.TryUpdateAsync(submission, new HistoryEntry(rig.Calendar.Now, $"Note {i:D2}", TeamRig.Coordinator), None));
        }
        var before = Shown(await rig.FileAsync(id));
        Assert.Equal(64, (await KeysAsync(id)).Length);
        // As a pass stopped after its first transaction leaves it: the first 50 history rows moved, the rest old.
        await MakeOldAsync(id, key => !key.StartsWith("history-", StringComparison.Ordinal) || SubmissionEntities.VersionOf(key) > 50);

        Assert.Equal(before, Shown(await rig.FileAsync(id)));
        Assert.Contains(id, await StillOldAsync());

        Assert.True(await new TableOldLayoutSubmissions(azurite.Tables).MigrateAsync(id, None));

        Assert.Equal(before, Shown(await rig.FileAsync(id)));
        Assert.All(await KeysAsync(id), key => Assert.EndsWith("-" + id, key, StringComparison.Ordinal));
        Assert.Equal(64, (await KeysAsync(id)).Length);
        Assert.DoesNotContain(id, await StillOldAsync());
    }

    [Fact]
    public async Task A_submission_of_the_old_layout_is_erased_whole_before_the_pass_as_after_it()
    {
        var rig = new TeamRig(azurite);
        var erasure = new TableSubmissionErasure(azurite.Tables, TestData.PersonDigests);
        var mark = new ErasureMark(rig.Calendar.Now, "mia.manager@example.org", "The person asked for their data to be erased");
        var before = await ReferralWithHistoryAsync(rig);
        var after = await ReferralWithHistoryAsync(rig);
        await MakeOldAsync(before);
        await MakeOldAsync(after);

        Assert.Contains(before, await erasure.SubmissionsOfAsync(before, None));
        Assert.True(await erasure.EraseAsync(before, mark, None));
        await Migration(rig).RunAsync(None);
        Assert.Contains(after, await erasure.SubmissionsOfAsync(after, None));
        Assert.True(await erasure.EraseAsync(after, mark, None));

        foreach (var id in new[] { before, after })
        {
            Assert.Null(await rig.Store.GetFileAsync(id, None));
            Assert.Null(await rig.Store.GetAsync(id, None));
            Assert.Equal([$"tombstone-{id}"], await KeysAsync(id));
            Assert.Equal(PrecheckResult.LikelyEligible, (await erasure.ErasedAsync(id, None))!.Result);
        }
    }

    [Fact]
    public async Task An_old_tombstone_moves_to_its_new_key_and_still_tells_what_was_erased()
    {
        var rig = new TeamRig(azurite);
        var erasure = new TableSubmissionErasure(azurite.Tables, TestData.PersonDigests);
        var id = await rig.SubmitAsync(TestData.Ineligible);
        Assert.True(await erasure.EraseAsync(id, new ErasureMark(rig.Calendar.Now, "mia.manager@example.org", "Asked"), None));
        await MakeOldAsync(id);
        Assert.Equal(["tombstone"], await KeysAsync(id));
        Assert.Equal(PrecheckResult.LikelyIneligible, (await erasure.ErasedAsync(id, None))!.Result);

        await Migration(rig).RunAsync(None);

        Assert.Equal([$"tombstone-{id}"], await KeysAsync(id));
        Assert.Equal(PrecheckResult.LikelyIneligible, (await erasure.ErasedAsync(id, None))!.Result);
    }

    [Fact]
    public async Task A_post_again_of_a_submission_stored_in_the_old_layout_is_a_repeat_and_stores_nothing_beside_it()
    {
        var rig = new TeamRig(azurite);
        var id = await ReferralWithHistoryAsync(rig);
        var stored = await rig.RecordAsync(id);
        await MakeOldAsync(id);
        var keys = await KeysAsync(id);

        // A process started on a store that holds the old layout (this rig's store looked before the rows were made old).
        var upgraded = new TableSubmissionStore(azurite.Tables);
        Assert.Equal(AddResult.AlreadyExists, await upgraded.AddAsync(stored with { Version = 1 }, TestData.Contact, TestData.Referrer,
            new HistoryEntry(rig.Calendar.Now, "Referral received", "public"), None));

        Assert.Equal(keys, await KeysAsync(id));
        Assert.Equal("ann@example.org", (await rig.RecordAsync(id)).AssignedTo);
    }
}
