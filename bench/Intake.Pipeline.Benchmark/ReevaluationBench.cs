using System.Diagnostics;
using System.Globalization;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Intake.Functions.Storage;
using Intake.Testing;

namespace Intake.Pipeline.Benchmark;

/// <summary>
/// The hourly re-evaluation on Azurite (docs/performance.md, "The hourly re-evaluation"): seeds N
/// open worklist items through the app's own storage classes, then on the next day runs one pass
/// as it is now (only the lines due that day, paged, a few at a time) and one that reads every
/// open item one after the other (as the pass did before), each alone (its storage requests,
/// counted by its own clients, and its duration) and again beside a stream of staff reads (the
/// worklist and single submissions, as the team page reads them, each reader pausing 200 ms
/// between reads), whose latency is compared with the same stream just before, with no pass.
///   dotnet run -c Release --project bench/Intake.Pipeline.Benchmark -- --reevaluation [--n 2000] [--readers 2] [--concurrency 4]
/// With <c>--stream R</c> (issue 16) the staff reads give way to a stream of R submissions a second over HTTP to
/// the local host on the same Azurite, whose POST-to-list is timed with no pass and beside each pass
/// (<see cref="RunBesideStreamAsync"/>).
///   dotnet run -c Release --project bench/Intake.Pipeline.Benchmark -- --reevaluation --n 10000 --stream 20 [--concurrency 4]
/// </summary>
internal static class ReevaluationBench
{
    private static readonly PersonDigests PersonDigestsForBench = new(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    private static readonly DateTimeOffset SeedTime = new(2026, 11, 26, 18, 0, 0, TimeSpan.Zero);

    public static async Task<int> RunAsync(int n, int readers, int concurrency, double? stream = null)
    {
        if (stream is { } rate)
        {
            // Issue 16: the pass beside a stream of submissions over HTTP, not beside staff reads.
            return await RunBesideStreamAsync(n, concurrency, rate);
        }
        await using var azurite = await Azurite.StartAsync();
        var (tables, queues, passTables, passQueues, counter) = await ClientsAsync(azurite.ConnectionString);
        var clock = new BenchClock(SeedTime);
        var calendar = SiteCalendar.For(SiteCalendar.DefaultTimeZoneId, clock);
        var engine = new PrecheckEngine(RuleSet.Nct03737695);
        var store = new TableSubmissionStore(tables);
        var lists = new TableTeamLists(tables, PersonDigestsForBench);
        var pending = new TableTeamLists(tables, PersonDigestsForBench);
        var changes = new SubmissionChanges(store, lists, new QueueAlertQueue(queues), calendar);
        var intake = new SubmissionIntake(store, pending, new NoQueue(), calendar, PersonDigestsForBench);
        var routing = new PrecheckRouting(changes, new PersonLinking(new TableTeamLists(tables, PersonDigestsForBench)), engine);

        Console.Error.WriteLine($"== Seeding {n} open worklist items through the storage classes");
        var ids = await SeedAsync(n, intake, routing, calendar.Today);
        clock.Advance(TimeSpan.FromDays(1));
        var passLists = new TableTeamLists(passTables, PersonDigestsForBench);
        var passChanges = new SubmissionChanges(new TableSubmissionStore(passTables), passLists, new QueueAlertQueue(passQueues), calendar);

        var rows = new List<string>();
        foreach (var (name, everyItem, degree) in new[] { ("due lines only, paged (now)", false, concurrency), ("every open item, one by one (before)", true, 1) })
        {
            Reevaluation Pass() => new(passLists, passChanges, engine, calendar, everyItem ? new NoOutcomes() : new OneOutcome()) { MaxConcurrency = degree };
            Console.Error.WriteLine($"== Pass: {name}");
            var before = counter.Count;
            var watch = Stopwatch.StartNew();
            var report = await Pass().RunAsync(CancellationToken.None);
            var alone = watch.Elapsed;
            var requests = counter.Count - before;
            Console.Error.WriteLine("== Staff reads with no pass");
            var quiet = await StaffReadsAsync(lists, store, ids, readers, TimeSpan.FromSeconds(10), null);
            Console.Error.WriteLine($"== Pass: {name}, beside staff reads");
            using var passDone = new CancellationTokenSource();
            var passing = Task.Run(async () =>
            {
                try
                {
                    return await Pass().RunAsync(CancellationToken.None);
                }
                finally
                {
                    await passDone.CancelAsync();
                }
            });
            var busy = await StaffReadsAsync(lists, store, ids, readers, TimeSpan.FromSeconds(10), passDone.Token);
            await passing;
            rows.Add($"| {name} | {report.Evaluated} | {report.Changed} | {requests} | {alone.TotalSeconds:0.00} | {quiet} {busy}");
        }

        Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}; N = {n} open worklist items, {readers} staff readers");
        Console.WriteLine();
        Console.WriteLine("| pass | items read | changed | storage requests | duration alone (s) | staff reads just before, no pass | staff reads beside the pass |");
        Console.WriteLine("|---|---:|---:|---:|---:|---|---|");
        rows.ForEach(Console.WriteLine);
        return 0;
    }

    /// <summary>
    /// Issue 16: the pass beside a stream of <paramref name="rate"/> submissions a second. The store is seeded
    /// as above, but as of yesterday (the site's day before the machine's), so that the pass runs on the
    /// local host's own day; then the local host (the service as a newcomer runs it) is started on the same
    /// Azurite with its own hourly pass held off (the bench runs the pass, in-process, counted), and the
    /// bench posts to it over HTTP on a timer schedule (an open loop: it never waits for an answer before
    /// the next post). Each submission's POST-to-list runs from sending the POST until its line is seen on a
    /// list (the throughput run's watcher of the lists' lines, looking every <see cref="WatchEvery"/>).
    /// Windows, one after another, each drained before the next: a warm-up (not printed), a baseline with no
    /// pass, then for each pass (as now, then every open item one by one) the stream from the pass's start
    /// until it ends, and at least <see cref="LeastBeside"/>.
    /// </summary>
    private static async Task<int> RunBesideStreamAsync(int n, int concurrency, double rate)
    {
        await using var azurite = await Azurite.StartAsync();
        var (tables, queues, passTables, passQueues, counter) = await ClientsAsync(azurite.ConnectionString);
        // The host's person key: its pre-check finds the seeded people (and the seeds its people) by the same digests.
        var digests = new PersonDigests(System.Text.Encoding.UTF8.GetBytes(LocalHostProcess.PersonKeyFor(azurite.ConnectionString)));
        // A day before the machine's time: the pass, a day later, runs on the host's own day (unless the
        // site's midnight falls within the run).
        var clock = new BenchClock(DateTimeOffset.UtcNow.AddDays(-1));
        var calendar = SiteCalendar.For(SiteCalendar.DefaultTimeZoneId, clock);
        var engine = new PrecheckEngine(RuleSet.Nct03737695);
        var store = new TableSubmissionStore(tables);
        var lists = new TableTeamLists(tables, digests);
        var changes = new SubmissionChanges(store, lists, new QueueAlertQueue(queues), calendar);
        var intake = new SubmissionIntake(store, new TableTeamLists(tables, digests), new NoQueue(), calendar, digests);
        var routing = new PrecheckRouting(changes, new PersonLinking(new TableTeamLists(tables, digests)), engine);

        Console.Error.WriteLine($"== Seeding {n} open worklist items through the storage classes");
        await SeedAsync(n, intake, routing, calendar.Today);
        clock.Advance(TimeSpan.FromDays(1));
        var passLists = new TableTeamLists(passTables, digests);
        var passChanges = new SubmissionChanges(new TableSubmissionStore(passTables), passLists, new QueueAlertQueue(passQueues), calendar);

        // The host's hourly pass (at five past) would run over the same items at an hour of its own: it is
        // moved two days ahead, beyond any run (a schedule that never fires would be a date that does not exist).
        var held = DateTime.UtcNow.AddDays(2);
        Console.Error.WriteLine("== Starting the local host on the same Azurite");
        await using var host = await LocalHostProcess.StartAsync(azurite.ConnectionString, new Dictionary<string, string?>
        {
            ["LocalHost__Schedules__Reevaluate"] = string.Create(CultureInfo.InvariantCulture, $"0 0 0 {held.Day} {held.Month} *"),
        });
        await using var watcher = new ListWatcher(azurite.ConnectionString);
        var hostToday = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById(SiteCalendar.DefaultTimeZoneId)).DateTime);
        var random = new Random(16);
        var made = 0;
        (string Route, System.Text.Json.Nodes.JsonObject Body) Next() => Workload.Item(made++, hostToday, random);

        var loadAtStart = LoadAverage();
        Console.Error.WriteLine($"== Warm-up: {rate:0.#} submissions/s for {Warmup.TotalSeconds:0} s (not printed)");
        await StreamAsync(host, watcher, Next, rate, Warmup, null);
        Console.Error.WriteLine($"== Baseline: {rate:0.#} submissions/s for {Baseline.TotalSeconds:0} s, no pass");
        var rows = new List<string> { Row("baseline, no pass", await StreamAsync(host, watcher, Next, rate, Baseline, null), null) };
        // Each row as soon as it is measured too: a run stopped before the end keeps what it measured.
        Console.Error.WriteLine(rows[^1]);
        foreach (var (name, everyItem, degree) in new[] { ("due lines only, paged (now)", false, concurrency), ("every open item, one by one (before)", true, 1) })
        {
            Console.Error.WriteLine($"== Pass: {name}, beside {rate:0.#} submissions/s");
            var pass = new Reevaluation(passLists, passChanges, engine, calendar, everyItem ? new NoOutcomes() : new OneOutcome()) { MaxConcurrency = degree };
            var before = counter.Count;
            var watch = Stopwatch.StartNew();
            var passing = Task.Run(async () =>
            {
                var report = await pass.RunAsync(CancellationToken.None);
                return (Report: report, Duration: watch.Elapsed, Requests: counter.Count - before);
            });
            var window = await StreamAsync(host, watcher, Next, rate, LeastBeside, passing);
            var (passReport, duration, requests) = await passing;
            rows.Add(Row($"beside the pass: {name}", window, string.Create(CultureInfo.InvariantCulture, $"{passReport.Evaluated} | {passReport.Changed} | {requests} | {duration.TotalSeconds:0.00}")));
            Console.Error.WriteLine(rows[^1]);
        }
        var loadAtEnd = LoadAverage();
        var peak = File.ReadAllLines($"/proc/{host.ProcessId}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        var looks = watcher.LookTimes();

        Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}; Azurite in memory; N = {n} open worklist items; a stream of {rate:0.#} submissions/s (open loop, the workload's mix) over HTTP to the local host on the same Azurite; load average (1 min) {loadAtStart} when the stream started, {loadAtEnd} at the end");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"POST to list: from sending the POST until the watcher sees the submission's line on a list (it looks every {WatchEvery.TotalMilliseconds:0} ms; its looks took p50 {Pct(looks, 50):0} ms, p95 {Pct(looks, 95):0} ms, {looks.Length} looks); not listed: not within {ListCap.TotalSeconds:0} s of its POST, or its POST not answered 202"));
        Console.WriteLine();
        Console.WriteLine("| window | seconds | posted | not listed | POST p50 / p95 / max (ms) | POST to list p50 / p95 / max (ms) | pass: items read | changed | storage requests | duration (s) |");
        Console.WriteLine("|---|---:|---:|---:|---|---|---:|---:|---:|---:|");
        rows.ForEach(Console.WriteLine);
        Console.WriteLine();
        Console.WriteLine($"Local host peak working set: {peak?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]} kB (VmHWM)");
        return 0;
    }

    // The store's tables and queues created, the clients of the run, and the pass's own clients, which
    // count its requests (retries included).
    private static async Task<(TableServiceClient Tables, QueueServiceClient Queues, TableServiceClient PassTables, QueueServiceClient PassQueues, RequestCounter Counter)> ClientsAsync(string connectionString)
    {
        var connection = new StorageConnection(connectionString, null, null, null);
        var tables = connection.CreateTableServiceClient(new TableClientOptions());
        var queues = connection.CreateQueueServiceClient(new QueueClientOptions());
        foreach (var table in StorageNames.Tables)
        {
            await tables.CreateTableIfNotExistsAsync(table);
        }
        foreach (var queue in StorageNames.Queues)
        {
            await queues.CreateQueueAsync(queue);
        }
        var counter = new RequestCounter();
        var passTableOptions = new TableClientOptions();
        passTableOptions.AddPolicy(counter, HttpPipelinePosition.PerRetry);
        var passQueueOptions = new QueueClientOptions();
        passQueueOptions.AddPolicy(counter, HttpPipelinePosition.PerRetry);
        return (tables, queues, connection.CreateTableServiceClient(passTableOptions), connection.CreateQueueServiceClient(passQueueOptions), counter);
    }

    private static readonly TimeSpan Warmup = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Baseline = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan LeastBeside = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan WatchEvery = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan ListCap = TimeSpan.FromSeconds(60);

    // The machine is shared: how busy it was is part of the figures.
    private static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";

    private static string Row(string name, StreamWindow w, string? pass) => string.Create(CultureInfo.InvariantCulture,
        $"| {name} | {w.Seconds:0.0} | {w.Posted} | {w.NotListed} | {Pct(w.Posts, 50):0} / {Pct(w.Posts, 95):0} / {Max(w.Posts):0} | {Pct(w.Listed, 50):0} / {Pct(w.Listed, 95):0} / {Max(w.Listed):0} | {pass ?? "| | |"} |");

    private static double Pct(double[] sorted, int p) => sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p / 100.0 * sorted.Length) - 1, 0, sorted.Length - 1)];

    private static double Max(double[] sorted) => sorted.Length == 0 ? double.NaN : sorted[^1];

    // Posts on a timer schedule, `rate` a second, for at least `least` and until `until` has ended; then waits
    // for every post's answer and listing (each capped at ListCap), so that the next window starts drained.
    private static async Task<StreamWindow> StreamAsync(LocalHostProcess host, ListWatcher watcher, Func<(string Route, System.Text.Json.Nodes.JsonObject Body)> next, double rate, TimeSpan least, Task? until)
    {
        var clock = Stopwatch.StartNew();
        var sends = new List<Task<(double Post, double? Listed)>>();
        for (var i = 0; ; i++)
        {
            var due = TimeSpan.FromSeconds(i / rate);
            if (due >= least && (until is null || until.IsCompleted))
            {
                break;
            }
            var wait = due - clock.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }
            var (route, body) = next();
            // Not awaited: the schedule, not the answers, paces the posts.
            sends.Add(Task.Run(() => PostAsync(host, watcher, route, body)));
        }
        var seconds = clock.Elapsed.TotalSeconds;
        var sent = await Task.WhenAll(sends);
        if (until is not null)
        {
            await until;
        }
        return new StreamWindow(
            seconds,
            sent.Length,
            sent.Count(s => s.Listed is null),
            [.. sent.Select(s => s.Post).Order()],
            [.. sent.Where(s => s.Listed is not null).Select(s => s.Listed!.Value).Order()]);
    }

    private static async Task<(double Post, double? Listed)> PostAsync(LocalHostProcess host, ListWatcher watcher, string route, System.Text.Json.Nodes.JsonObject body)
    {
        var id = (string)body["id"]!;
        var listed = watcher.Expect(id);
        var start = Stopwatch.GetTimestamp();
        double post;
        int status;
        try
        {
            using var response = await host.Client.PostAsync(route, new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));
            post = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            status = (int)response.StatusCode;
        }
        catch (HttpRequestException)
        {
            post = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            status = 0;
        }
        if (status != 202)
        {
            Console.Error.WriteLine($"  POST {route} answered {status}");
            watcher.Forget(id);
            return (post, null);
        }
        if (await Task.WhenAny(listed, Task.Delay(ListCap)) != listed)
        {
            watcher.Forget(id);
            return (post, null);
        }
        return (post, Stopwatch.GetElapsedTime(start, await listed).TotalMilliseconds);
    }

    private sealed record StreamWindow(double Seconds, int Posted, int NotListed, double[] Posts, double[] Listed);

    /// <summary>
    /// The throughput run's watcher: the funnel rows each listing writes just after its line, read straight
    /// from the month's table, only those written since its last look (by Timestamp, two seconds' overlap),
    /// every <see cref="WatchEvery"/>; a submission expected is listed when its row is first seen.
    /// </summary>
    private sealed class ListWatcher : IAsyncDisposable
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, TaskCompletionSource<long>> _expected = new(StringComparer.Ordinal);
        private readonly System.Collections.Concurrent.ConcurrentQueue<double> _looks = new();
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _loop;

        public ListWatcher(string connection)
        {
            var tables = new TableServiceClient(connection);
            _loop = Task.Run(async () =>
            {
                var since = DateTimeOffset.UtcNow.AddMinutes(-1);
                while (!_stop.IsCancellationRequested)
                {
                    var looked = DateTimeOffset.UtcNow;
                    var watch = Stopwatch.StartNew();
                    try
                    {
                        // The funnel row a listing writes just after the line, in the table of its receipt month
                        // (today's and, past midnight UTC, yesterday's): the lines themselves are on many shelves.
                        var filter = TableClient.CreateQueryFilter($"Timestamp ge {since}");
                        foreach (var month in new[] { looked, looked.AddDays(-1) }.Select(Intake.Functions.Storage.TableFunnelIndex.MonthTableName).Distinct())
                        {
                            try
                            {
                                await foreach (var row in tables.GetTableClient(month).QueryAsync<TableEntity>(filter, select: ["RowKey"], cancellationToken: _stop.Token))
                                {
                                    if (_expected.TryRemove(row.RowKey, out var listed))
                                    {
                                        listed.TrySetResult(Stopwatch.GetTimestamp());
                                    }
                                }
                            }
                            catch (Azure.RequestFailedException e) when (e.Status == 404)
                            {
                                // No funnel table for that month (yet).
                            }
                        }
                        since = looked.AddSeconds(-2);
                        _looks.Enqueue(watch.Elapsed.TotalMilliseconds);
                        await Task.Delay(WatchEvery, _stop.Token);
                    }
                    catch (OperationCanceledException) when (_stop.IsCancellationRequested)
                    {
                        return;
                    }
                }
            });
        }

        /// <summary>The moment (<see cref="Stopwatch.GetTimestamp"/>) <paramref name="id"/> is first seen listed.</summary>
        public Task<long> Expect(string id) =>
            _expected.GetOrAdd(id, _ => new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

        public void Forget(string id) => _expected.TryRemove(id, out _);

        /// <summary>How long each look took (ms), sorted.</summary>
        public double[] LookTimes() => [.. _looks.Order()];

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await _loop;
            _stop.Dispose();
        }
    }

    // Open worklist items as intake meets them: the baseline, some with a clinical biopsy 15 to 60 days
    // ahead (so none is urgent yet; those 15 days ahead enter the urgent window tomorrow), some referrals.
    private static async Task<string[]> SeedAsync(int n, SubmissionIntake intake, PrecheckRouting routing, DateOnly today)
    {
        var ids = new string[n];
        var done = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, n), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, ct) =>
        {
            var id = Guid.NewGuid().ToString("D");
            // Each person born on a day of their own (20 to 85 years before), as a real population is: one
            // date of birth shared by every seed would make every link read that date's whole row.
            var answers = SpecExamples.Baseline with
            {
                ScheduledClinicalBiopsy = i % 10 < 4 ? new ScheduledClinicalBiopsy(Site.Liver, today.AddDays(15 + (i % 46))) : null,
                DateOfBirth = today.AddDays(-new Random(i).Next(20 * 365, 85 * 365)),
            };
            var contact = new Contact($"Bench Patient {i}", $"bench{i}@example.org", null, "en");
            await intake.AcceptAsync(new SubmissionDraft(id, SubmissionKind.SelfScreening, answers, contact, null), ct);
            if (await routing.HandleAsync(id, ct) != RoutingOutcome.Routed)
            {
                throw new InvalidOperationException($"Seeded submission {id} was not routed.");
            }
            ids[i] = id;
            var count = Interlocked.Increment(ref done);
            if (count % 250 == 0)
            {
                Console.Error.WriteLine($"  {count}/{n} seeded");
            }
        });
        return ids;
    }

    // Staff reads, back to back by each reader, for `length` or until `until` fires: the worklist's first page
    // (as the team page loads it) and one submission's file, by turns.
    private static async Task<string> StaffReadsAsync(TableTeamLists lists, TableSubmissionStore store, string[] ids, int readers, TimeSpan length, CancellationToken? until)
    {
        var latencies = new System.Collections.Concurrent.ConcurrentBag<double>();
        var stop = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, readers).Select(r => Task.Run(async () =>
        {
            var random = new Random(r);
            var i = 0;
            while (until is { } token ? !token.IsCancellationRequested && stop.Elapsed < TimeSpan.FromMinutes(5) : stop.Elapsed < length)
            {
                var watch = Stopwatch.StartNew();
                if (i++ % 2 == 0)
                {
                    await lists.PageAsync(TeamList.Worklist, new WorklistFilter(), WorklistPage.DefaultLimit, null, CancellationToken.None);
                }
                else
                {
                    await store.GetFileAsync(ids[random.Next(ids.Length)], CancellationToken.None);
                }
                latencies.Add(watch.Elapsed.TotalMilliseconds);
                // A person reads, then looks at what was read: pacing the load, not synchronising.
                await Task.Delay(200);
            }
        })));
        var sorted = latencies.Order().ToArray();
        double Pct(int p) => sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p / 100.0 * sorted.Length) - 1, 0, sorted.Length - 1)];
        return string.Create(CultureInfo.InvariantCulture, $"{sorted.Length} reads in {stop.Elapsed.TotalSeconds:0.0} s, p50 {Pct(50):0} ms, p95 {Pct(95):0} ms, max {(sorted.Length == 0 ? double.NaN : sorted[^1]):0} ms |");
    }

    /// <summary>Counts the requests of the clients it is added to.</summary>
    private sealed class RequestCounter : HttpPipelinePolicy
    {
        private int _count;

        public int Count => _count;

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            Interlocked.Increment(ref _count);
            ProcessNext(message, pipeline);
        }

        public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            Interlocked.Increment(ref _count);
            return ProcessNextAsync(message, pipeline);
        }
    }

    /// <summary>The site's clock, moved by the benchmark.</summary>
    private sealed class BenchClock(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset _now = start;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }

    /// <summary>The pre-check queue is not what is measured: seeding hands off by hand.</summary>
    private sealed class NoQueue : IPrecheckQueue
    {
        public Task EnqueueAsync(string submissionId, CancellationToken cancellationToken) => Task.CompletedTask;
    }

    /// <summary>No pass has run: the pass reads every open item.</summary>
    private sealed class NoOutcomes : IPassOutcomes
    {
        public Task RecordAsync(PassOutcome outcome, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task<IReadOnlyList<PassOutcome>> ReadAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<PassOutcome>>([]);
    }

    /// <summary>A pass ran before: the pass reads the due lines only.</summary>
    private sealed class OneOutcome : IPassOutcomes
    {
        public Task RecordAsync(PassOutcome outcome, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task<IReadOnlyList<PassOutcome>> ReadAsync(CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<PassOutcome>>([new PassOutcome(PassOutcome.Reevaluate, DateTimeOffset.MinValue, 0, 0)]);
    }
}
