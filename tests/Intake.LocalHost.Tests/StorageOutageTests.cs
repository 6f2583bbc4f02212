using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Azure.Data.Tables;
using Intake.Functions.Storage;
using Intake.Testing;
using Xunit.Abstractions;

namespace Intake.LocalHost.Tests;

/// <summary>Azurite persisted to a folder of its own (so it can stop and start again with its data), maildev, and the local host on them.</summary>
public sealed class OutageFixture : IAsyncLifetime
{
    private string _folder = null!;

    public Azurite Azurite { get; private set; } = null!;

    public MailDev MailDev { get; private set; } = null!;

    public LocalHostProcess Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _folder = Directory.CreateTempSubdirectory("azurite-outage-").FullName;
        Azurite = await Azurite.StartAsync(location: _folder);
        MailDev = await MailDev.StartAsync();
        var settings = Faults.HostSettings(reconcileGrace: TimeSpan.FromSeconds(10));
        settings["Intake__Alerts__SmtpHost"] = "127.0.0.1";
        settings["Intake__Alerts__SmtpPort"] = $"{MailDev.SmtpPort}";
        Host = await LocalHostProcess.StartAsync(Azurite.ConnectionString, settings);
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await MailDev.DisposeAsync();
        await Azurite.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
        // Last, once everything is stopped: a leak anywhere in this fixture's tests fails the run.
        Host.AssertNoPatientDataInOutput();
        Host.AssertAnswersMatchTheApiDocument();
    }
}

/// <summary>
/// Storage goes away for 20 s while clients post: the public routes answer 503 with Retry-After,
/// never a 202 for what is not stored, and once storage is back everything accepted is listed once,
/// with the same local host process recovering by itself.
/// </summary>
[Collection(FaultCollection.Name)]
public sealed class StorageOutageTests(OutageFixture fixture, ITestOutputHelper output) : IClassFixture<OutageFixture>
{
    /// <summary>How long storage is away: the fault injected, not a wait for anything.</summary>
    private static readonly TimeSpan OutageDuration = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);
    private const int Clients = 4;
    private const int AcceptedBeforeAndAfter = 40;

    [Fact]
    public async Task During_a_storage_outage_posts_get_503_with_Retry_After_never_202_and_everything_accepted_is_listed_once_afterwards()
    {
        var clock = Stopwatch.StartNew();
        var host = fixture.Host;
        var processId = host.ProcessId;
        var storage = new StorageProbe(fixture.Azurite.ConnectionString);
        var submissions = new ConcurrentDictionary<string, ClientSubmission>(StringComparer.Ordinal);
        var attempts = new ConcurrentBag<PostAttempt>();
        var next = 0;
        using var stopPosting = new CancellationTokenSource();
        using var client = Faults.PublicClient(host.Address);

        // Clients post new submissions until told to stop; after a 503 one waits as Retry-After asks
        // and sends the same submission again (same id), until it gets its 202.
        async Task ClientAsync()
        {
            while (!stopPosting.IsCancellationRequested)
            {
                var submission = Faults.Mix(Interlocked.Increment(ref next));
                submissions[submission.Id] = submission;
                while (true)
                {
                    var attempt = await Faults.PostAsync(client, submission);
                    attempts.Add(attempt);
                    if (attempt.Status != HttpStatusCode.ServiceUnavailable)
                    {
                        break;
                    }
                    await Task.Delay(TimeSpan.FromSeconds(int.Parse(attempt.RetryAfter ?? "1", System.Globalization.CultureInfo.InvariantCulture)));
                }
            }
        }
        var clients = Enumerable.Range(0, Clients).Select(_ => Task.Run(ClientAsync)).ToArray();

        await Poll.UntilAsync(() => Task.FromResult(attempts.Count(a => a.Accepted) >= AcceptedBeforeAndAfter), Deadline, "submissions accepted before the outage");
        var stoppingAt = clock.Elapsed;
        Assert.True(await fixture.Azurite.StopAsync(TimeSpan.FromSeconds(30)), "Azurite did not write its state when asked to stop.");
        var down = DateTimeOffset.UtcNow;
        // Both public routes, asked while storage is away (besides the clients' own posts).
        ClientSubmission[] probes = [Faults.Mix(9_001), Faults.Mix(9_004)];
        foreach (var probe in probes)
        {
            submissions[probe.Id] = probe;
        }
        var probing = Task.WhenAll(probes.Select(p => Faults.PostAsync(client, p)));
        await Task.Delay(OutageDuration);
        var restarting = DateTimeOffset.UtcNow;
        var probed = await probing;
        await fixture.Azurite.RestartAsync();
        var up = DateTimeOffset.UtcNow;
        var acceptedWhenUp = attempts.Count(a => a.Accepted);
        foreach (var attempt in probed)
        {
            attempts.Add(attempt);
        }

        await Poll.UntilAsync(() => Task.FromResult(attempts.Count(a => a.Accepted && a.Started > up) >= AcceptedBeforeAndAfter), Deadline, "submissions accepted after the outage");
        await stopPosting.CancelAsync();
        await Task.WhenAll(clients).WaitAsync(Deadline);
        // The probes' client sends them again, with the same ids, now that storage is back.
        foreach (var probe in probes)
        {
            attempts.Add(await Faults.PostAsync(client, probe));
        }

        var all = attempts.ToList();
        var accepted = all.Where(a => a.Accepted).Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
        var unavailable = all.Where(a => a.Status == HttpStatusCode.ServiceUnavailable).ToList();
        var retriedAfter503 = unavailable.Select(a => a.Id).Distinct().Count();

        // Every 202 stands for a stored submission, checked before anything else runs on it.
        var stored = await storage.RecordIdsAsync();
        var acceptedNotStored = accepted.Where(id => !stored.Contains(id)).ToList();
        Assert.True(acceptedNotStored.Count == 0, $"{acceptedNotStored.Count} submissions got a 202 but are not stored: {string.Join(", ", acceptedNotStored.Take(5))}");

        // A reconciler pass after the outage: a mark for a post that never got stored is cleared.
        var abandoned = Guid.NewGuid().ToString("D");
        await storage.MarkPendingAsync(abandoned, DateTimeOffset.UtcNow.AddHours(-1));

        var expected = submissions.Where(s => accepted.Contains(s.Key)).ToDictionary(s => s.Key, s => s.Value, StringComparer.Ordinal);
        var urgent = expected.Values.Where(s => s.Urgent).Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        await Poll.UntilAsync(async () => await NothingLostNothingDuplicated.SettledAsync(storage, expected.Keys)
            && (await storage.HistoryCountsAsync(AlertDispatch.UrgentSentEvent)).Keys.Count(urgent.Contains) == urgent.Count,
            Deadline, "every accepted submission to be listed and every urgent alert sent");
        var alerts = (await fixture.MailDev.EmailsAsync()).GroupBy(e => Faults.UrgentAlertId(e.MessageId) ?? "", StringComparer.Ordinal).ToList();

        output.WriteLine($"outage: storage asked to stop at {stoppingAt.TotalSeconds:0.0} s, down {(restarting - down).TotalSeconds:0.0} s, listening again {(up - restarting).TotalSeconds:0.0} s after its restart");
        output.WriteLine($"longest post: {all.Max(a => a.Ended - a.Started).TotalSeconds:0.0} s (the storage clients retry before they give up)");
        output.WriteLine($"{all.Count} posts by {Clients} clients and 2 probes: {accepted.Count} submissions accepted ({acceptedWhenUp} by the time storage was back), {unavailable.Count} answers 503, {retriedAfter503} submissions sent again after a 503");
        output.WriteLine($"accepted but not queued (the reconciler queued them): {host.Output.Split('\n').Count(l => l.Contains("its queue send failed", StringComparison.Ordinal))}; settled at {clock.Elapsed.TotalSeconds:0.0} s");
        output.WriteLine($"urgent alerts: {urgent.Count} items, {alerts.Sum(g => g.Count())} e-mails, {alerts.Count(g => g.Count() > 1)} items e-mailed more than once");

        // The outage was seen on both routes, and answered as api.md says.
        Assert.All(probed, a => Assert.True(a.IsWellFormedUnavailable, $"Asked while storage was away: {a}"));
        Assert.NotEmpty(unavailable);
        Assert.All(unavailable, a => Assert.True(a.IsWellFormedUnavailable, $"A 503 without Retry-After or problem details: {a}"));
        Assert.All(all, a => Assert.Contains(a.Status, new HttpStatusCode?[] { HttpStatusCode.Accepted, HttpStatusCode.ServiceUnavailable }));
        Assert.DoesNotContain(all, a => a.Accepted && a.Started > down && a.Ended < restarting);
        // Every submission a client sent ended in a 202 (after its retries).
        Assert.Equal(submissions.Keys.Order(StringComparer.Ordinal), accepted.Order(StringComparer.Ordinal));

        await NothingLostNothingDuplicated.AssertAsync(storage, expected);
        await NothingLostNothingDuplicated.AssertThroughTheStaffApiAsync(host.Staff, expected);
        Assert.DoesNotContain(abandoned, await storage.PendingAsync());

        // Every urgent item e-mailed; a repeat (storage went away between the send and its record) carries the same Message-Id.
        Assert.Equal(urgent.Order(StringComparer.Ordinal), alerts.Select(g => g.Key).Order(StringComparer.Ordinal));
        Assert.All(alerts, g => Assert.Single(g.Select(e => e.MessageId).Distinct()));

        // The same process, never restarted.
        Assert.True(host.IsRunning);
        Assert.Equal(processId, host.ProcessId);
    }
}
