using Intake.Functions.Triggers;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Intake.Functions.Tests;

/// <summary>
/// <c>GET /api/export.csv</c> on the real stores (Azurite): one row a submission of the list, with the
/// person's name neutralised against formula injection, the range in the site's dates, its parameters
/// checked, and the audit entry counting the rows.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class ExportFunctionTests(AzuriteFixture azurite)
{
    private const string Hostile = "=HYPERLINK(\"http://x\",\"y\")";

    private static async Task<(Answer Answer, MemoryAuditLog Audit)> ExportAsync(TeamRig rig, Dictionary<string, StringValues> query)
    {
        var audit = new MemoryAuditLog();
        var request = HttpTesting.Get(query: query);
        request.HttpContext.RequestServices = HttpTesting.ServicesFor(audit, behindAppServiceAuthentication: false);
        var function = new ExportFunction(rig.Lists, rig.Store, rig.Calendar);
        return (await HttpTesting.ExecuteAsync(await function.ExportList(request, CancellationToken.None), request), audit);
    }

    private static string[] Rows(Answer answer) => answer.Body.TrimStart('\uFEFF').Split("\r\n");

    [Fact]
    public async Task The_worklist_export_is_UTF_8_CSV_with_a_header_one_row_a_submission_and_a_hostile_name_shown_as_text()
    {
        var rig = new TeamRig(azurite);
        var id = await rig.SubmitAsync(TestData.Baseline, new Contact(Hostile, "zoë@example.org", "-1", "en"));
        var screenedOut = await rig.SubmitAsync(TestData.Ineligible);
        await rig.Actions.AssignAsync(id, "@Ann", TeamRig.Coordinator, CancellationToken.None);
        var day = TeamRig.Day0.ToString("yyyy-MM-dd", null);

        var (answer, audit) = await ExportAsync(rig, new() { ["list"] = "worklist", ["from"] = day, ["to"] = day });

        Assert.Equal(StatusCodes.Status200OK, answer.Status);
        Assert.StartsWith("text/csv; charset=utf-8", answer.ContentType, StringComparison.Ordinal);
        Assert.Contains("attachment", answer.Headers.ContentDisposition.ToString(), StringComparison.Ordinal);
        var rows = Rows(answer);
        Assert.Equal(string.Join(',', ListExport.Columns), rows[0]);
        Assert.Equal("", rows[^1]);
        var row = Assert.Single(rows, r => r.StartsWith(id, StringComparison.Ordinal));
        Assert.Contains(",\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",zoë@example.org,'-1,en,'@Ann,", row, StringComparison.Ordinal);
        Assert.DoesNotContain(rows, r => r.StartsWith(screenedOut, StringComparison.Ordinal));
        // Every row of the day (this test's and others' on the shared Azurite), and the audit entry counts them.
        var entry = Assert.Single(audit.Entries);
        Assert.Equal(nameof(ExportFunction.ExportList), entry.Action);
        Assert.Equal(rows.Length - 2, entry.Count);
        Assert.True(entry.Count >= 1);
    }

    [Fact]
    public async Task The_range_leaves_out_what_was_received_on_other_days_and_the_screened_out_list_is_its_own_export()
    {
        var rig = new TeamRig(azurite);
        var screenedOut = await rig.SubmitAsync(TestData.Ineligible);
        var before = TeamRig.Day0.AddDays(-1).ToString("yyyy-MM-dd", null);

        var (list, _) = await ExportAsync(rig, new() { ["list"] = "screened-out" });
        var (earlier, _) = await ExportAsync(rig, new() { ["list"] = "screened-out", ["to"] = before });

        Assert.Contains(Rows(list), r => r.StartsWith(screenedOut + ",screened-out,", StringComparison.Ordinal));
        Assert.DoesNotContain(Rows(earlier), r => r.StartsWith(screenedOut, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_range_open_at_either_end_exports_the_worklist_from_or_until_its_date()
    {
        var rig = new TeamRig(azurite);
        var id = await rig.SubmitAsync(TestData.Baseline);
        var day = TeamRig.Day0.ToString("yyyy-MM-dd", null);
        var before = TeamRig.Day0.AddDays(-1).ToString("yyyy-MM-dd", null);

        var (from, _) = await ExportAsync(rig, new() { ["list"] = "worklist", ["from"] = day });
        var (until, _) = await ExportAsync(rig, new() { ["list"] = "worklist", ["to"] = day });
        var (earlier, _) = await ExportAsync(rig, new() { ["list"] = "worklist", ["to"] = before });

        Assert.Equal((StatusCodes.Status200OK, StatusCodes.Status200OK), (from.Status, until.Status));
        Assert.Contains(Rows(from), r => r.StartsWith(id + ",worklist,", StringComparison.Ordinal));
        Assert.Contains(Rows(until), r => r.StartsWith(id + ",worklist,", StringComparison.Ordinal));
        Assert.DoesNotContain(Rows(earlier), r => r.StartsWith(id, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(null, null, null, "list")]
    [InlineData("everything", null, null, "list")]
    [InlineData("worklist", "2026-13-01", null, "from")]
    [InlineData("worklist", null, "yesterday", "to")]
    [InlineData("worklist", "2026-11-27", "2026-11-26", "from")]
    public async Task A_wrong_parameter_is_400_naming_it_and_audited_as_refused(string? list, string? from, string? to, string named)
    {
        var rig = new TeamRig(azurite);
        var query = new Dictionary<string, StringValues>();
        foreach (var (name, value) in new[] { ("list", list), ("from", from), ("to", to) })
        {
            if (value is not null)
            {
                query[name] = value;
            }
        }

        var (answer, audit) = await ExportAsync(rig, query);

        Assert.Equal(StatusCodes.Status400BadRequest, answer.Status);
        Assert.Equal([named], answer.ErrorPaths());
        Assert.Equal(400, Assert.Single(audit.Entries).Status);
    }
}
