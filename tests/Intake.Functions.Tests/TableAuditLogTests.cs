using System.Reflection;
using Intake.Functions.Storage;
using Intake.Testing;

namespace Intake.Functions.Tests;

/// <summary>
/// <see cref="TableAuditLog"/> on Azurite: entries read back newest first across days, pages walk
/// every entry once, filters hold, a cursor the log did not make for the query is refused, and
/// nothing in the code can change or remove an entry.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class TableAuditLogTests(AzuriteFixture azurite)
{
    private static readonly CancellationToken None = CancellationToken.None;

    /// <summary>Entries by a name of this test only, at <paramref name="start"/> and every 7 hours after, across days.</summary>
    private static async Task<(TableAuditLog Log, List<AuditEntry> Entries, string By)> SeedAsync(AzuriteFixture azurite, DateTimeOffset start, int count, string? submissionId = null)
    {
        var log = new TableAuditLog(azurite.Tables);
        var by = $"tester-{Guid.NewGuid():N}@example.org";
        var entries = new List<AuditEntry>();
        for (var i = 0; i < count; i++)
        {
            var entry = new AuditEntry(start.AddHours(7 * i), by, "coordinator", i % 2 == 0 ? "GetSubmission" : "GetWorklist",
                i % 2 == 0 ? submissionId ?? Guid.NewGuid().ToString() : null, i % 2 == 0 ? 1 : 12, 200);
            await log.AppendAsync(entry, None);
            entries.Add(entry);
        }
        return (log, entries, by);
    }

    private static AuditQuery Query(DateTimeOffset from, DateTimeOffset to, string? by, int limit = 50, string? cursor = null, string? submissionId = null) =>
        new(DateOnly.FromDateTime(from.UtcDateTime), DateOnly.FromDateTime(to.UtcDateTime), by, submissionId, limit, cursor);

    [Fact]
    public async Task Entries_read_back_as_written_newest_first_across_days_and_pages_walk_each_once()
    {
        var start = new DateTimeOffset(2031, 3, 1, 22, 0, 0, TimeSpan.Zero);
        var (log, entries, by) = await SeedAsync(azurite, start, 11);
        var expected = entries.OrderByDescending(e => e.At).ToList();

        var whole = await log.ReadAsync(Query(start, start.AddDays(5), by), None);
        var walked = new List<AuditEntry>();
        var pages = 0;
        string? cursor = null;
        do
        {
            var page = (await log.ReadAsync(Query(start, start.AddDays(5), by, limit: 3, cursor: cursor), None))!;
            Assert.True(page.Items.Count <= 3);
            walked.AddRange(page.Items);
            cursor = page.Next;
            pages++;
        }
        while (cursor is not null);

        Assert.Equal(expected, whole!.Items);
        Assert.Null(whole.Next);
        Assert.Equal(expected, walked);
        Assert.Equal(4, pages);
    }

    [Fact]
    public async Task The_range_and_the_filters_hold()
    {
        var start = new DateTimeOffset(2031, 4, 10, 1, 0, 0, TimeSpan.Zero);
        var submission = Guid.NewGuid().ToString();
        var (log, entries, by) = await SeedAsync(azurite, start, 8, submission);

        var firstDay = await log.ReadAsync(Query(start, start, by), None);
        var aboutOne = await log.ReadAsync(Query(start, start.AddDays(3), by, submissionId: submission), None);
        var someoneElse = await log.ReadAsync(Query(start, start.AddDays(3), "nobody@example.org"), None);

        Assert.Equal(entries.Where(e => e.At.UtcDateTime.Date == start.UtcDateTime.Date).OrderByDescending(e => e.At), firstDay!.Items);
        Assert.Equal(entries.Where(e => e.SubmissionId == submission).OrderByDescending(e => e.At), aboutOne!.Items);
        Assert.Empty(someoneElse!.Items);
    }

    [Fact]
    public async Task Entries_of_the_same_instant_are_all_kept()
    {
        var log = new TableAuditLog(azurite.Tables);
        var at = new DateTimeOffset(2031, 5, 5, 5, 5, 5, TimeSpan.Zero);
        var by = $"same-{Guid.NewGuid():N}";
        var entry = new AuditEntry(at, by, "manager", "GetAudit", null, 0, 200);

        await log.AppendAsync(entry, None);
        await log.AppendAsync(entry, None);

        Assert.Equal([entry, entry], (await log.ReadAsync(Query(at, at, by), None))!.Items);
    }

    [Theory]
    [InlineData("not a cursor")]
    [InlineData("AAAA")]
    [InlineData("MDAwMDAwMDB8eHx5")]
    [InlineData("")]
    public async Task A_cursor_the_log_did_not_make_is_refused(string cursor)
    {
        var log = new TableAuditLog(azurite.Tables);
        var day = new DateTimeOffset(2031, 6, 1, 0, 0, 0, TimeSpan.Zero);

        Assert.Null(await log.ReadAsync(Query(day, day, null, cursor: cursor), None));
    }

    [Fact]
    public async Task A_real_cursor_edited_or_used_for_another_query_is_refused()
    {
        var start = new DateTimeOffset(2031, 7, 1, 0, 0, 0, TimeSpan.Zero);
        var (log, _, by) = await SeedAsync(azurite, start, 4);
        var next = (await log.ReadAsync(Query(start, start.AddDays(2), by, limit: 2), None))!.Next!;
        var edited = (next[0] == 'A' ? 'B' : 'A') + next[1..];

        Assert.NotNull(await log.ReadAsync(Query(start, start.AddDays(2), by, limit: 2, cursor: next), None));
        Assert.Null(await log.ReadAsync(Query(start, start.AddDays(2), by, limit: 2, cursor: edited), None));
        Assert.Null(await log.ReadAsync(Query(start, start.AddDays(2), "someone.else@example.org", limit: 2, cursor: next), None));
        Assert.Null(await log.ReadAsync(Query(start, start.AddDays(3), by, limit: 2, cursor: next), None));
    }

    [Fact]
    public void The_store_only_appends_and_reads()
    {
        var methods = typeof(TableAuditLog).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly).Select(m => m.Name).Order(StringComparer.Ordinal);
        var source = File.ReadAllText(Path.Combine(Repository.Root, "src", "Intake.Functions", "Storage", "TableAuditLog.cs"));

        Assert.Equal([nameof(IAuditLog.AppendAsync), nameof(IAuditLog.ReadAsync)], methods);
        Assert.Equal([nameof(IAuditLog.AppendAsync), nameof(IAuditLog.ReadAsync)], typeof(IAuditLog).GetMethods().Select(m => m.Name).Order(StringComparer.Ordinal));
        foreach (var call in new[] { "Upsert", "UpdateEntity", "DeleteEntity", "SubmitTransaction", "DeleteAsync", "Delete(", "TableTransactionActionType", "TableUpdateMode" })
        {
            Assert.DoesNotContain(call, source, StringComparison.Ordinal);
        }
        Assert.Contains("AddEntityAsync", source, StringComparison.Ordinal);
    }

    [Fact]
    public void No_other_code_touches_the_audit_table()
    {
        var src = Path.Combine(Repository.Root, "src");
        var touching = Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => File.ReadAllText(f) is var text && (text.Contains(nameof(StorageNames.AuditTable), StringComparison.Ordinal) || text.Contains("\"audit\"", StringComparison.Ordinal)))
            .Select(f => Path.GetRelativePath(src, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);

        Assert.Equal(["Intake.Functions/Storage/StorageNames.cs", "Intake.Functions/Storage/TableAuditLog.cs"], touching);
    }
}
