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
/// </summary>
internal static class ReevaluationBench
{
    private static readonly PersonDigests PersonDigestsForBench = new(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    private static readonly DateTimeOffset SeedTime = new(2026, 11, 26, 18, 0, 0, TimeSpan.Zero);

    public static async Task<int> RunAsync(int n, int readers, int concurrency)
    {
        await using var azurite = await Azurite.StartAsync();
        var connection = new StorageConnection(azurite.ConnectionString, null, null, null);
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
        // The pass's own clients, counting its requests (retries included).
        var counter = new RequestCounter();
        var passTableOptions = new TableClientOptions();
        passTableOptions.AddPolicy(counter, HttpPipelinePosition.PerRetry);
        var passQueueOptions = new QueueClientOptions();
        passQueueOptions.AddPolicy(counter, HttpPipelinePosition.PerRetry);
        var passTables = connection.CreateTableServiceClient(passTableOptions);
        var passQueues = connection.CreateQueueServiceClient(passQueueOptions);
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

    // Open worklist items as intake meets them: the baseline, some with a clinical biopsy 15 to 60 days
    // ahead (so none is urgent yet; those 15 days ahead enter the urgent window tomorrow), some referrals.
    private static async Task<string[]> SeedAsync(int n, SubmissionIntake intake, PrecheckRouting routing, DateOnly today)
    {
        var ids = new string[n];
        var done = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, n), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, ct) =>
        {
            var id = Guid.NewGuid().ToString("D");
            var answers = SpecExamples.Baseline with
            {
                ScheduledClinicalBiopsy = i % 10 < 4 ? new ScheduledClinicalBiopsy(Site.Liver, today.AddDays(15 + (i % 46))) : null,
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
