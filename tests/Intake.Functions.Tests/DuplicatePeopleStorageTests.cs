
namespace Intake.Functions.Tests;

/// <summary>
/// <see cref="PersonLinking"/> through the pre-check on the real stores (Azurite): the same
/// person's submissions share the first one's id, on the record and on the list line.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class DuplicatePeopleStorageTests(AzuriteFixture azurite)
{
    private static readonly CancellationToken None = CancellationToken.None;

    private static async Task AssertPersonAsync(TeamRig rig, string id, string personId)
    {
        Assert.Equal(personId, (await rig.RecordAsync(id)).PersonId);
        var (worklist, screenedOut) = await rig.LinesAsync(id);
        Assert.Equal(personId, Assert.Single(worklist.Concat(screenedOut)).PersonId);
    }

    [Fact]
    public async Task Same_date_of_birth_and_same_e_mail_is_the_same_person_as_the_first_submission()
    {
        var rig = new TeamRig(azurite);
        var answers = TestData.Baseline with { DateOfBirth = TestData.UniqueBirthday() };
        var first = await rig.SubmitAsync(answers, new Contact("Ann Example", "ann@example.org", null, "en"));
        rig.NextDay();

        var second = await rig.SubmitAsync(answers with { Ecog = 2 }, new Contact("Annie E.", "  ANN@example.org ", "+1 612 555 0123", "en"));

        await AssertPersonAsync(rig, first, first);
        await AssertPersonAsync(rig, second, first);
        var history = (await rig.FileAsync(second)).History;
        Assert.EndsWith($"; the same person as submission {first}", history[^1].Event, StringComparison.Ordinal);
        Assert.Equal([first], await rig.Linking.LinkedToAsync(await rig.RecordAsync(second), None));
        Assert.Equal([second], await rig.Linking.LinkedToAsync(await rig.RecordAsync(first), None));
    }

    [Fact]
    public async Task A_self_screening_then_a_referral_with_the_same_phone_in_another_format_is_the_same_person()
    {
        var rig = new TeamRig(azurite);
        var born = TestData.UniqueBirthday();
        var screening = await rig.SubmitAsync(TestData.Baseline with { DateOfBirth = born }, new Contact("Dee Example", "dee@example.org", "+1 507 555 0101", "en"));
        rig.Clock.Advance(TimeSpan.FromHours(5));

        var referral = await rig.SubmitAsync(TestData.Baseline with { DateOfBirth = born, Ecog = 3 }, new Contact("D. Example-Smith", null, "(507) 555-0101", null), SubmissionKind.Referral);

        await AssertPersonAsync(rig, screening, screening);
        await AssertPersonAsync(rig, referral, screening);
        Assert.Equal(SubmissionStatus.ScreenedOut, (await rig.RecordAsync(referral)).Status);
    }

    [Fact]
    public async Task A_third_submission_matching_only_the_second_joins_the_first_ones_person()
    {
        var rig = new TeamRig(azurite);
        var born = TestData.UniqueBirthday();
        var first = await rig.SubmitAsync(TestData.Baseline with { DateOfBirth = born }, new Contact("Eve Example", "eve@example.org", null, "en"));
        rig.NextDay();
        var second = await rig.SubmitAsync(TestData.Baseline with { DateOfBirth = born }, new Contact("Eve Example", "eve@example.org", "+1 507 555 0177", "en"));
        rig.NextDay();

        var third = await rig.SubmitAsync(TestData.Baseline with { DateOfBirth = born }, new Contact("E. Jones", null, "5075550177", "en"));

        await AssertPersonAsync(rig, second, first);
        await AssertPersonAsync(rig, third, first);
    }

    [Fact]
    public async Task Same_name_with_a_different_date_of_birth_is_not_the_same_person()
    {
        var rig = new TeamRig(azurite);
        var born = TestData.UniqueBirthday();
        var first = await rig.SubmitAsync(TestData.Baseline with { DateOfBirth = born }, new Contact("Fay Example", "fay@example.org", "+1 507 555 0110", "en"));

        var second = await rig.SubmitAsync(TestData.Baseline with { DateOfBirth = born.AddDays(1) }, new Contact("Fay Example", "fay@example.org", "+1 507 555 0110", "en"));

        await AssertPersonAsync(rig, first, first);
        await AssertPersonAsync(rig, second, second);
        Assert.DoesNotContain("the same person", (await rig.FileAsync(second)).History[^1].Event, StringComparison.Ordinal);
        Assert.Empty(await rig.Linking.LinkedToAsync(await rig.RecordAsync(second), None));
    }

    [Fact]
    public async Task Same_date_of_birth_with_nothing_else_equal_is_not_the_same_person()
    {
        var rig = new TeamRig(azurite);
        var born = TestData.UniqueBirthday();
        var first = await rig.SubmitAsync(TestData.Baseline with { DateOfBirth = born }, new Contact("Gia Example", "gia@example.org", "+1 507 555 0120", "en"));

        var second = await rig.SubmitAsync(TestData.Baseline with { DateOfBirth = born }, new Contact("Hal Other", "hal@example.org", "+1 507 555 0121", "en"));

        await AssertPersonAsync(rig, second, second);
        Assert.Empty(await rig.Linking.LinkedToAsync(await rig.RecordAsync(first), None));
    }

    [Fact]
    public async Task Without_a_date_of_birth_no_duplicate_is_looked_for_even_with_the_same_contact()
    {
        var rig = new TeamRig(azurite);
        var contact = new Contact("Ida Example", "ida@example.org", "+1 507 555 0130", "en");
        var first = await rig.SubmitAsync(TestData.Baseline with { DateOfBirth = null }, contact);

        var second = await rig.SubmitAsync(TestData.Baseline with { DateOfBirth = null }, contact);

        await AssertPersonAsync(rig, first, first);
        await AssertPersonAsync(rig, second, second);
    }

    [Fact]
    public async Task A_redelivered_precheck_links_the_same_way_again()
    {
        var rig = new TeamRig(azurite);
        var born = TestData.UniqueBirthday();
        var first = await rig.SubmitAsync(TestData.Baseline with { DateOfBirth = born }, new Contact("Jo Example", "jo@example.org", null, "en"));
        rig.NextDay();
        var second = await rig.SubmitAsync(TestData.Baseline with { DateOfBirth = born }, new Contact("Jo Example", "jo@example.org", null, "en"));

        Assert.Equal(RoutingOutcome.AlreadyRouted, await rig.Routing.HandleAsync(second, None));

        await AssertPersonAsync(rig, second, first);
        Assert.Equal(first, (await rig.Linking.PersonIdOfAsync(await rig.RecordAsync(second), None)));
    }

    [Fact]
    public async Task A_corrected_date_of_birth_links_the_person_under_the_new_date_and_no_longer_under_the_old_one()
    {
        var rig = new TeamRig(azurite);
        var wrongBirthday = TestData.UniqueBirthday();
        var rightBirthday = TestData.UniqueBirthday();
        var contact = new Contact("Eve Example", "eve@example.org", null, "en");
        var earlier = await rig.SubmitAsync(TestData.Baseline with { DateOfBirth = rightBirthday }, contact);
        rig.NextDay();
        var typo = await rig.SubmitAsync(TestData.Baseline with { DateOfBirth = wrongBirthday }, contact);
        await AssertPersonAsync(rig, typo, typo);

        await rig.Actions.CorrectAnswersAsync(typo, TestData.Baseline with { DateOfBirth = rightBirthday }, "coordinator", None);

        await AssertPersonAsync(rig, typo, earlier);
        Assert.Equal([typo], await rig.Linking.LinkedToAsync(await rig.RecordAsync(earlier), None));
        Assert.DoesNotContain(await rig.People.BornOnAsync(wrongBirthday, None), e => e.SubmissionId == typo);
    }
}
