using Intake.Functions.Http;
using Intake.Functions.Http.Responses;

namespace Intake.Functions.Tests;

/// <summary>
/// Working an item on the real stores (Azurite): an assignment and a contact attempt are changes of
/// the record with a history entry, the list line follows (without the attempt's note), and the
/// list filters <c>assignedTo</c> and <c>due</c> are parameterised filters on the line.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class WorkingAnItemStorageTests(AzuriteFixture azurite)
{
    private static readonly CancellationToken None = CancellationToken.None;

    private static string UniqueName(string name) => $"{name} {Guid.NewGuid():N}";

    private static async Task<WorklistItem[]> WorklistAsync(TeamRig rig, WorklistFilter filter) => [.. await rig.MyLines.ListAsync(TeamList.Worklist, filter, None)];

    [Fact]
    public async Task An_assignment_is_recorded_in_history_on_the_record_and_on_the_line_and_releasing_clears_it()
    {
        var rig = new TeamRig(azurite);
        var id = await rig.SubmitAsync(TestData.Baseline);
        var ann = UniqueName("Ann Coordinator");
        var bo = UniqueName("Bo Coordinator");

        Assert.Equal(ActionOutcome.Done, (await rig.Actions.AssignAsync(id, $"  {ann} ", TeamRig.Coordinator, None)).Outcome);
        Assert.Equal(ann, (await rig.RecordAsync(id)).AssignedTo);
        Assert.Equal(ann, (await rig.WorklistLineAsync(id)).AssignedTo);
        await rig.Actions.AssignAsync(id, bo, TeamRig.Coordinator, None);
        await rig.Actions.AssignAsync(id, null, "manager@example.org", None);

        var file = await rig.FileAsync(id);
        Assert.Null(file.Submission.AssignedTo);
        Assert.Null((await rig.WorklistLineAsync(id)).AssignedTo);
        Assert.Equal([$"Assigned to {ann}", $"Assigned to {bo} (was {ann})", $"Assignment released (was {bo})"], file.History.Skip(2).Select(h => h.Event));
        Assert.Equal([TeamRig.Coordinator, TeamRig.Coordinator, "manager@example.org"], file.History.Skip(2).Select(h => h.By));
        Assert.Equal(5, file.Submission.Version);
    }

    [Fact]
    public async Task The_same_assignment_again_changes_nothing()
    {
        var rig = new TeamRig(azurite);
        var id = await rig.SubmitAsync(TestData.Baseline);
        var ann = UniqueName("Ann");

        await rig.Actions.AssignAsync(id, ann, TeamRig.Coordinator, None);
        var again = await rig.Actions.AssignAsync(id, ann, TeamRig.Coordinator, None);

        Assert.Equal(ActionOutcome.Done, again.Outcome);
        Assert.Equal(3, (await rig.FileAsync(id)).History.Count);
    }

    [Fact]
    public async Task Two_assignments_at_once_are_both_recorded_one_after_the_other_and_the_line_shows_the_last()
    {
        var rig = new TeamRig(azurite);
        var id = await rig.SubmitAsync(TestData.Baseline);
        var ann = UniqueName("Ann");
        var bo = UniqueName("Bo");

        await Task.WhenAll(rig.Actions.AssignAsync(id, ann, "a", None), rig.Actions.AssignAsync(id, bo, "b", None));

        var file = await rig.FileAsync(id);
        Assert.Equal(4, file.Submission.Version);
        Assert.Equal(4, file.History.Count);
        // The second one written names the first as the one it replaced: neither overwrote the other unseen.
        Assert.Contains("(was ", file.History[^1].Event, StringComparison.Ordinal);
        Assert.Equal(file.Submission.AssignedTo, (await rig.WorklistLineAsync(id)).AssignedTo);
    }

    [Fact]
    public async Task The_assignedTo_filter_lists_exactly_the_items_of_that_name_and_a_name_never_becomes_filter_text()
    {
        var rig = new TeamRig(azurite);
        var mine = await rig.SubmitAsync(TestData.Baseline);
        var theirs = await rig.SubmitAsync(TestData.Baseline);
        var nobodys = await rig.SubmitAsync(TestData.Baseline);
        var ann = UniqueName("O'Brien, Ann");
        await rig.Actions.AssignAsync(mine, ann, TeamRig.Coordinator, None);
        await rig.Actions.AssignAsync(theirs, UniqueName("Bo"), TeamRig.Coordinator, None);

        Assert.Equal([mine], (await WorklistAsync(rig, new WorklistFilter(AssignedTo: ann))).Select(i => i.Id));
        Assert.Empty(await WorklistAsync(rig, new WorklistFilter(AssignedTo: "x' or AssignedTo ne 'x")));
        Assert.Equal(3, (await WorklistAsync(rig, new WorklistFilter())).Length);
        Assert.Contains(nobodys, (await WorklistAsync(rig, new WorklistFilter())).Select(i => i.Id));
    }

    [Fact]
    public async Task A_contact_attempt_is_in_history_with_its_note_and_the_line_shows_it_without_the_note()
    {
        var rig = new TeamRig(azurite);
        var id = await rig.SubmitAsync(TestData.Baseline);
        rig.Clock.Advance(TimeSpan.FromHours(2));
        var next = TeamRig.Day0.AddDays(3);

        var result = await rig.Actions.LogContactAttemptAsync(id, ContactChannel.Phone, ContactOutcome.LeftMessage, "  Daughter answered; call after 5 pm. ", next, TeamRig.Coordinator, None);

        Assert.Equal(ActionOutcome.Done, result.Outcome);
        var file = await rig.FileAsync(id);
        var attempt = new ContactAttempt(ContactChannel.Phone, ContactOutcome.LeftMessage, rig.Clock.GetUtcNow(), TeamRig.Coordinator, "Daughter answered; call after 5 pm.");
        Assert.Equal(attempt, file.Submission.LastContactAttempt);
        Assert.Equal(next, file.Submission.NextContactOn);
        Assert.Equal("Contact attempt by phone: leftMessage; next contact on 2026-11-29: Daughter answered; call after 5 pm.", file.History[^1].Event);
        var line = await rig.WorklistLineAsync(id);
        Assert.Equal(attempt with { Note = null }, line.LastContactAttempt);
        Assert.Equal(next, line.NextContactOn);
        var wire = ApiJson.Ok(ListPage.Of(new WorklistPage([line], new Dictionary<string, Contact>(), null), withReasons: false), ResponseJson.Default.ListPage).Content!;
        Assert.DoesNotContain("Daughter", wire, StringComparison.Ordinal);
        Assert.Contains("Daughter answered", ApiJson.Ok(SubmissionFileResponse.Of(file, []), ResponseJson.Default.SubmissionFileResponse).Content!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_later_attempt_without_a_next_contact_date_clears_it()
    {
        var rig = new TeamRig(azurite);
        var id = await rig.SubmitAsync(TestData.Baseline);
        await rig.Actions.LogContactAttemptAsync(id, ContactChannel.Email, ContactOutcome.NoAnswer, null, TeamRig.Day0.AddDays(1), TeamRig.Coordinator, None);

        await rig.Actions.LogContactAttemptAsync(id, ContactChannel.Phone, ContactOutcome.Reached, null, null, TeamRig.Coordinator, None);

        var line = await rig.WorklistLineAsync(id);
        Assert.Null(line.NextContactOn);
        Assert.Equal(ContactOutcome.Reached, line.LastContactAttempt!.Outcome);
        Assert.Equal("Contact attempt by phone: reached; no next contact set", (await rig.FileAsync(id)).History[^1].Event);
    }

    [Fact]
    public async Task The_due_filter_lists_the_items_whose_next_contact_is_that_day_or_earlier()
    {
        var rig = new TeamRig(azurite);
        var yesterday = await rig.SubmitAsync(TestData.Baseline);
        var today = await rig.SubmitAsync(TestData.Baseline);
        var tomorrow = await rig.SubmitAsync(TestData.Baseline);
        await rig.SubmitAsync(TestData.Baseline);
        foreach (var (id, days) in new[] { (yesterday, -1), (today, 0), (tomorrow, 1) })
        {
            // Logged the day before the date, as the team would.
            await rig.Actions.LogContactAttemptAsync(id, ContactChannel.Phone, ContactOutcome.NoAnswer, null, TeamRig.Day0.AddDays(days), TeamRig.Coordinator, None);
        }

        var due = await WorklistAsync(rig, new WorklistFilter(ContactDueBy: TeamRig.Day0));

        Assert.Equal(new[] { yesterday, today }.Order(), due.Select(i => i.Id).Order());
    }

    [Fact]
    public async Task Assigning_or_logging_an_attempt_on_a_submission_marked_not_genuine_does_not_apply()
    {
        var rig = new TeamRig(azurite);
        var id = await rig.SubmitAsync(TestData.Baseline);
        await rig.Actions.MarkNotGenuineAsync(id, "A test", TeamRig.Coordinator, None);

        Assert.Equal(ActionOutcome.NotApplicable, (await rig.Actions.AssignAsync(id, "Ann", TeamRig.Coordinator, None)).Outcome);
        Assert.Equal(ActionOutcome.NotApplicable, (await rig.Actions.LogContactAttemptAsync(id, ContactChannel.Letter, ContactOutcome.NoAnswer, null, null, TeamRig.Coordinator, None)).Outcome);
        Assert.Equal(ActionOutcome.NotFound, (await rig.Actions.AssignAsync(TestData.NewId(), "Ann", TeamRig.Coordinator, None)).Outcome);
    }
}
