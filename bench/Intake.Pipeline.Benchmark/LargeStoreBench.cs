using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Intake.Functions.Storage;
using Intake.Testing;

namespace Intake.Pipeline.Benchmark;

/// <summary>
/// The service at a large store (issue 16): the pre-check throughput over HTTP on the empty store,
/// then N submissions seeded through the app's own storage classes (not HTTP; received over the two
/// years before today, the workload's mix of public examples and random answers, one in four a
/// referral, about 5% left open on the worklist), then, by requests to the same running local host:
/// the lists' first and later pages, <c>/api/people</c>, <c>/api/stats</c> for 30 days, and the
/// pre-check throughput again. Figures are printed; nothing is asserted (docs/performance.md).
/// </summary>
internal static class LargeStoreBench
{
    private const int Reads = 60;
    private const int WarmUpRounds = 5;
    private static readonly TimeSpan QuietAtMost = TimeSpan.FromMinutes(3);

    /// <param name="n">Submissions to seed.</param>
    /// <param name="posts">Submissions of each throughput run.</param>
    /// <param name="throughput">The pipeline benchmark's service run: submissions per second listed, posting C = 16.</param>
    /// <param name="shelving">Also time the one-off ShelveLines pass over every line, last (about 20 minutes at 100,000).</param>
    public static async Task<int> RunAsync(int n, int posts, bool shelving, Func<LocalHostProcess, string, (string Route, JsonObject Body)[], Task<double>> throughput)
    {
        await using var azurite = await Azurite.StartAsync();
        await using var host = await LocalHostProcess.StartAsync(azurite.ConnectionString);
        var digests = new PersonDigests(Encoding.UTF8.GetBytes(LocalHostProcess.PersonKeyFor(azurite.ConnectionString)));
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById(SiteCalendar.DefaultTimeZoneId)).DateTime);

        // The host's first requests compile its code (JIT) and open its connections: a warm-up run first,
        // so that the empty store's figure is the service's rate, not its start.
        Console.Error.WriteLine("== Warm-up (50 posts)");
        await throughput(host, azurite.ConnectionString, Workload.Make(50, today, seed: 9));
        var quietBeforeEmpty = await ProcessQuiet.WaitAsync([azurite.ProcessId, host.ProcessId], QuietAtMost);
        Console.Error.WriteLine($"== Pre-check throughput on the empty store ({posts} posts, C = 16; quiet after {quietBeforeEmpty:0} s)");
        var cpu = new CpuShare(azurite.ProcessId, host.ProcessId);
        var empty = await throughput(host, azurite.ConnectionString, Workload.Make(posts, today, seed: 1));
        var emptyCpu = cpu.PerItem(posts);

        // The funnel index complete, as on a store deployed with it (or once its pass has run): the stats read it.
        var tables = new StorageConnection(azurite.ConnectionString, null, null, null).CreateTableServiceClient(new TableClientOptions());
        var calendar = SiteCalendar.For(SiteCalendar.DefaultTimeZoneId, TimeProvider.System);
        await new FunnelIndexing(new TableFunnelIndex(tables), new TablePassOutcomes(tables), calendar).RunAsync(CancellationToken.None);

        Console.Error.WriteLine($"== Seeding {n} submissions through the storage classes");
        var seedWatch = Stopwatch.StartNew();
        var emails = await SeedAsync(azurite.ConnectionString, digests, n, today, () => $"Azurite {Memory(azurite.ProcessId)}");
        var seedSeconds = seedWatch.Elapsed.TotalSeconds;

        // A live store's hourly re-evaluation has kept up with its items; a seeded one has never run, and
        // the first pass ever reads every open item (Reevaluation.RunAsync). Run here, to the end, so that
        // the host's hourly pass during the measures below reads only the lines due today, as it would live.
        Console.Error.WriteLine("== The re-evaluation pass a live store would have run");
        var reevaluationWatch = Stopwatch.StartNew();
        var seededLists = new TableTeamLists(tables, digests);
        var reevaluation = await new Reevaluation(seededLists, new SubmissionChanges(new TableSubmissionStore(tables), seededLists, new NoAlerts(), calendar),
            new PrecheckEngine(RuleSet.Nct03737695), calendar, new TablePassOutcomes(tables)) { MaxConcurrency = 4 }.RunAsync(CancellationToken.None);
        var reevaluationSeconds = reevaluationWatch.Elapsed.TotalSeconds;

        // Every measure starts from a machine at rest (ProcessQuiet): a seeding of 100,000 leaves Azurite a
        // collection of its heap to finish, which would otherwise fall on whichever measure came first.
        var quietBeforeReads = await ProcessQuiet.WaitAsync([azurite.ProcessId, host.ProcessId], QuietAtMost);
        Console.Error.WriteLine($"== Reads by HTTP at the full store (quiet after {quietBeforeReads:0} s)");
        var worklistCursors = await CursorsAsync(host.Staff, "/api/worklist", Reads);
        var cursors = await CursorsAsync(host.Staff, "/api/screened-out", Reads);
        var random = new Random(3);
        var reads = await TimeRoundsAsync(host.Staff,
            _ => "/api/worklist",
            i => $"/api/worklist?cursor={Uri.EscapeDataString(worklistCursors[i % worklistCursors.Count])}",
            _ => "/api/screened-out",
            i => $"/api/screened-out?cursor={Uri.EscapeDataString(cursors[i % cursors.Count])}",
            _ => $"/api/people?email={Uri.EscapeDataString(emails[random.Next(emails.Count)])}");
        var (firstWorklist, laterWorklist, firstScreened, laterScreened, people) = (reads[0], reads[1], reads[2], reads[3], reads[4]);
        var stats = await TimeAsync(host.Staff, _ => "/api/stats", 10);
        // What of a page is Azurite's: the page's own query and its 50 contact reads, by the SDK directly.
        var azuriteAlone = await AzuriteAloneAsync(tables);
        var bytes = new[] { "/api/worklist", "/api/screened-out", "/api/screened-out?limit=200" }
            .Select(route => (route, host.Staff.GetByteArrayAsync(route).Result.Length)).ToArray();

        Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}; Azurite in memory; N = {n} seeded in {seedSeconds:0} s ({n / seedSeconds:0}/s)");
        Console.WriteLine($"Re-evaluation pass after seeding: {reevaluation.Evaluated} open items in {reevaluationSeconds:0} s, {reevaluation.Changed} changed, {reevaluation.Failures.Count} failed");
        Console.WriteLine($"Reads timed in {Reads} rounds of one request of each route in turn, after {WarmUpRounds} untimed rounds, once Azurite and the host were quiet ({quietBeforeReads:0} s after the pass)");
        Console.WriteLine();
        Console.WriteLine("| measure | p50 (ms) | p95 (ms) | max (ms) | requests |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        Row("GET /api/worklist, first page (50)", firstWorklist);
        Row("GET /api/worklist, a later page (50)", laterWorklist);
        Row("GET /api/screened-out, first page (50)", firstScreened);
        Row("GET /api/screened-out, a later page (50)", laterScreened);
        Row("GET /api/people?email=", people);
        Row("GET /api/stats (30 days)", stats);
        foreach (var (name, times) in azuriteAlone)
        {
            Row(name, times);
        }
        Console.WriteLine();
        foreach (var (route, size) in bytes)
        {
            Console.WriteLine($"Answer size of {route}: {size:N0} bytes");
        }
        var quietBeforeThroughput = await ProcessQuiet.WaitAsync([azurite.ProcessId, host.ProcessId], QuietAtMost);
        Console.Error.WriteLine($"== Pre-check throughput at {n} stored ({posts} posts, C = 16; quiet after {quietBeforeThroughput:0} s)");
        string full;
        try
        {
            cpu = new CpuShare(azurite.ProcessId, host.ProcessId);
            var rate = await throughput(host, azurite.ConnectionString, Workload.Make(posts, today, seed: 2));
            var fullCpu = cpu.PerItem(posts);
            full = $"at {n} stored {rate:0.0}/s (ratio {rate / empty:0.00}); CPU a submission, Azurite / local host: " +
                $"empty store {emptyCpu.Azurite:0.0} / {emptyCpu.Host:0.0} ms, at {n} stored {fullCpu.Azurite:0.0} / {fullCpu.Host:0.0} ms";
        }
        catch (InvalidOperationException e)
        {
            // Said, not thrown: the reads above are kept (a store too slow for the posts is itself a finding).
            full = $"at {n} stored: the run failed ({e.Message})";
        }
        // What the one-off indexing of a store of before the index costs: the same pass over every line, each already indexed.
        Console.Error.WriteLine($"== The funnel indexing pass over every line");
        await tables.GetTableClient(StorageNames.FunnelTable).DeleteEntityAsync("~index", "months");
        var indexWatch = Stopwatch.StartNew();
        var indexed = await new FunnelIndexing(new TableFunnelIndex(tables), new TablePassOutcomes(tables), calendar).RunAsync(CancellationToken.None);
        Console.WriteLine($"Funnel indexing pass over {indexed.Items} lines: {indexWatch.Elapsed.TotalSeconds:0} s ({indexed.Failures.Count} failed)");
        Console.WriteLine($"Pre-check throughput over HTTP: empty store {empty:0.0}/s, {full}");
        Console.WriteLine($"Local host peak working set: {StatusKilobytes(host.ProcessId, "VmHWM:")} kB");
        Console.WriteLine($"Azurite (Node, one process for blob, queue and table): {Memory(azurite.ProcessId)}");
        if (shelving)
        {
            await TimeShelvingAsync(tables, digests, calendar);
        }
        return 0;
    }

    // What the one-off ShelveLines pass costs a store of before the shelves: every line is put back where
    // that version kept it (teamlists, partition lists, by transactions of 100), the shelves are dropped,
    // and the pass moves every line onto its shelf again, settling each record anew. Last, and bounded:
    // if it is cut off, the lines it left are counted.
    private static async Task TimeShelvingAsync(TableServiceClient tables, PersonDigests digests, SiteCalendar calendar)
    {
        Console.Error.WriteLine("== The ShelveLines pass over every line put back in teamlists");
        var teamLists = tables.GetTableClient(StorageNames.TeamListsTable);
        var shelves = new List<string>();
        foreach (var list in new[] { TeamList.Worklist, TeamList.ScreenedOut })
        {
            shelves.AddRange(await ListShelves.NamesAsync(tables, list, CancellationToken.None));
        }
        var unshelved = 0;
        foreach (var shelf in shelves)
        {
            var batch = new List<TableTransactionAction>(100);
            await foreach (var line in tables.GetTableClient(shelf).QueryAsync<TableEntity>())
            {
                var copy = new TableEntity(line.PartitionKey, line.RowKey);
                foreach (var (key, value) in line.Where(p => p.Key is not ("odata.etag" or "Timestamp" or "PartitionKey" or "RowKey")))
                {
                    copy[key] = value;
                }
                batch.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, copy));
                if (batch.Count == 100)
                {
                    await teamLists.SubmitTransactionAsync(batch);
                    unshelved += batch.Count;
                    batch.Clear();
                }
            }
            if (batch.Count > 0)
            {
                await teamLists.SubmitTransactionAsync(batch);
                unshelved += batch.Count;
            }
            await tables.DeleteTableAsync(shelf);
        }
        var lists = new TableTeamLists(tables, digests);
        var store = new TableSubmissionStore(tables);
        var pass = new LineShelving(lists, store, new SubmissionChanges(store, lists, new NoAlerts(), calendar), new TablePassOutcomes(tables), calendar);
        using var bound = new CancellationTokenSource(TimeSpan.FromMinutes(30));
        var watch = Stopwatch.StartNew();
        try
        {
            var tally = await pass.RunAsync(bound.Token);
            Console.WriteLine($"ShelveLines pass over {unshelved} lines put back in teamlists ({shelves.Count} shelves dropped): {tally.Items} lines in {watch.Elapsed.TotalSeconds:0} s ({tally.Items / watch.Elapsed.TotalSeconds:0}/s), {tally.Failures.Count} failed");
        }
        catch (OperationCanceledException)
        {
            var left = 0;
            await foreach (var page in lists.PagesAsync(1000, CancellationToken.None))
            {
                left += page.Count;
            }
            Console.WriteLine($"ShelveLines pass over {unshelved} lines put back in teamlists: cut off after {watch.Elapsed.TotalSeconds:0} s with {left} lines left ({(unshelved - left) / watch.Elapsed.TotalSeconds:0}/s)");
        }
    }

    // A process's resident set now and at its peak: Azurite keeps the whole store in its Node heap, whose
    // default limit on this machine is about 4.3 GB.
    private static string Memory(int processId) =>
        $"resident {StatusKilobytes(processId, "VmRSS:") / 1024:N0} MB, peak {StatusKilobytes(processId, "VmHWM:") / 1024:N0} MB";

    // A memory field of a process's /proc status, in kB.
    private static long StatusKilobytes(int processId, string field) => long.Parse(File.ReadAllLines($"/proc/{processId}/status")
        .First(l => l.StartsWith(field, StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);

    private static void Row(string name, double[] sorted) =>
        Console.WriteLine($"| {name} | {Pct(sorted, 50):0} | {Pct(sorted, 95):0} | {sorted[^1]:0} | {sorted.Length} |");

    private static double Pct(double[] sorted, int p) => sorted[Math.Clamp((int)Math.Ceiling(p / 100.0 * sorted.Length) - 1, 0, sorted.Length - 1)];

    // Each request alone, one after another, as a coordinator's page asks; every answer must be a 200.
    private static async Task<double[]> TimeAsync(HttpClient staff, Func<int, string> route, int count = Reads)
    {
        var times = new double[count];
        for (var i = 0; i < count; i++)
        {
            times[i] = await TimeOneAsync(staff, route(i));
        }
        return [.. times.Order()];
    }

    // Rounds of one request of each route in turn, every answer a 200: a pause of Azurite's or the host's
    // falls on all routes alike, not on whichever was measured at the time. The first rounds are not timed
    // (the host compiles a route's code on its first calls). The times of each route, sorted.
    private static async Task<double[][]> TimeRoundsAsync(HttpClient staff, params Func<int, string>[] routes)
    {
        var times = routes.Select(_ => new double[Reads]).ToArray();
        for (var round = -WarmUpRounds; round < Reads; round++)
        {
            for (var r = 0; r < routes.Length; r++)
            {
                var elapsed = await TimeOneAsync(staff, routes[r](Math.Max(round, 0)));
                if (round >= 0)
                {
                    times[r][round] = elapsed;
                }
            }
        }
        return [.. times.Select(t => t.Order().ToArray())];
    }

    private static async Task<double> TimeOneAsync(HttpClient staff, string route)
    {
        var watch = Stopwatch.StartNew();
        using var response = await staff.GetAsync(route);
        await response.Content.ReadAsByteArrayAsync();
        var elapsed = watch.Elapsed.TotalMilliseconds;
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"GET {route} answered {(int)response.StatusCode}");
        }
        return elapsed;
    }

    // The storage requests of a page, made by the SDK straight to Azurite, one page after another: the
    // share of a page's time that is Azurite's: the list of a list's shelves (a query of the table service),
    // the query of its first shelf, and the page's contact reads.
    private static async Task<(string Name, double[] Times)[]> AzuriteAloneAsync(TableServiceClient tables)
    {
        async Task<(double[] Shelves, double[] Times, List<string> Ids)> QueryAsync(TeamList list, string prefix)
        {
            var shelfTimes = new double[Reads];
            var times = new double[Reads];
            var ids = new List<string>();
            for (var i = 0; i < Reads; i++)
            {
                ids.Clear();
                var watch = Stopwatch.StartNew();
                var first = (await ListShelves.NamesAsync(tables, list, CancellationToken.None))[0];
                shelfTimes[i] = watch.Elapsed.TotalMilliseconds;
                watch.Restart();
                await foreach (var line in tables.GetTableClient(first).QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {"lists"} and RowKey ge {prefix} and RowKey lt {prefix + "~"}"), maxPerPage: 51))
                {
                    ids.Add(line.GetString("Id"));
                    if (ids.Count > 50)
                    {
                        break;
                    }
                }
                times[i] = watch.Elapsed.TotalMilliseconds;
            }
            return ([.. shelfTimes.Order()], [.. times.Order()], ids);
        }
        var worklist = await QueryAsync(TeamList.Worklist, "w-");
        var screened = await QueryAsync(TeamList.ScreenedOut, "s-");
        var contacts = new double[Reads];
        for (var i = 0; i < Reads; i++)
        {
            var watch = Stopwatch.StartNew();
            await Parallel.ForEachAsync(screened.Ids.Take(50), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (id, token) =>
                await tables.GetTableClient(SubmissionTables.NameFor(id)).GetEntityIfExistsAsync<TableEntity>(id, "contact-" + id, cancellationToken: token));
            contacts[i] = watch.Elapsed.TotalMilliseconds;
        }
        return
        [
            ("Azurite alone: the list of the worklist's shelves", worklist.Shelves),
            ("Azurite alone: the worklist page's query of its first shelf (51 lines)", worklist.Times),
            ("Azurite alone: the screened-out page's query of its first shelf (51 lines)", screened.Times),
            ("Azurite alone: a page's 50 contact reads, 16 at a time", [.. contacts.Order()]),
        ];
    }

    // The cursors of the first pages of a list, to time later pages with.
    private static async Task<List<string>> CursorsAsync(HttpClient staff, string route, int pages)
    {
        var cursors = new List<string>();
        string? next = null;
        do
        {
            var page = (await staff.GetFromJsonAsync<JsonObject>(next is null ? route : $"{route}?cursor={Uri.EscapeDataString(next)}"))!;
            next = (string?)page["next"];
            if (next is not null)
            {
                cursors.Add(next);
            }
        }
        while (next is not null && cursors.Count < pages);
        return cursors;
    }

    // Submissions as intake and the pre-check store them, each with its own receipt time over the last two
    // years (its pre-check's "today" is its receipt date), people of their own (a random date of birth: a
    // real population does not share one). Of those the pre-check puts on the worklist, enough are closed
    // by the team (Declined, Enrolled, NotEligible) that about 5% of all stay open.
    internal static async Task<List<string>> SeedAsync(string connection, PersonDigests digests, int n, DateOnly today, Func<string>? progress = null)
    {
        var storage = new StorageConnection(connection, null, null, null);
        var tables = storage.CreateTableServiceClient(new TableClientOptions());
        var store = new TableSubmissionStore(tables);
        var lists = new TableTeamLists(tables, digests);
        var pending = new TableTeamLists(tables, digests);
        var linking = new PersonLinking(new TableTeamLists(tables, digests));
        var alerts = new NoAlerts(); // The running host would try to e-mail every urgent seed.
        var engine = new PrecheckEngine(RuleSet.Nct03737695);
        var emails = new System.Collections.Concurrent.ConcurrentBag<string>();
        var open = 0;
        var done = 0;
        var start = new DateTimeOffset(today.AddDays(-730).ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);
        await Parallel.ForEachAsync(Enumerable.Range(0, n), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, ct) =>
        {
            var random = new Random(i);
            var at = start.AddSeconds(730.0 * 86_400 * i / n + random.Next(60));
            var calendar = SiteCalendar.For(SiteCalendar.DefaultTimeZoneId, new FixedClock(at));
            var day = calendar.Today;
            var (route, body) = Workload.Item(i, day, random);
            body["answers"]!["dateOfBirth"] = day.AddDays(-random.Next(20 * 365, 85 * 365)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var kind = route == "/api/referrals" ? SubmissionKind.Referral : SubmissionKind.SelfScreening;
            var errors = new FieldErrors();
            using var json = JsonDocument.Parse(body.ToJsonString());
            var draft = SubmissionReader.Read(json.RootElement, kind, day, errors)
                ?? throw new InvalidOperationException($"Seed {i} does not read: {string.Join(", ", errors.ToDictionary().Keys)}");
            var closeIt = false;
            // Azurite under load may drop a connection: the item is taken up again, which the intake and the
            // pre-check allow (the same draft twice is stored once; one routed already is settled again).
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    var changes = new SubmissionChanges(store, lists, alerts, calendar);
                    await new SubmissionIntake(store, pending, new NoQueue(), calendar, digests).AcceptAsync(draft, ct);
                    await new PrecheckRouting(changes, linking, engine).HandleAsync(draft.Id!, ct);
                    if (attempt == 1 && (await store.GetAsync(draft.Id!, ct))!.List == TeamList.Worklist)
                    {
                        closeIt = Interlocked.Increment(ref open) > n / 20;
                    }
                    if (closeIt)
                    {
                        var closed = new[] { TeamStatus.Declined, TeamStatus.Enrolled, TeamStatus.NotEligible }[i % 3];
                        await new TeamActions(changes, linking, engine, calendar).SetTeamStatusAsync(draft.Id!, closed, null, "bench", ct);
                    }
                    break;
                }
                catch (Exception) when (attempt < 5)
                {
                    await Task.Delay(TimeSpan.FromSeconds(attempt), ct);
                }
            }
            if (draft.Contact.Email is { } email)
            {
                emails.Add(email);
            }
            if (Interlocked.Increment(ref done) % 2000 == 0)
            {
                Console.Error.WriteLine($"  {done}/{n} seeded {progress?.Invoke()}");
            }
        });
        return [.. emails];
    }

    // The CPU time Azurite and the local host spend from its making to PerItem, per item of the work between:
    // which of the two a fall in throughput is spent in (Azurite is one Node thread: its CPU a submission
    // bounds the rate).
    private sealed class CpuShare(int azurite, int host)
    {
        private readonly double _azurite = ProcessQuiet.CpuSeconds(azurite);
        private readonly double _host = ProcessQuiet.CpuSeconds(host);

        public (double Azurite, double Host) PerItem(int items) =>
            ((ProcessQuiet.CpuSeconds(azurite) - _azurite) * 1000 / items, (ProcessQuiet.CpuSeconds(host) - _host) * 1000 / items);
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private sealed class NoAlerts : IAlertQueue
    {
        public Task EnqueueAsync(AlertRequest alert, CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private sealed class NoQueue : IPrecheckQueue
    {
        public Task EnqueueAsync(string submissionId, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
