using System.Collections.Concurrent;
using Intake.Functions.Storage;
using Moq;

namespace Intake.Functions.Tests;

/// <summary>
/// <see cref="AlertDispatch"/> and <see cref="ReferrerUpdates"/> on the real Table Storage stores
/// (Azurite), with a sender that keeps the e-mails instead of sending them.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class AlertDispatchTests(AzuriteFixture azurite)
{
    private static readonly CancellationToken None = CancellationToken.None;

    /// <summary>A budget no test here reaches: the hourly bound is tested in AlertBudgetTests, with a clock of its own.</summary>
    private static readonly AlertSettings Settings = new("team@study.example", "mbcintake@study.example", new Uri("https://intake.example.org/"), MaxPerHour: 100_000);

    /// <summary>Keeps every e-mail it is given; can be told to fail once after "sending" (the process died before the record was updated).</summary>
    private sealed class RecordingSender : IAlertSender
    {
        public ConcurrentQueue<AlertEmail> Sent { get; } = new();

        public bool FailAfterNextSend { get; set; }

        public Task SendAsync(AlertEmail email, CancellationToken cancellationToken)
        {
            Sent.Enqueue(email);
            if (FailAfterNextSend)
            {
                FailAfterNextSend = false;
                throw new IOException("The connection dropped after the message was handed over.");
            }
            return Task.CompletedTask;
        }
    }

    private sealed class Rig
    {
        public Rig(AzuriteFixture azurite)
        {
            Calendar = TestData.Calendar();
            Store = new TableSubmissionStore(azurite.Tables);
            var pending = new TableTeamLists(azurite.Tables, TestData.PersonDigests);
            Queue.Setup(q => q.EnqueueAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);
            Alerts.Setup(q => q.EnqueueAsync(It.IsAny<AlertRequest>(), It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);
            Intake = new SubmissionIntake(Store, pending, Queue.Object, Calendar, TestData.PersonDigests);
            Changes = new SubmissionChanges(Store, new TableTeamLists(azurite.Tables, TestData.PersonDigests), Alerts.Object, Calendar);
            Routing = new PrecheckRouting(Changes, new PersonLinking(new TableTeamLists(azurite.Tables, TestData.PersonDigests)), TestData.Engine);
            Dispatch = new AlertDispatch(Store, Changes, Sender, Settings, new TableAlertBudget(azurite.Tables), Calendar);
            Updates = new ReferrerUpdates(Store, Changes, Alerts.Object);
        }

        public SiteCalendar Calendar { get; }
        public TableSubmissionStore Store { get; }
        public Mock<IPrecheckQueue> Queue { get; } = new();
        public Mock<IAlertQueue> Alerts { get; } = new();
        public RecordingSender Sender { get; } = new();
        public SubmissionIntake Intake { get; }
        public SubmissionChanges Changes { get; }
        public PrecheckRouting Routing { get; }
        public AlertDispatch Dispatch { get; }
        public ReferrerUpdates Updates { get; }

        /// <summary>A referral whose clinical biopsy is five days away: urgent on the worklist.</summary>
        public Answers UrgentAnswers => TestData.Baseline with
        {
            ScheduledClinicalBiopsy = new ScheduledClinicalBiopsy(Site.Liver, Calendar.Today.AddDays(5)),
            OncologistConcerns = new OncologistConcerns(false, false, false),
        };

        /// <summary>Stores and pre-checks a submission, as the intake and the pre-check queue would.</summary>
        public async Task<string> RoutedAsync(SubmissionKind kind, Answers answers, Referrer? referrer = null)
        {
            var id = TestData.NewId();
            var draft = new SubmissionDraft(id, kind, answers, TestData.Contact, kind == SubmissionKind.Referral ? referrer ?? TestData.Referrer : null);
            Assert.True((await Intake.AcceptAsync(draft, None)).Accepted);
            await Routing.HandleAsync(id, None);
            return id;
        }

        /// <summary>A coordinator confirms the referral's referrer address (<see cref="TestData.Referrer"/>'s), as the team must before any update.</summary>
        public async Task ConfirmedAsync(string id) =>
            Assert.Equal(ActionOutcome.Done, (await Updates.ConfirmAsync(id, TestData.Referrer.Email!, "coordinator@example.org", None)).Outcome);

        public async Task<SubmissionFile> FileAsync(string id) => await Store.GetFileAsync(id, None) ?? throw new Xunit.Sdk.XunitException($"Submission {id} is not stored.");

        public IReadOnlyList<AlertRequest> Queued(string id) =>
            [.. Alerts.Invocations.Where(i => i.Method.Name == nameof(IAlertQueue.EnqueueAsync)).Select(i => (AlertRequest)i.Arguments[0]).Where(a => a.SubmissionId == id)];
    }

    /// <summary>Who the patient is: none of it may be in an e-mail (compared exactly, since ids are hexadecimal).</summary>
    private static IEnumerable<string> Identity(SubmissionFile file)
    {
        var c = file.Contact;
        var dateOfBirth = file.Submission.Answers.DateOfBirth!.Value;
        string?[] details = [c.Name, c.Email, c.Phone, "507 555", dateOfBirth.ToString("yyyy-MM-dd"), dateOfBirth.ToString("MM/dd/yyyy"), dateOfBirth.ToString("MMMM", System.Globalization.CultureInfo.InvariantCulture)];
        return details.OfType<string>();
    }

    /// <summary>Words of the answers and of the pre-check: none may be in an e-mail.</summary>
    private static readonly string[] ClinicalWords =
        ["liver", "bone", "brain", "breast", "cancer", "invasive", "metasta", "progress", "ffpe", "ecog", "biopsy", "pregnan", "allerg", "cognitive", "female", "eligib", "criteri"];

    private static void AssertNoPatientDetails(SubmissionFile file, AlertEmail email)
    {
        foreach (var text in new[] { email.Subject, email.Body })
        {
            foreach (var detail in Identity(file))
            {
                Assert.DoesNotContain(detail, text, StringComparison.Ordinal);
            }
            foreach (var word in ClinicalWords)
            {
                Assert.DoesNotContain(word, text, StringComparison.OrdinalIgnoreCase);
            }
            var biopsyDate = file.Submission.Answers.ScheduledClinicalBiopsy?.Date.ToString("yyyy-MM-dd");
            if (biopsyDate is not null)
            {
                Assert.DoesNotContain(biopsyDate, text, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task An_item_that_becomes_urgent_is_marked_pending_and_its_alert_is_queued_with_its_id_only()
    {
        var rig = new Rig(azurite);

        var id = await rig.RoutedAsync(SubmissionKind.Referral, rig.UrgentAnswers);

        var file = await rig.FileAsync(id);
        Assert.Equal(Priority.Urgent, file.Submission.Precheck?.Priority);
        Assert.True(file.Submission.UrgentAlertPending);
        Assert.Equal([new AlertRequest(id, AlertKind.UrgentItem)], rig.Queued(id));
    }

    [Fact]
    public async Task An_urgent_item_is_e_mailed_to_the_team_once_with_a_link_and_its_flag_is_cleared_in_the_history()
    {
        var rig = new Rig(azurite);
        var id = await rig.RoutedAsync(SubmissionKind.Referral, rig.UrgentAnswers);

        var first = await rig.Dispatch.HandleAsync(new AlertRequest(id, AlertKind.UrgentItem), None);
        var second = await rig.Dispatch.HandleAsync(new AlertRequest(id, AlertKind.UrgentItem), None);

        Assert.Equal(AlertOutcome.Sent, first);
        Assert.Equal(AlertOutcome.AlreadyHandled, second);
        var email = Assert.Single(rig.Sender.Sent);
        Assert.Equal("team@study.example", email.To);
        Assert.Equal(AlertDispatch.UrgentSubject, email.Subject);
        Assert.Contains($"https://intake.example.org/team#submission/{id}", email.Body, StringComparison.Ordinal);
        Assert.Contains($"https://intake.example.org/api/submissions/{id}", email.Body, StringComparison.Ordinal);
        Assert.Matches($"^urgent-{id}-v[0-9]+@mbcintake$", email.MessageId);
        var file = await rig.FileAsync(id);
        Assert.False(file.Submission.UrgentAlertPending);
        var entry = file.History[^1];
        Assert.Equal(AlertDispatch.UrgentSentEvent, entry.Event);
        Assert.Equal(Actors.System, entry.By);
        Assert.Single(file.History, h => h.Event == AlertDispatch.UrgentSentEvent);
        Assert.Equal(SubmissionStatus.Routed, file.Submission.Status);
        Assert.Equal(Priority.Urgent, file.Submission.Precheck?.Priority);
    }

    [Fact]
    public async Task The_urgent_e_mail_has_no_name_e_mail_phone_date_of_birth_or_answer_of_the_patient()
    {
        var rig = new Rig(azurite);
        var id = await rig.RoutedAsync(SubmissionKind.Referral, rig.UrgentAnswers);

        await rig.Dispatch.HandleAsync(new AlertRequest(id, AlertKind.UrgentItem), None);

        var file = await rig.FileAsync(id);
        AssertNoPatientDetails(file, Assert.Single(rig.Sender.Sent));
        Assert.DoesNotContain(TestData.Referrer.Name, Assert.Single(rig.Sender.Sent).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_urgent_alert_whose_record_was_not_updated_after_sending_is_sent_again_with_the_same_message_id()
    {
        var rig = new Rig(azurite);
        var id = await rig.RoutedAsync(SubmissionKind.Referral, rig.UrgentAnswers);
        rig.Sender.FailAfterNextSend = true;

        await Assert.ThrowsAsync<IOException>(() => rig.Dispatch.HandleAsync(new AlertRequest(id, AlertKind.UrgentItem), None));
        Assert.True((await rig.FileAsync(id)).Submission.UrgentAlertPending);
        var redelivered = await rig.Dispatch.HandleAsync(new AlertRequest(id, AlertKind.UrgentItem), None);

        Assert.Equal(AlertOutcome.Sent, redelivered);
        Assert.Equal(2, rig.Sender.Sent.Count);
        Assert.Single(rig.Sender.Sent.Select(e => e.MessageId).Distinct());
        Assert.False((await rig.FileAsync(id)).Submission.UrgentAlertPending);
    }

    [Fact]
    public async Task Two_requests_for_one_urgent_alert_handled_side_by_side_send_one_e_mail()
    {
        // A pre-check message handled twice asks for the alert a second time while the first request is
        // on its way; the local host then handles both in one batch. Twenty items make a race likely.
        var rig = new Rig(azurite);
        var ids = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            ids.Add(await rig.RoutedAsync(SubmissionKind.Referral, rig.UrgentAnswers));
        }

        var outcomes = await Task.WhenAll(ids.SelectMany(id => new[]
        {
            Task.Run(() => rig.Dispatch.HandleAsync(new AlertRequest(id, AlertKind.UrgentItem), None)),
            Task.Run(() => rig.Dispatch.HandleAsync(new AlertRequest(id, AlertKind.UrgentItem), None)),
        }));

        Assert.Equal(ids.Count, outcomes.Count(o => o == AlertOutcome.Sent));
        Assert.Equal(ids.Count, outcomes.Count(o => o == AlertOutcome.AlreadyHandled));
        Assert.Equal(ids.Order(StringComparer.Ordinal), rig.Sender.Sent.Select(e => e.MessageId[7..43]).Order(StringComparer.Ordinal));
        foreach (var id in ids)
        {
            Assert.Single((await rig.FileAsync(id)).History, h => h.Event == AlertDispatch.UrgentSentEvent);
        }
    }

    [Fact]
    public async Task An_item_that_is_not_urgent_sends_no_alert_and_records_nothing()
    {
        var rig = new Rig(azurite);
        var id = await rig.RoutedAsync(SubmissionKind.SelfScreening, TestData.Baseline);
        var before = await rig.FileAsync(id);

        var outcome = await rig.Dispatch.HandleAsync(new AlertRequest(id, AlertKind.UrgentItem), None);

        Assert.Equal(AlertOutcome.AlreadyHandled, outcome);
        Assert.Empty(rig.Sender.Sent);
        Assert.Equal(before.History.Count, (await rig.FileAsync(id)).History.Count);
        Assert.Empty(rig.Queued(id));
    }

    [Fact]
    public async Task An_alert_for_an_unknown_submission_is_not_found_and_sends_nothing()
    {
        var rig = new Rig(azurite);

        Assert.Equal(AlertOutcome.NotFound, await rig.Dispatch.HandleAsync(new AlertRequest(TestData.NewId(), AlertKind.UrgentItem), None));
        Assert.Equal(AlertOutcome.NotFound, await rig.Dispatch.HandleAsync(new AlertRequest(TestData.NewId(), AlertKind.ReferrerUpdate, TestData.NewId(), ReferralStatus.Received), None));
        Assert.Empty(rig.Sender.Sent);
    }

    [Fact]
    public async Task A_referrer_update_request_is_recorded_with_who_asked_and_queued_with_ids_and_the_status_only()
    {
        var rig = new Rig(azurite);
        var id = await rig.RoutedAsync(SubmissionKind.Referral, TestData.Baseline with { OncologistConcerns = new OncologistConcerns(false, false, false) });

        await rig.ConfirmedAsync(id);
        var result = await rig.Updates.RequestAsync(id, ReferralStatus.UnderReview, "coordinator@example.org", None);

        Assert.Equal(ActionOutcome.Done, result.Outcome);
        Assert.NotNull(SubmissionId.Normalise(result.RequestId));
        Assert.Equal([new AlertRequest(id, AlertKind.ReferrerUpdate, result.RequestId, ReferralStatus.UnderReview)], rig.Queued(id));
        var entry = (await rig.FileAsync(id)).History[^1];
        Assert.Equal($"Referrer update requested: under review by the study team (request {result.RequestId})", entry.Event);
        Assert.Equal("coordinator@example.org", entry.By);
        Assert.Empty(rig.Sender.Sent);
    }

    [Fact]
    public async Task A_referrer_update_is_e_mailed_to_the_referrer_once_per_request_and_recorded()
    {
        var rig = new Rig(azurite);
        var id = await rig.RoutedAsync(SubmissionKind.Referral, TestData.Baseline with { OncologistConcerns = new OncologistConcerns(false, false, false) });
        await rig.ConfirmedAsync(id);
        var requested = await rig.Updates.RequestAsync(id, ReferralStatus.Contacted, "coordinator@example.org", None);
        var request = Assert.Single(rig.Queued(id));

        var first = await rig.Dispatch.HandleAsync(request, None);
        var second = await rig.Dispatch.HandleAsync(request, None);

        Assert.Equal(AlertOutcome.Sent, first);
        Assert.Equal(AlertOutcome.AlreadyHandled, second);
        var email = Assert.Single(rig.Sender.Sent);
        Assert.Equal(TestData.Referrer.Email, email.To);
        Assert.Equal($"referrer-{requested.RequestId}@mbcintake", email.MessageId);
        Assert.Contains(id, email.Subject, StringComparison.Ordinal);
        Assert.Contains($"Referral: {id}", email.Body, StringComparison.Ordinal);
        var file = await rig.FileAsync(id);
        Assert.Contains($"Received: {file.Submission.ReceivedOn:yyyy-MM-dd}", email.Body, StringComparison.Ordinal);
        Assert.Contains("Status:   the study team has contacted the patient", email.Body, StringComparison.Ordinal);
        Assert.Equal([requested.RequestId!], file.Submission.ReferrerUpdatesSent);
        var told = Assert.Single(file.History, h => h.Event.StartsWith("Referrer told", StringComparison.Ordinal));
        Assert.Equal($"Referrer told: the study team has contacted the patient (request {requested.RequestId})", told.Event);
        Assert.Equal(Actors.System, told.By);
    }

    [Fact]
    public async Task The_referrer_e_mail_has_no_patient_name_contact_date_of_birth_or_answer()
    {
        var rig = new Rig(azurite);
        var id = await rig.RoutedAsync(SubmissionKind.Referral, rig.UrgentAnswers);
        await rig.ConfirmedAsync(id);
        await rig.Updates.RequestAsync(id, ReferralStatus.NotEnrolled, "coordinator@example.org", None);

        await rig.Dispatch.HandleAsync(rig.Queued(id).Single(a => a.Kind == AlertKind.ReferrerUpdate), None);

        var email = Assert.Single(rig.Sender.Sent);
        AssertNoPatientDetails(await rig.FileAsync(id), email);
        Assert.Contains("the patient is not enrolled in the study", email.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_referrer_update_requests_send_two_e_mails_each_with_its_own_message_id()
    {
        var rig = new Rig(azurite);
        var id = await rig.RoutedAsync(SubmissionKind.Referral, TestData.Baseline with { OncologistConcerns = new OncologistConcerns(false, false, false) });
        await rig.ConfirmedAsync(id);
        await rig.Updates.RequestAsync(id, ReferralStatus.Received, "coordinator@example.org", None);
        await rig.Updates.RequestAsync(id, ReferralStatus.Enrolled, "coordinator@example.org", None);

        foreach (var request in rig.Queued(id))
        {
            Assert.Equal(AlertOutcome.Sent, await rig.Dispatch.HandleAsync(request, None));
        }

        Assert.Equal(2, rig.Sender.Sent.Select(e => e.MessageId).Distinct().Count());
        Assert.Equal(2, (await rig.FileAsync(id)).Submission.ReferrerUpdatesSent.Count);
    }

    [Fact]
    public async Task A_referrer_update_for_a_self_screening_or_a_referrer_without_e_mail_is_not_applicable_and_records_nothing()
    {
        var rig = new Rig(azurite);
        var screening = await rig.RoutedAsync(SubmissionKind.SelfScreening, TestData.Baseline);
        var phoneOnly = await rig.RoutedAsync(SubmissionKind.Referral, TestData.Baseline, TestData.Referrer with { Email = null });
        var screeningHistory = (await rig.FileAsync(screening)).History.Count;
        var phoneOnlyHistory = (await rig.FileAsync(phoneOnly)).History.Count;

        var forScreening = await rig.Updates.RequestAsync(screening, ReferralStatus.UnderReview, "coordinator@example.org", None);
        var forPhoneOnly = await rig.Updates.RequestAsync(phoneOnly, ReferralStatus.UnderReview, "coordinator@example.org", None);
        var forUnknown = await rig.Updates.RequestAsync(TestData.NewId(), ReferralStatus.UnderReview, "coordinator@example.org", None);

        Assert.Equal(ActionOutcome.NotApplicable, forScreening.Outcome);
        Assert.Contains("self-screening", forScreening.Detail, StringComparison.Ordinal);
        Assert.Equal(ActionOutcome.NotApplicable, forPhoneOnly.Outcome);
        Assert.Contains("no e-mail address", forPhoneOnly.Detail, StringComparison.Ordinal);
        Assert.Equal(ActionOutcome.NotFound, forUnknown.Outcome);
        Assert.DoesNotContain(rig.Queued(screening), a => a.Kind == AlertKind.ReferrerUpdate);
        Assert.DoesNotContain(rig.Queued(phoneOnly), a => a.Kind == AlertKind.ReferrerUpdate);
        Assert.Equal(screeningHistory, (await rig.FileAsync(screening)).History.Count);
        Assert.Equal(phoneOnlyHistory, (await rig.FileAsync(phoneOnly)).History.Count);
    }

    [Fact]
    public async Task A_queued_referrer_update_for_a_referrer_without_e_mail_has_no_recipient_and_sends_nothing()
    {
        var rig = new Rig(azurite);
        var phoneOnly = await rig.RoutedAsync(SubmissionKind.Referral, TestData.Baseline, TestData.Referrer with { Email = null });

        var outcome = await rig.Dispatch.HandleAsync(new AlertRequest(phoneOnly, AlertKind.ReferrerUpdate, TestData.NewId(), ReferralStatus.Received), None);

        Assert.Equal(AlertOutcome.NoRecipient, outcome);
        Assert.Empty(rig.Sender.Sent);
        Assert.Empty((await rig.FileAsync(phoneOnly)).Submission.ReferrerUpdatesSent);
    }

    [Fact]
    public async Task A_referrer_update_before_the_address_is_confirmed_is_refused_with_what_to_do_and_nothing_is_queued_or_recorded()
    {
        var rig = new Rig(azurite);
        var id = await rig.RoutedAsync(SubmissionKind.Referral, TestData.Baseline);
        var history = (await rig.FileAsync(id)).History.Count;

        var result = await rig.Updates.RequestAsync(id, ReferralStatus.Enrolled, "coordinator@example.org", None);

        Assert.Equal(ActionOutcome.NotApplicable, result.Outcome);
        Assert.Contains("not confirmed", result.Detail, StringComparison.Ordinal);
        Assert.Contains("referrer-confirmation", result.Detail, StringComparison.Ordinal);
        Assert.Empty(rig.Queued(id));
        Assert.Equal(history, (await rig.FileAsync(id)).History.Count);
    }

    [Fact]
    public async Task A_queued_referrer_update_for_an_unconfirmed_address_is_not_sent_and_the_history_says_so_once()
    {
        var rig = new Rig(azurite);
        var id = await rig.RoutedAsync(SubmissionKind.Referral, TestData.Baseline);
        // Queued before confirmations existed (or by anything that skipped the check): the send checks again.
        var request = new AlertRequest(id, AlertKind.ReferrerUpdate, TestData.NewId(), ReferralStatus.Enrolled);

        Assert.Equal(AlertOutcome.NotConfirmed, await rig.Dispatch.HandleAsync(request, None));
        Assert.Equal(AlertOutcome.AlreadyHandled, await rig.Dispatch.HandleAsync(request, None));

        Assert.Empty(rig.Sender.Sent);
        var file = await rig.FileAsync(id);
        var entry = Assert.Single(file.History, h => h.Event.StartsWith("Referrer update not sent", StringComparison.Ordinal));
        Assert.Contains(request.RequestId!, entry.Event, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_confirmation_is_recorded_once_with_who_confirmed_it_whatever_the_case_of_the_address()
    {
        var rig = new Rig(azurite);
        var id = await rig.RoutedAsync(SubmissionKind.Referral, TestData.Baseline);

        var first = await rig.Updates.ConfirmAsync(id, "  " + TestData.Referrer.Email!.ToUpperInvariant() + " ", "coordinator@example.org", None);
        var again = await rig.Updates.ConfirmAsync(id, TestData.Referrer.Email!, "someone.else@example.org", None);

        Assert.Equal(ActionOutcome.Done, first.Outcome);
        Assert.Equal(ActionOutcome.Done, again.Outcome);
        var file = await rig.FileAsync(id);
        var entry = Assert.Single(file.History, h => h.Event == ReferrerUpdates.ConfirmedEvent);
        Assert.Equal("coordinator@example.org", entry.By);
        Assert.Equal("coordinator@example.org", file.Submission.ReferrerConfirmed!.By);
        Assert.True(ReferrerUpdates.IsConfirmed(file));
    }

    [Fact]
    public async Task Another_address_or_a_submission_without_a_referrer_address_cannot_be_confirmed_and_nothing_is_recorded()
    {
        var rig = new Rig(azurite);
        var referral = await rig.RoutedAsync(SubmissionKind.Referral, TestData.Baseline);
        var phoneOnly = await rig.RoutedAsync(SubmissionKind.Referral, TestData.Baseline, TestData.Referrer with { Email = null });
        var screening = await rig.RoutedAsync(SubmissionKind.SelfScreening, TestData.Baseline);
        var history = (await rig.FileAsync(referral)).History.Count;

        var other = await rig.Updates.ConfirmAsync(referral, "someone@elsewhere.example", "coordinator@example.org", None);
        var none = await rig.Updates.ConfirmAsync(phoneOnly, "x@example.org", "coordinator@example.org", None);
        var self = await rig.Updates.ConfirmAsync(screening, "x@example.org", "coordinator@example.org", None);
        var unknown = await rig.Updates.ConfirmAsync(TestData.NewId(), "x@example.org", "coordinator@example.org", None);

        Assert.True(other.OtherAddress);
        Assert.Equal(ActionOutcome.NotApplicable, other.Outcome);
        Assert.Equal((ActionOutcome.NotApplicable, false), (none.Outcome, none.OtherAddress));
        Assert.Equal((ActionOutcome.NotApplicable, false), (self.Outcome, self.OtherAddress));
        Assert.Equal(ActionOutcome.NotFound, unknown.Outcome);
        var file = await rig.FileAsync(referral);
        Assert.Equal(history, file.History.Count);
        Assert.False(ReferrerUpdates.IsConfirmed(file));
    }
}
