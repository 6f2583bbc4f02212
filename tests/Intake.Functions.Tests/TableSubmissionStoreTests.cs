using Intake.Functions.Storage;

namespace Intake.Functions.Tests;

[Collection(AzuriteCollection.Name)]
public sealed class TableSubmissionStoreTests(AzuriteFixture azurite)
{
    private readonly TableSubmissionStore _store = new(azurite.Tables);
    private static readonly CancellationToken None = CancellationToken.None;

    // Whole ticks and a non-UTC offset: the instant must survive, to the tick.
    private static readonly DateTimeOffset Received = new DateTimeOffset(2026, 11, 26, 18, 4, 5, TimeSpan.FromHours(-6)).AddTicks(1234567);

    [Fact]
    public async Task Add_then_Get_and_GetFile_round_trip_every_field_of_a_referral()
    {
        var id = TestData.NewId();
        var submission = TestData.Submission(id, Received, SubmissionKind.Referral, TestData.EveryField);
        var received = new HistoryEntry(Received, "Referral received", Actors.Public);

        Assert.Equal(AddResult.Added, await _store.AddAsync(submission, TestData.Contact, TestData.Referrer, received, None));

        var record = await _store.GetAsync(id, None);
        Assert.NotNull(record);
        AssertSame(submission, record);

        var file = await _store.GetFileAsync(id, None);
        Assert.NotNull(file);
        AssertSame(submission, file.Submission);
        Assert.Equal(TestData.Contact, file.Contact);
        Assert.Equal(TestData.Referrer, file.Referrer);
        Assert.Equal([received], file.History);
    }

    [Fact]
    public async Task Add_of_a_self_screening_with_partial_contact_round_trips_without_a_referrer()
    {
        var id = TestData.NewId();
        var submission = TestData.Submission(id, Received);
        var contact = new Contact("Ada Example", null, "+1 507 555 0100", null);
        var received = new HistoryEntry(Received, "Self-screening received", Actors.Public);

        await _store.AddAsync(submission, contact, null, received, None);

        var file = await _store.GetFileAsync(id, None);
        Assert.NotNull(file);
        AssertSame(submission, file.Submission);
        Assert.Equal(contact, file.Contact);
        Assert.Null(file.Referrer);
        Assert.Equal([received], file.History);
    }

    [Fact]
    public async Task Add_of_an_existing_id_returns_AlreadyExists_and_overwrites_nothing()
    {
        var id = TestData.NewId();
        var first = TestData.Submission(id, Received);
        var firstEntry = new HistoryEntry(Received, "Self-screening received", Actors.Public);
        await _store.AddAsync(first, TestData.Contact, null, firstEntry, None);

        var second = TestData.Submission(id, Received.AddHours(1), SubmissionKind.Referral, TestData.Ineligible);
        var otherContact = new Contact("Someone Else", "else@example.org", null, "es");
        var result = await _store.AddAsync(second, otherContact, TestData.Referrer, new HistoryEntry(Received.AddHours(1), "Referral received", Actors.Public), None);

        Assert.Equal(AddResult.AlreadyExists, result);
        var file = await _store.GetFileAsync(id, None);
        Assert.NotNull(file);
        AssertSame(first, file.Submission);
        Assert.Equal(TestData.Contact, file.Contact);
        Assert.Null(file.Referrer);
        Assert.Equal([firstEntry], file.History);
    }

    [Fact]
    public async Task TryUpdate_with_the_next_version_succeeds_and_appends_history()
    {
        var id = TestData.NewId();
        var submission = TestData.Submission(id, Received);
        var received = new HistoryEntry(Received, "Self-screening received", Actors.Public);
        await _store.AddAsync(submission, TestData.Contact, null, received, None);

        var evaluatedAt = Received.AddMinutes(1);
        var precheck = TestData.Engine.Evaluate(submission.Answers, submission.ReceivedOn);
        var updated = submission with { Status = SubmissionStatus.Routed, Precheck = precheck, EvaluatedAt = evaluatedAt, Version = 2 };
        var entry = new HistoryEntry(evaluatedAt, PrecheckRouting.Describe(precheck), Actors.System);

        Assert.True(await _store.TryUpdateAsync(updated, entry, None));

        var file = await _store.GetFileAsync(id, None);
        Assert.NotNull(file);
        AssertSame(updated, file.Submission);
        Assert.Equal([received, entry], file.History);
        Assert.Equal(TestData.Contact, file.Contact);
    }

    [Fact]
    public async Task TryUpdate_that_skips_a_version_does_not_lose_history_order()
    {
        // Versions 2 then 3: history stays oldest first, one entry per version.
        var id = TestData.NewId();
        var submission = TestData.Submission(id, Received);
        var received = new HistoryEntry(Received, "Self-screening received", Actors.Public);
        await _store.AddAsync(submission, TestData.Contact, null, received, None);
        var contacted = new HistoryEntry(Received.AddDays(1), "Team status: Contacted", "staff@example.org");
        var scheduled = new HistoryEntry(Received.AddDays(2), "Team status: Scheduled", "staff@example.org");

        Assert.True(await _store.TryUpdateAsync(submission with { TeamStatus = TeamStatus.Contacted, Version = 2 }, contacted, None));
        Assert.True(await _store.TryUpdateAsync(submission with { TeamStatus = TeamStatus.Scheduled, Version = 3 }, scheduled, None));

        var file = await _store.GetFileAsync(id, None);
        Assert.NotNull(file);
        Assert.Equal(TeamStatus.Scheduled, file.Submission.TeamStatus);
        Assert.Equal(3, file.Submission.Version);
        Assert.Equal([received, contacted, scheduled], file.History);
    }

    [Fact]
    public async Task Two_updates_from_the_same_version_exactly_one_wins_and_the_other_changes_nothing()
    {
        var id = TestData.NewId();
        var submission = TestData.Submission(id, Received);
        var received = new HistoryEntry(Received, "Self-screening received", Actors.Public);
        await _store.AddAsync(submission, TestData.Contact, null, received, None);

        var contacted = (Record: submission with { TeamStatus = TeamStatus.Contacted, Version = 2 }, Entry: new HistoryEntry(Received.AddHours(1), "Team status: Contacted", "alice@example.org"));
        var declined = (Record: submission with { TeamStatus = TeamStatus.Declined, Version = 2 }, Entry: new HistoryEntry(Received.AddHours(1), "Team status: Declined", "bob@example.org"));

        var results = await Task.WhenAll(
            _store.TryUpdateAsync(contacted.Record, contacted.Entry, None),
            _store.TryUpdateAsync(declined.Record, declined.Entry, None));

        Assert.Single(results, r => r);
        var winner = results[0] ? contacted : declined;
        var file = await _store.GetFileAsync(id, None);
        Assert.NotNull(file);
        AssertSame(winner.Record, file.Submission);
        Assert.Equal([received, winner.Entry], file.History);

        // The loser, tried again from the same stale version, still changes nothing.
        var loser = results[0] ? declined : contacted;
        Assert.False(await _store.TryUpdateAsync(loser.Record, loser.Entry, None));
        var again = await _store.GetFileAsync(id, None);
        Assert.NotNull(again);
        AssertSame(winner.Record, again.Submission);
        Assert.Equal([received, winner.Entry], again.History);
    }

    [Fact]
    public async Task Get_and_GetFile_of_an_unknown_id_are_null()
    {
        var id = TestData.NewId();

        Assert.Null(await _store.GetAsync(id, None));
        Assert.Null(await _store.GetFileAsync(id, None));
    }

    /// <summary>Every member of the record; the pre-check by its stored JSON (its criteria are a list).</summary>
    internal static void AssertSame(Submission expected, Submission actual)
    {
        Assert.Equal(expected.Id, actual.Id);
        Assert.Equal(expected.Kind, actual.Kind);
        Assert.Equal(expected.ReceivedAt, actual.ReceivedAt);
        Assert.Equal(expected.ReceivedAt.UtcTicks, actual.ReceivedAt.UtcTicks);
        Assert.Equal(expected.ReceivedOn, actual.ReceivedOn);
        Assert.Equal(expected.Answers, actual.Answers);
        Assert.Equal(AnswersWriter.ToJson(expected.Answers), AnswersWriter.ToJson(actual.Answers));
        Assert.Equal(expected.Fingerprint, actual.Fingerprint);
        Assert.Equal(expected.Status, actual.Status);
        Assert.Equal(expected.Precheck is null ? null : PrecheckJson.ToJson(expected.Precheck), actual.Precheck is null ? null : PrecheckJson.ToJson(actual.Precheck));
        Assert.Equal(expected.EvaluatedAt, actual.EvaluatedAt);
        Assert.Equal(expected.TeamStatus, actual.TeamStatus);
        Assert.Equal(expected.Version, actual.Version);
    }
}
