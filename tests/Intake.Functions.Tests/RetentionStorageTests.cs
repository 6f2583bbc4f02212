using Intake.Functions.Storage;

namespace Intake.Functions.Tests;

/// <summary>
/// The daily retention pass on the real stores (Azurite), with a moved clock: it erases what was
/// screened out or closed (Declined, NotEligible, Unreachable) longer than the retention period and
/// never enrolled, each with its own audit entry and the reason <c>retention</c>, and nothing else.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class RetentionStorageTests(AzuriteFixture azurite)
{
    private static readonly CancellationToken None = CancellationToken.None;
    private const string Staff = "ann.coordinator@example.org";

    /// <summary>The real erasure, except that it fails for one id: one item's failure must not stop the pass.</summary>
    private sealed class FailingFor(ISubmissionErasure inner, string id) : ISubmissionErasure
    {
        public Task<IReadOnlyList<string>> SubmissionsOfAsync(string personId, CancellationToken cancellationToken) => inner.SubmissionsOfAsync(personId, cancellationToken);
        public Task MarkIntentAsync(ErasureIntent intent, CancellationToken cancellationToken) => inner.MarkIntentAsync(intent, cancellationToken);
        public Task<ErasureIntent?> IntentAsync(string key, CancellationToken cancellationToken) => inner.IntentAsync(key, cancellationToken);
        public Task<IReadOnlyList<ErasureIntent>> OpenIntentsAsync(CancellationToken cancellationToken) => inner.OpenIntentsAsync(cancellationToken);
        public Task ClearIntentAsync(string key, CancellationToken cancellationToken) => inner.ClearIntentAsync(key, cancellationToken);
        public Task<bool> EraseAsync(string erased, ErasureMark mark, CancellationToken cancellationToken) =>
            erased == id ? throw new IOException("Storage refused this one.") : inner.EraseAsync(erased, mark, cancellationToken);
        public Task<ErasedSubmission?> ErasedAsync(string erased, CancellationToken cancellationToken) => inner.ErasedAsync(erased, cancellationToken);
    }

    private static Contact Person(string name) => new(name, $"{Guid.NewGuid():N}@example.org", null, "en");

    private (Retention Retention, TableSubmissionErasure Erasure, MemoryAuditLog Audit) Pass(TeamRig rig, int closedDays = 365)
    {
        var erasure = new TableSubmissionErasure(azurite.Tables, TestData.PersonDigests);
        var audit = new MemoryAuditLog();
        return (new Retention(rig.MyLines, rig.Store, new PersonErasure(erasure), audit, rig.Outcomes, rig.Calendar) { ClosedDays = closedDays }, erasure, audit);
    }

    [Fact]
    public async Task After_the_retention_period_the_pass_erases_closed_and_screened_out_submissions_never_enrolled_and_nothing_else()
    {
        var rig = new TeamRig(azurite);
        var screenedOut = await rig.SubmitAsync(TestData.Ineligible, Person("Sam Screened"));
        var declined = await rig.SubmitAsync(TestData.Baseline, Person("Dee Declined"));
        var unreachable = await rig.SubmitAsync(TestData.Baseline, Person("Una Unreachable"));
        var open = await rig.SubmitAsync(TestData.Baseline, Person("Olly Open"));
        var enrolled = await rig.SubmitAsync(TestData.Baseline with { DateOfBirth = new DateOnly(1962, 2, 2) }, Person("Eve Enrolled") with { Email = "eve.enrolled@example.org" });
        rig.Clock.Advance(TimeSpan.FromMinutes(5));
        // The enrolled person's later screened-out submission: an Enrolled person is never erased by the timer.
        var enrolledOther = await rig.SubmitAsync(TestData.Ineligible with { DateOfBirth = new DateOnly(1962, 2, 2) }, Person("Eve Enrolled") with { Email = "eve.enrolled@example.org" });
        Assert.Equal(enrolled, (await rig.RecordAsync(enrolledOther)).PersonId);
        var wasEnrolled = await rig.SubmitAsync(TestData.Baseline, Person("Wes Withdrawn"));
        await rig.Actions.SetTeamStatusAsync(declined, TeamStatus.Declined, null, Staff, None);
        await rig.Actions.SetTeamStatusAsync(unreachable, TeamStatus.Unreachable, null, Staff, None);
        await rig.Actions.SetTeamStatusAsync(open, TeamStatus.Contacted, null, Staff, None);
        await rig.Actions.SetTeamStatusAsync(enrolled, TeamStatus.Enrolled, null, Staff, None);
        await rig.Actions.SetTeamStatusAsync(wasEnrolled, TeamStatus.Enrolled, null, Staff, None);
        await rig.Actions.SetTeamStatusAsync(wasEnrolled, TeamStatus.Declined, null, Staff, None);
        rig.NextDay(300);
        var recent = await rig.SubmitAsync(TestData.Ineligible, Person("Rita Recent"));
        rig.NextDay(66);
        var (retention, erasure, audit) = Pass(rig);

        var tally = await retention.RunAsync(None);

        Assert.Empty(tally.Failures);
        string[] due = [screenedOut, declined, unreachable];
        foreach (var id in due)
        {
            Assert.Null(await rig.Store.GetFileAsync(id, None));
            var tombstone = await erasure.ErasedAsync(id, None);
            Assert.NotNull(tombstone);
            Assert.Equal((Actors.System, PersonErasure.RetentionReason), (tombstone.ErasedBy, tombstone.Reason));
        }
        foreach (var (id, what) in new[] { (open, "open"), (enrolled, "enrolled"), (enrolledOther, "the enrolled person's other"), (wasEnrolled, "once enrolled"), (recent, "recent") })
        {
            Assert.True(await rig.Store.GetFileAsync(id, None) is not null, $"The {what} submission was erased.");
            Assert.Null(await erasure.ErasedAsync(id, None));
        }
        // One audit entry per erasure, by the system, naming the submission.
        Assert.Equal(due.Order(StringComparer.Ordinal), audit.Entries.Select(e => e.SubmissionId!).Order(StringComparer.Ordinal));
        Assert.All(audit.Entries, e => Assert.Equal((Actors.System, Retention.Action, 1, 200), (e.By, e.Action, e.Count, e.Status)));
        var outcome = Assert.Single(await rig.Outcomes.ReadAsync(None), o => o.Pass == PassOutcome.EraseByRetention);
        Assert.Equal(0, outcome.Failures);

        // The next day's pass finds nothing more to erase and audits nothing more.
        rig.NextDay();
        await retention.RunAsync(None);
        Assert.Equal(3, audit.Entries.Count);
    }

    [Fact]
    public async Task An_item_that_fails_is_counted_and_left_for_the_next_pass_which_finishes_it_while_the_others_are_erased()
    {
        var rig = new TeamRig(azurite);
        var failing = await rig.SubmitAsync(TestData.Ineligible, Person("Fay Failing"));
        var fine = await rig.SubmitAsync(TestData.Ineligible, Person("Finn Fine"));
        rig.NextDay(400);
        var erasure = new TableSubmissionErasure(azurite.Tables, TestData.PersonDigests);
        var audit = new MemoryAuditLog();

        var tally = await new Retention(rig.MyLines, rig.Store, new PersonErasure(new FailingFor(erasure, failing)), audit, rig.Outcomes, rig.Calendar).RunAsync(None);

        Assert.Equal((failing, nameof(IOException)), (Assert.Single(tally.Failures).SubmissionId, Assert.Single(tally.Failures).ErrorType));
        Assert.Null(await rig.Store.GetFileAsync(fine, None));
        Assert.NotNull(await rig.Store.GetFileAsync(failing, None));
        Assert.Equal(1, Assert.Single(await rig.Outcomes.ReadAsync(None), o => o.Pass == PassOutcome.EraseByRetention).Failures);

        rig.NextDay();
        var next = await new Retention(rig.MyLines, rig.Store, new PersonErasure(erasure), audit, rig.Outcomes, rig.Calendar).RunAsync(None);

        Assert.Empty(next.Failures);
        Assert.Null(await rig.Store.GetFileAsync(failing, None));
        Assert.Equal(PersonErasure.RetentionReason, (await erasure.ErasedAsync(failing, None))!.Reason);
        Assert.DoesNotContain(await erasure.OpenIntentsAsync(None), i => i.SubmissionIds.Contains(failing));
    }

    [Fact]
    public async Task Within_the_retention_period_or_with_retention_off_nothing_is_erased()
    {
        var rig = new TeamRig(azurite);
        var screenedOut = await rig.SubmitAsync(TestData.Ineligible, Person("Kim Kept"));
        rig.NextDay(364);

        await Pass(rig).Retention.RunAsync(None);
        Assert.NotNull(await rig.Store.GetFileAsync(screenedOut, None));

        rig.NextDay(1000);
        var (off, erasure, audit) = Pass(rig, closedDays: 0);
        await off.RunAsync(None);

        Assert.NotNull(await rig.Store.GetFileAsync(screenedOut, None));
        Assert.Null(await erasure.ErasedAsync(screenedOut, None));
        Assert.Empty(audit.Entries);
    }

    [Fact]
    public async Task A_changed_submission_waits_a_whole_retention_period_from_its_last_change()
    {
        var rig = new TeamRig(azurite);
        var id = await rig.SubmitAsync(TestData.Baseline, Person("Len Late"));
        rig.NextDay(200);
        await rig.Actions.SetTeamStatusAsync(id, TeamStatus.NotEligible, null, Staff, None);
        rig.NextDay(200);

        await Pass(rig).Retention.RunAsync(None);
        Assert.NotNull(await rig.Store.GetFileAsync(id, None));

        rig.NextDay(166);
        await Pass(rig).Retention.RunAsync(None);
        Assert.Null(await rig.Store.GetFileAsync(id, None));
    }
}
