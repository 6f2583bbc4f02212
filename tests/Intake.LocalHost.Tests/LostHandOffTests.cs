using System.Net;
using Azure.Storage.Queues;
using Intake.Functions.Storage;
using Intake.Testing;
using Xunit.Abstractions;

namespace Intake.LocalHost.Tests;

/// <summary>Azurite and the local host on it, reconciling every 2 s with a 3 s grace.</summary>
public sealed class LostHandOffFixture : IAsyncLifetime
{
    public Azurite Azurite { get; private set; } = null!;

    public LocalHostProcess Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Azurite = await Azurite.StartAsync();
        Host = await LocalHostProcess.StartAsync(Azurite.ConnectionString, Faults.HostSettings(reconcileGrace: TimeSpan.FromSeconds(3)));
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Azurite.DisposeAsync();
        // Last, once everything is stopped: a leak anywhere in this fixture's tests fails the run.
        Host.AssertNoPatientDataInOutput();
        Host.AssertAnswersMatchTheApiDocument();
    }
}

/// <summary>
/// The queue send after a stored submission fails for real (the <c>precheck</c> queue is gone, as
/// when storage refuses it): the post is still a 202, since the submission is stored, and the
/// reconciler of the running local host queues it again once the queue is back; it is pre-checked
/// and listed once. IntakeFlowTests proves the same on the classes with a queue that throws; this
/// is the service as it runs: real HTTP, the real queue, the timer and the queue listener.
/// </summary>
[Collection(FaultCollection.Name)]
public sealed class LostHandOffTests(LostHandOffFixture fixture, ITestOutputHelper output) : IClassFixture<LostHandOffFixture>
{
    private const int Submissions = 20;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_submission_whose_queue_send_failed_is_queued_again_by_the_reconciler_and_prechecked_and_listed_once()
    {
        var host = fixture.Host;
        var storage = new StorageProbe(fixture.Azurite.ConnectionString);
        var precheck = storage.Queues.GetQueueClient(StorageNames.PrecheckQueue);
        // The mix without its urgent ones: this host has no mail server, and alerts are the crash test's part.
        var submissions = Enumerable.Range(0, Submissions * 2).Where(n => n % 5 != 0).Take(Submissions).Select(Faults.Mix).ToDictionary(s => s.Id, StringComparer.Ordinal);
        using var client = Faults.PublicClient(host.Address);

        // The fault: every queue send fails while the queue is gone.
        await precheck.DeleteAsync();
        var attempts = new List<PostAttempt>();
        foreach (var submission in submissions.Values)
        {
            attempts.Add(await Faults.PostAsync(client, submission));
        }
        // The reconciler, too, fails to queue them while the queue is gone (each on its own, logged with its id
        // and the exception's type), and must recover from that.
        await Poll.UntilAsync(() => Task.FromResult(submissions.Keys.Any(id =>
                host.Output.Contains($"Reconciling {id} failed (RequestFailedException)", StringComparison.Ordinal))), Deadline,
            "a reconciler pass to fail on the missing queue");
        var receivedWhileGone = await storage.HistoryCountsAsync("Pre-checked");
        await precheck.CreateIfNotExistsAsync();

        await Poll.UntilAsync(() => NothingLostNothingDuplicated.SettledAsync(storage, submissions.Keys), Deadline, "every submission to be listed");
        var sendFailed = submissions.Keys.Count(id => host.Output.Contains($"{id}, but its queue send failed", StringComparison.Ordinal));
        var reconciled = host.Output.Split('\n').Where(l => l.Contains("Reconciled:", StringComparison.Ordinal)).Select(l => l.Trim()).ToList();
        output.WriteLine($"{Submissions} submissions posted while the queue was gone: {attempts.Count(a => a.Accepted)} accepted, {sendFailed} logged as not queued");
        output.WriteLine($"reconciler: {string.Join("; ", reconciled)}");

        // Stored is what the 202 promises; the send failed for every one, and none was pre-checked while the queue was gone.
        Assert.All(attempts, a => Assert.Equal(HttpStatusCode.Accepted, a.Status));
        Assert.Equal(Submissions, sendFailed);
        Assert.Empty(receivedWhileGone);
        // The reconciler queued them again: nothing else would have.
        Assert.Contains(reconciled, l => l.StartsWith("Reconciled:", StringComparison.Ordinal) && !l.StartsWith("Reconciled: 0 queued again", StringComparison.Ordinal));
        await NothingLostNothingDuplicated.AssertAsync(storage, submissions);
        await NothingLostNothingDuplicated.AssertThroughTheStaffApiAsync(host.Staff, submissions);
    }
}
