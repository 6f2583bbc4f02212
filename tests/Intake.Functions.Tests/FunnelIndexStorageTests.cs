using System.Text.Json;
using Azure.Data.Tables;
using Intake.Functions.Storage;

namespace Intake.Functions.Tests;

/// <summary>
/// The funnel index (<see cref="TableFunnelIndex"/>, docs/storage.md, "The funnel index, a table a month") on Azurite: every
/// write of a line leaves the submission's row saying what the funnel counts, an erasure keeps only the
/// month, a removal leaves nothing, and the stats read the index once a pass has indexed the lines of before
/// it, with the same report as the lines give.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class FunnelIndexStorageTests(AzuriteFixture azurite)
{
    private static readonly CancellationToken None = CancellationToken.None;

    /// <summary>Everything a row holds besides its keys: what the funnel counts, no name, contact or answer.</summary>
    private static readonly string[] RowProperties = ["List", "Kind", "Result", "ReceivedAt", "PersonId", "TeamStatus", "Reopened", "FirstContactAt", "NotMet"];

    // The table of the one-table layout (every row in 'funnel', of before the month tables), which now holds the markers.
    private TableClient OneTable => azurite.Tables.GetTableClient(StorageNames.FunnelTable);

    // Every row of submission id in every funnel table (the month tables and 'funnel'), with its table's name.
    private async Task<(string Table, TableEntity Row)[]> RowsOfAsync(string id) => await RowsOfAsync(azurite.Tables, id);

    private static async Task<(string Table, TableEntity Row)[]> RowsOfAsync(TableServiceClient tables, string id)
    {
        var rows = new List<(string, TableEntity)>();
        await foreach (var table in tables.QueryAsync(cancellationToken: None))
        {
            if (table.Name.StartsWith(StorageNames.FunnelTable, StringComparison.Ordinal))
            {
                await foreach (var row in tables.GetTableClient(table.Name).QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"RowKey eq {id}"), cancellationToken: None))
                {
                    rows.Add((table.Name, row));
                }
            }
        }
        return [.. rows];
    }

    private static DateTimeOffset Utc(int year, int month, int day, int hour = 12) => new(year, month, day, hour, 0, 0, TimeSpan.Zero);

    private static async Task<WorklistItem> IndexedAsync(TableFunnelIndex index, string id, DateOnly day) =>
        Assert.Single(await index.BetweenAsync(new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
            new DateTimeOffset(day.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), None), l => l.Id == id);

    [Fact]
    public async Task Every_write_of_a_line_leaves_one_row_with_what_the_funnel_counts_and_no_patient_data()
    {
        var rig = new TeamRig(azurite);
        var index = new TableFunnelIndex(azurite.Tables);
        var id = await rig.SubmitAsync(TestData.Baseline, kind: SubmissionKind.Referral);
        var day = TeamRig.Noon.UtcDateTime;

        var first = await IndexedAsync(index, id, DateOnly.FromDateTime(day));
        Assert.Equal((TeamList.Worklist, SubmissionKind.Referral, TeamStatus.New, (await rig.RecordAsync(id)).PersonId), (first.List, first.Kind, first.TeamStatus, first.PersonId));
        rig.Clock.Advance(TimeSpan.FromHours(2));
        await rig.Actions.SetTeamStatusAsync(id, TeamStatus.Contacted, null, TeamRig.Coordinator, None);
        var contacted = await IndexedAsync(index, id, DateOnly.FromDateTime(day));
        Assert.Equal((TeamStatus.Contacted, rig.Clock.GetUtcNow()), (contacted.TeamStatus, contacted.FirstContactAt));
        var (table, row) = Assert.Single(await RowsOfAsync(id));
        Assert.Equal(RowProperties.Order(), row.Keys.Where(k => k is not ("PartitionKey" or "RowKey" or "Timestamp") && !k.Contains("odata", StringComparison.Ordinal)).Order());
        Assert.Equal(("funnel202611", day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)), (table, row.PartitionKey));

        await rig.Actions.MarkNotGenuineAsync(id, "Script", TeamRig.Coordinator, None);
        Assert.Equal(TeamList.NotGenuine, (await IndexedAsync(index, id, DateOnly.FromDateTime(day))).List);
        Assert.Single(await RowsOfAsync(id));
    }

    [Fact]
    public async Task A_screened_out_submission_keeps_its_NotMet_criteria_ids_and_a_reopen_moves_its_row_to_the_worklist()
    {
        var rig = new TeamRig(azurite);
        var index = new TableFunnelIndex(azurite.Tables);
        var id = await rig.SubmitAsync(TestData.Ineligible);
        var day = DateOnly.FromDateTime(TeamRig.Noon.UtcDateTime);

        var screened = await IndexedAsync(index, id, day);
        Assert.Equal(TeamList.ScreenedOut, screened.List);
        Assert.Equal((await rig.ScreenedOutLineAsync(id)).NotMetReasons.Select(Intake.Core.Workflows.Reporting.Funnel.CriterionIdOf), screened.NotMetReasons.Select(Intake.Core.Workflows.Reporting.Funnel.CriterionIdOf));

        await rig.Actions.ReopenAsync(id, TeamRig.Coordinator, None);

        var reopened = await IndexedAsync(index, id, day);
        Assert.Equal((TeamList.Worklist, true), (reopened.List, reopened.Reopened));
    }

    [Fact]
    public async Task An_erased_submission_keeps_only_its_month_in_the_index_and_still_counts()
    {
        var rig = new TeamRig(azurite);
        var index = new TableFunnelIndex(azurite.Tables);
        var id = await rig.SubmitAsync(TestData.Baseline);
        var person = (await rig.RecordAsync(id)).PersonId!;
        // Its row as the one-table layout kept it (a store indexed before the month tables): it goes too.
        await OneTable.UpsertEntityAsync(new TableEntity(TeamRig.Noon.UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), id) { ["List"] = "Worklist" }, cancellationToken: None);

        await new PersonErasure(new TableSubmissionErasure(azurite.Tables, TestData.PersonDigests))
            .EraseAsync(person, new ErasureMark(rig.Calendar.Now, "mia.manager@example.org", "Asked to be erased"), None);

        var (table, row) = Assert.Single(await RowsOfAsync(id));
        Assert.Equal(("funnel202611", "2026-11-01"), (table, row.PartitionKey));
        var erased = await IndexedAsync(index, id, new DateOnly(2026, 11, 1));
        Assert.Equal((TeamList.Erased, person, new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero)), (erased.List, erased.PersonId, erased.ReceivedAt));
    }

    [Fact]
    public async Task A_range_over_the_end_of_a_month_and_of_a_year_reads_the_table_of_each_month_and_only_its_dates()
    {
        var index = new TableFunnelIndex(azurite.Tables);
        WorklistItem Line(DateTimeOffset at) => TestData.Line(TestData.NewId(), SubmissionKind.SelfScreening, PrecheckResult.LikelyIneligible, null,
            at, null, TeamStatus.New, "Not met: I8", ["I8: ECOG 3 is above the protocol's limit of 2."]);
        var lines = new[] { Line(Utc(2030, 11, 30, 23)), Line(Utc(2030, 12, 1, 0)), Line(Utc(2030, 12, 31, 23)), Line(Utc(2031, 1, 1, 0)), Line(Utc(2031, 1, 2)) };
        foreach (var line in lines)
        {
            await index.PutAsync(line, None);
        }
        var ids = lines.Select(l => l.Id).ToHashSet();
        async Task<string[]> BetweenAsync(DateTimeOffset from, DateTimeOffset until) =>
            [.. (await index.BetweenAsync(from, until, None)).Where(l => ids.Contains(l.Id)).OrderBy(l => l.ReceivedAt).Select(l => l.Id)];

        Assert.Equal(lines.Select(l => l.Id), await BetweenAsync(Utc(2030, 11, 30, 0), Utc(2031, 1, 3, 0)));
        Assert.Equal([lines[1].Id, lines[2].Id, lines[3].Id], await BetweenAsync(Utc(2030, 11, 30, 23).AddTicks(1), Utc(2031, 1, 1, 0).AddTicks(1)));
        var tableOf = await Task.WhenAll(lines.Select(async l => Assert.Single(await RowsOfAsync(l.Id)).Table));
        Assert.Equal(["funnel203011", "funnel203012", "funnel203012", "funnel203101", "funnel203101"], tableOf);
        // A month without a table (nothing received in it) is read as empty.
        Assert.Empty(await index.BetweenAsync(Utc(2041, 3, 1), Utc(2041, 4, 1), None));
    }

    [Fact]
    public async Task A_submission_removed_as_not_genuine_leaves_no_row()
    {
        var rig = new TeamRig(azurite);
        var id = await rig.SubmitAsync(TestData.Baseline, TestData.Contact with { Name = "Bot Example", Email = "bot@example.org" });
        await rig.Actions.MarkNotGenuineAsync(id, "Script", TeamRig.Coordinator, None);
        Assert.Single(await RowsOfAsync(id));
        rig.NextDay(31);

        await new NotGenuineRemoval(rig.MyLines, rig.Store, new TableSubmissionRemoval(azurite.Tables, TestData.PersonDigests), rig.Calendar).RunAsync(None);

        Assert.Null(await rig.Store.GetAsync(id, None));
        Assert.Empty(await RowsOfAsync(id));
    }

    [Fact]
    public async Task Until_a_pass_has_indexed_the_lines_of_before_the_index_the_stats_read_the_lines_and_then_the_index_with_the_same_report()
    {
        // A store of its own: marking the index complete changes what every reader of this store reads.
        var own = new AzuriteFixture();
        await own.InitializeAsync();
        try
        {
            var rig = new TeamRig(own);
            var lists = rig.Lists;
            var eligible = await rig.SubmitAsync(TestData.Baseline, kind: SubmissionKind.Referral);
            var ineligible = await rig.SubmitAsync(TestData.Ineligible);
            await rig.Actions.SetTeamStatusAsync(eligible, TeamStatus.Contacted, null, TeamRig.Coordinator, None);
            // Lines written before the index existed: in the lists, not in the index.
            var old = TestData.Line(TestData.NewId(), SubmissionKind.SelfScreening, PrecheckResult.LikelyIneligible, null,
                TeamRig.Noon.AddDays(-3), null, TeamStatus.New, "Not met: I8", ["I8: ECOG 3 is above the protocol's limit of 2."]);
            var oldWorklist = TestData.Line(TestData.NewId(), SubmissionKind.Referral, PrecheckResult.LikelyEligible, Priority.High,
                TeamRig.Noon.AddDays(-2), null, TeamStatus.New, "Every criterion the answers can settle is met", []);
            var teamLists = own.Tables.GetTableClient(StorageNames.TeamListsTable);
            foreach (var line in new[] { old, oldWorklist })
            {
                await teamLists.UpsertEntityAsync(TableTeamLists.ToEntity(line), TableUpdateMode.Replace, None);
            }
            // One of them changed since the index exists: its row is newer than its line as a pass reads it.
            await new TableFunnelIndex(own.Tables).PutAsync(oldWorklist with { TeamStatus = TeamStatus.Enrolled }, None);
            // A store indexed in the one-table layout (every row in 'funnel', marked "complete"): that is not
            // this index; the stats read the lines until the pass, which deletes those rows.
            var oneTable = own.Tables.GetTableClient(StorageNames.FunnelTable);
            await oneTable.UpsertEntityAsync(new TableEntity(old.ReceivedAt.UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), old.Id) { ["List"] = "ScreenedOut" }, cancellationToken: None);
            await oneTable.UpsertEntityAsync(new TableEntity("~index", "complete"), cancellationToken: None);
            await teamLists.UpsertEntityAsync(TableTeamLists.ToEntity(oldWorklist), TableUpdateMode.Replace, None);

            var reader = new FunnelReader(lists, rig.Pending, new QueuePoisonQueues(own.Queues), rig.Outcomes, rig.Calendar);
            var range = new SiteDateRange(TeamRig.Day0.AddDays(-7), TeamRig.Day0);
            string Report(FunnelReport report) => JsonSerializer.Serialize(report with { TimerPasses = [] });
            var fromLines = await reader.ReadAsync(range, None);
            Assert.Equal(4, fromLines.TotalSubmissions);
            Assert.Equal(1, fromLines.TeamStatuses[TeamStatus.New]);

            var index = new TableFunnelIndex(own.Tables);
            var tally = await new FunnelIndexing(index, rig.Outcomes, rig.Calendar).RunAsync(None);

            Assert.Equal((4 + 1, 0), (tally.Items, tally.Failures.Count));
            Assert.True(await index.IsCompleteAsync(None));
            Assert.DoesNotContain(await RowsOfAsync(own.Tables, old.Id), r => r.Table == StorageNames.FunnelTable);
            var markers = new List<string>();
            await foreach (var row in oneTable.QueryAsync<TableEntity>(cancellationToken: None))
            {
                markers.Add($"{row.PartitionKey}/{row.RowKey}");
            }
            Assert.Equal(["~index/months"], markers);
            var fromIndex = await reader.ReadAsync(range, None);
            // The same report, but for the line changed since: the index has its newer status, which the pass kept.
            Assert.Equal(Report(fromLines with { TeamStatuses = fromIndex.TeamStatuses }), Report(fromIndex));
            Assert.Equal((0, 1), (fromIndex.TeamStatuses[TeamStatus.New], fromIndex.TeamStatuses[TeamStatus.Enrolled]));
            // Read from the index now: a line gone from the lists behind the store's back still counts.
            await teamLists.DeleteEntityAsync(ListsPartition.Key, TableTeamLists.LineKey(old), cancellationToken: None);
            Assert.Equal(4, (await reader.ReadAsync(range, None)).TotalSubmissions);
            // A pass once complete reads nothing.
            Assert.Equal(0, (await new FunnelIndexing(index, rig.Outcomes, rig.Calendar).RunAsync(None)).Items);
            Assert.Contains(await rig.Outcomes.ReadAsync(None), o => o.Pass == PassOutcome.IndexFunnel);
        }
        finally
        {
            await own.DisposeAsync();
        }
    }
}
