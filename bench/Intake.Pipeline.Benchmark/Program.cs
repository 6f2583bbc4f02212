using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Intake.Pipeline.Benchmark;
using Intake.Testing;

// The pipeline beside the storage floor, in one run (docs/performance.md says how to read it).
//   dotnet run -c Release --project bench/Intake.Pipeline.Benchmark -- [--n 2000] [--concurrency 16,64] [--rate 40] [--count-n 200] [--json]
//   dotnet run -c Release --project bench/Intake.Pipeline.Benchmark -- --reevaluation [--n 2000] [--readers 2] [--concurrency 4] [--stream 20]
//   dotnet run -c Release --project bench/Intake.Pipeline.Benchmark -- --large [--n 100000] [--posts 300] [--shelving]
//   dotnet run -c Release --project bench/Intake.Pipeline.Benchmark -- --count-only [--count-n 200] [--count-stored 10000]
// Without --rate each of C clients posts its next submission as soon as the last is answered (a
// closed loop: a burst as fast as the service accepts). With --rate R submissions arrive at R a
// second (an open loop), at most C in flight.
var n = Arg("--n", 2000);
if (args.Contains("--reevaluation"))
{
    // The hourly re-evaluation beside staff reads (ReevaluationBench).
    // With --stream R, beside R submissions a second over HTTP to the local host instead (issue 16).
    var stream = ArgText("--stream") is { } perSecond ? double.Parse(perSecond, CultureInfo.InvariantCulture) : (double?)null;
    return await ReevaluationBench.RunAsync(n, Arg("--readers", 2), Arg("--concurrency", 4), stream);
}
var rate = ArgText("--rate") is { } r ? double.Parse(r, CultureInfo.InvariantCulture) : (double?)null;
var concurrencies = (ArgText("--concurrency") ?? "16,64").Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture)).ToArray();
var countN = Arg("--count-n", 200);
var json = args.Contains("--json");
if (args.Contains("--large"))
{
    // Issue 16: the lists, the search, the stats and the throughput at a large store (LargeStoreBench).
    // The watcher reads the funnel rows of the month, not the lists: Azurite walks a whole table for a
    // query, and a look at the lists' table would cost in proportion to the store (most of Azurite's time
    // at 100,000, every half second), which is the measuring, not the service.
    return await LargeStoreBench.RunAsync(Arg("--n", 100_000), Arg("--posts", 300), args.Contains("--shelving"),
        async (host, connection, work) => (await RunServiceAsync(host, connection, work, 16, null, TimeSpan.FromMilliseconds(500))).Throughput);
}
var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("America/Chicago")).DateTime);
if (args.Contains("--count-only"))
{
    // Issue 16: the storage requests per submission alone, on a store already holding --count-stored
    // submissions (seeded through the storage classes, as the large-store run seeds), to show they do not grow.
    var stored = Arg("--count-stored", 0);
    Log($"== Storage requests per submission at {stored} stored (Azurite's request log, N = {countN}, C = 16)");
    var alone = await CountRequestsAsync(countN, today, stored);
    Console.WriteLine($"Storage requests per submission at {stored} stored (Azurite's log, idle polling of {alone.IdlePerSecond:0.0}/s subtracted): service {alone.Service:0.00}, floor {alone.Floor:0.00}.");
    return 0;
}
var results = new List<RunResult>();

foreach (var c in concurrencies)
{
    Log($"== C = {c}, N = {n}: the service (local host on Azurite)");
    await using (var azurite = await Azurite.StartAsync())
    await using (var host = await LocalHostProcess.StartAsync(azurite.ConnectionString))
    {
        var service = await RunServiceAsync(host, azurite.ConnectionString, Workload.Make(n, today), c, rate);
        var peak = PeakWorkingSetMb(host.ProcessId);
        Log($"== C = {c}, N = {n}: the storage floor (the SDK directly, same Azurite)");
        var floor = await RunFloorAsync(azurite.ConnectionString, n, c);
        results.Add(new RunResult(c, n, service, floor, peak));
    }
}

Log($"== Storage requests per submission (Azurite's request log, N = {countN}, C = 16)");
var counts = await CountRequestsAsync(countN, today);

Print(results, counts);
return 0;

// ---------------------------------------------------------------------------------------------

async Task<ServiceRun> RunServiceAsync(LocalHostProcess host, string connection, (string Route, JsonObject Body)[] work, int concurrency, double? arrivalRate, TimeSpan? watchEvery = null)
{
    var posted = new ConcurrentDictionary<string, long>();
    var listed = new ConcurrentDictionary<string, long>();
    var accept = new ConcurrentBag<double>();
    var clock = Stopwatch.StartNew();
    using var done = new CancellationTokenSource();
    // When a submission is listed: the row its first listing writes in the funnel table of its receipt month
    // just after its line (today's and, past midnight UTC, yesterday's), read straight from the table, only
    // the rows written since the last look (by Timestamp), so that watching costs the service nearly nothing
    // and never walks the lists (whose lines are on many shelves, docs/storage.md). These reads are left out
    // of the request count.
    var tables = new TableServiceClient(connection);
    var ids = work.Select(w => (string)w.Body["id"]!).ToHashSet(StringComparer.Ordinal);
    var watcher = Task.Run(async () =>
    {
        var since = DateTimeOffset.UtcNow.AddMinutes(-1);
        while (listed.Count < work.Length && !done.IsCancellationRequested)
        {
            var looked = DateTimeOffset.UtcNow;
            var looks = new[] { looked, looked.AddDays(-1) }.Select(Intake.Functions.Storage.TableFunnelIndex.MonthTableName).Distinct()
                .Select(month => (Table: month, Filter: TableClient.CreateQueryFilter($"Timestamp ge {since}"), Id: "RowKey"));
            foreach (var (table, filter, idProperty) in looks)
            {
                try
                {
                    await foreach (var line in tables.GetTableClient(table).QueryAsync<TableEntity>(filter, select: [idProperty]))
                    {
                        // Only this run's submissions: the store may hold others (LargeStoreBench).
                        var id = idProperty == "RowKey" ? line.RowKey : line.GetString(idProperty);
                        if (ids.Contains(id))
                        {
                            listed.TryAdd(id, clock.ElapsedTicks);
                        }
                    }
                }
                catch (Azure.RequestFailedException e) when (e.Status == 404)
                {
                    // No funnel table for that month (yet).
                }
            }
            since = looked.AddSeconds(-2);
            Progress(listed.Count, work.Length, "listed");
            await Task.Delay(watchEvery ?? TimeSpan.FromMilliseconds(20));
        }
    });
    using var slots = new SemaphoreSlim(concurrency);
    var posts = new List<Task>(work.Length);
    for (var i = 0; i < work.Length; i++)
    {
        if (arrivalRate is { } perSecond)
        {
            // Pacing the arrivals (the load), not waiting for a result.
            var due = TimeSpan.FromSeconds(i / perSecond) - clock.Elapsed;
            if (due > TimeSpan.Zero)
            {
                await Task.Delay(due);
            }
        }
        await slots.WaitAsync();
        var w = work[i];
        posts.Add(Task.Run(async () =>
        {
            try
            {
                var id = (string)w.Body["id"]!;
                var start = clock.ElapsedTicks;
                posted[id] = start;
                using var response = await host.Client.PostAsync(w.Route, new StringContent(w.Body.ToJsonString(), Encoding.UTF8, "application/json"));
                accept.Add(Ms(clock.ElapsedTicks - start));
                if ((int)response.StatusCode != 202)
                {
                    throw new InvalidOperationException($"POST {w.Route} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                }
            }
            finally
            {
                slots.Release();
            }
        }));
    }
    await Task.WhenAll(posts);
    var deadline = TimeSpan.FromMinutes(10);
    if (await Task.WhenAny(watcher, Task.Delay(deadline)) != watcher)
    {
        await done.CancelAsync();
        throw new TimeoutException($"Only {listed.Count} of {work.Length} submissions were listed after {deadline}.");
    }
    await watcher;
    ProgressDone();
    var ends = posted.Keys.Select(id => listed[id]).ToArray();
    var seconds = (ends.Max() - posted.Values.Min()) / (double)Stopwatch.Frequency;
    var latencies = posted.Select(p => Ms(listed[p.Key] - p.Value)).Order().ToArray();
    var accepted = accept.Order().ToArray();
    return new ServiceRun(work.Length / seconds, Pct(latencies, 50), Pct(latencies, 95), Pct(latencies, 99), Pct(accepted, 50), Pct(accepted, 99));
}

// The least one submission needs of storage: a table write, a queue send, a receive, a table read,
// a result write, a message delete and a hand-off send, by the SDK directly, C at a time.
async Task<double> RunFloorAsync(string connection, int count, int concurrency)
{
    var tables = new TableServiceClient(connection);
    var queues = new QueueServiceClient(connection, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
    var table = tables.GetTableClient("floor");
    var inbox = queues.GetQueueClient("floor-in");
    var handoff = queues.GetQueueClient("floor-out");
    await table.CreateIfNotExistsAsync();
    await inbox.CreateIfNotExistsAsync();
    await handoff.CreateIfNotExistsAsync();
    var doneCount = 0;
    var clock = Stopwatch.StartNew();
    await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (i, ct) =>
    {
        var id = Guid.NewGuid().ToString();
        await table.AddEntityAsync(new TableEntity(id, $"record-{id}") { ["Answers"] = new string('a', 600), ["Status"] = "Received" }, ct);
        await inbox.SendMessageAsync($$"""{"submissionId":"{{id}}"}""", ct);
        var message = (await inbox.ReceiveMessageAsync(TimeSpan.FromMinutes(1), ct)).Value;
        var record = (await table.GetEntityAsync<TableEntity>(id, $"record-{id}", cancellationToken: ct)).Value;
        record["Status"] = "Routed";
        record["Precheck"] = new string('p', 3000);
        await table.UpdateEntityAsync(record, record.ETag, TableUpdateMode.Replace, ct);
        if (message is not null)
        {
            await inbox.DeleteMessageAsync(message.MessageId, message.PopReceipt, ct);
        }
        await handoff.SendMessageAsync(id, ct);
        Progress(Interlocked.Increment(ref doneCount), count, "floor");
    });
    ProgressDone();
    return count / clock.Elapsed.TotalSeconds;
}

async Task<RequestCounts> CountRequestsAsync(int count, DateOnly day, int stored = 0)
{
    var log = Path.Combine(Path.GetTempPath(), $"azurite-{Guid.NewGuid():N}.log");
    await using var azurite = await Azurite.StartAsync(debugLog: log);
    await using var host = await LocalHostProcess.StartAsync(azurite.ConnectionString);
    if (stored > 0)
    {
        var digests = new PersonDigests(Encoding.UTF8.GetBytes(LocalHostProcess.PersonKeyFor(azurite.ConnectionString)));
        await LargeStoreBench.SeedAsync(azurite.ConnectionString, digests, stored, day);
        // Azurite's log runs far behind a seeding: wait until it has caught up (it grows only by the idle
        // polling, a few requests a second), or the idle rate below would count the seeding's requests.
        for (var last = CountRequests(log); ; )
        {
            await Task.Delay(TimeSpan.FromSeconds(3));
            var now = CountRequests(log);
            if (now - last < 60)
            {
                break;
            }
            last = now;
        }
    }
    // Idle: what the host asks of storage with nothing to do (queue polling), per second.
    var idleStart = Requests(log);
    var idle = Stopwatch.StartNew();
    await Task.Delay(TimeSpan.FromSeconds(10));
    var idlePerSecond = (Requests(log) - idleStart) / idle.Elapsed.TotalSeconds;

    var run = Stopwatch.StartNew();
    var before = Requests(log);
    await RunServiceAsync(host, azurite.ConnectionString, Workload.Make(count, day, seed: 7), 16, arrivalRate: null);
    var during = Requests(log) - before - (int)Math.Round(idlePerSecond * run.Elapsed.TotalSeconds);
    var service = during / (double)count;

    // The floor runs in the same Azurite beside the idle local host: its polling is subtracted too.
    var floorRun = Stopwatch.StartNew();
    var floorBefore = Requests(log);
    await RunFloorAsync(azurite.ConnectionString, count, 16);
    var floor = (Requests(log) - floorBefore - idlePerSecond * floorRun.Elapsed.TotalSeconds) / count;
    File.Delete(log);
    return new RequestCounts(service, floor, idlePerSecond);
}

// Requests Azurite received, leaving out the benchmark's own reads of the lists' lines. Azurite writes its
// log a little behind the requests, so the count is read two seconds after the work (the idle
// polling of those seconds is subtracted with the rest).
static int Requests(string log)
{
    Thread.Sleep(TimeSpan.FromSeconds(2));
    return CountRequests(log);
}

static int CountRequests(string log)
{
    using var stream = new FileStream(log, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
    using var reader = new StreamReader(stream);
    var total = 0;
    while (reader.ReadLine() is { } line)
    {
        // The watcher's reads are the only queries that select just the Id (the service's own reads of
        // the same table, the people index and the pending marks, are counted).
        if (line.Contains("StorageContextMiddleware: RequestMethod=", StringComparison.Ordinal)
            && !(line.Contains("RequestMethod=GET", StringComparison.Ordinal) && line.Contains("/teamlists()", StringComparison.Ordinal)
                 && (line.Contains("select=Id", StringComparison.Ordinal) || line.Contains("select%3DId", StringComparison.Ordinal) || line.Contains("%24select=Id", StringComparison.Ordinal))))
        {
            total++;
        }
    }
    return total;
}

static double PeakWorkingSetMb(int pid)
{
    var status = File.ReadAllLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
    return status is null ? double.NaN : double.Parse(status.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
}

static double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;

static double Pct(double[] sorted, int p) => sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p / 100.0 * sorted.Length) - 1, 0, sorted.Length - 1)];

void Print(List<RunResult> runs, RequestCounts counts)
{
    if (json)
    {
        Console.WriteLine(JsonSerializer.Serialize(new { machine = Machine(), arrivalRate = rate, runs, storageRequestsPerSubmission = counts }, new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true }));
        return;
    }
    var table = new StringBuilder();
    table.AppendLine(CultureInfo.InvariantCulture, $"Machine: {Machine()}");
    table.AppendLine(rate is { } perSecond ? $"Arrivals: open loop, {perSecond:0.#} submissions/s, at most C in flight" : "Arrivals: closed loop, C clients each posting as soon as its last post is answered");
    table.AppendLine();
    table.AppendLine("| measure | " + string.Join(" | ", runs.Select(r => $"C = {r.Concurrency}, N = {r.N}")) + " |");
    table.AppendLine("|---|" + string.Concat(runs.Select(_ => "---:|")));
    Row("service throughput (submissions/s)", r => r.Service.Throughput.ToString("0.0", CultureInfo.InvariantCulture));
    Row("floor throughput (submissions/s)", r => r.Floor.ToString("0.0", CultureInfo.InvariantCulture));
    Row("service / floor", r => (r.Service.Throughput / r.Floor).ToString("0.00", CultureInfo.InvariantCulture));
    Row("POST to list, p50 / p95 / p99 (ms)", r => $"{r.Service.ListedP50:0} / {r.Service.ListedP95:0} / {r.Service.ListedP99:0}");
    Row("HTTP accept, p50 / p99 (ms)", r => $"{r.Service.AcceptP50:0.0} / {r.Service.AcceptP99:0.0}");
    Row("local host peak working set (MB)", r => r.PeakWorkingSetMb.ToString("0", CultureInfo.InvariantCulture));
    table.AppendLine();
    table.AppendLine(CultureInfo.InvariantCulture, $"Storage requests per submission (Azurite's log, idle polling of {counts.IdlePerSecond:0.0}/s subtracted): service {counts.Service:0.00}, floor {counts.Floor:0.00}.");
    Console.WriteLine(table);

    void Row(string name, Func<RunResult, string> value) => table.AppendLine($"| {name} | {string.Join(" | ", runs.Select(value))} |");
}

static string Machine() => $"{Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}";

void Progress(int done, int total, string what)
{
    if (json || Console.IsErrorRedirected) return;
    var width = 30;
    var filled = (int)(width * (double)done / total);
    Console.Error.Write($"\r  [{new string('#', filled)}{new string(' ', width - filled)}] {done}/{total} {what}   ");
}

void ProgressDone()
{
    if (!json && !Console.IsErrorRedirected) Console.Error.WriteLine();
}

void Log(string line)
{
    if (!json) Console.Error.WriteLine(line);
}

int Arg(string name, int fallback) => ArgText(name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

string? ArgText(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}

internal sealed record ServiceRun(double Throughput, double ListedP50, double ListedP95, double ListedP99, double AcceptP50, double AcceptP99);

internal sealed record RunResult(int Concurrency, int N, ServiceRun Service, double Floor, double PeakWorkingSetMb);

internal sealed record RequestCounts(double Service, double Floor, double IdlePerSecond);
