using System.Text.Json;
using Intake.Functions.Triggers;
using Intake.Functions.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;

namespace Intake.Functions.Tests;

/// <summary><see cref="AlertFunction"/> with its store and sender mocked, and the alert message as it crosses the queue.</summary>
public sealed class AlertFunctionTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    private readonly Mock<ISubmissionStore> _store = new(MockBehavior.Strict);
    private readonly Mock<IAlertSender> _sender = new(MockBehavior.Strict);
    private readonly Mock<ISubmissionErasure> _erasure = new();
    private readonly AlertFunction _function;

    public AlertFunctionTests()
    {
        var changes = new SubmissionChanges(_store.Object, Mock.Of<ITeamLists>(), Mock.Of<IAlertQueue>(), TestData.Calendar());
        // Every urgent alert here fits in the hour's budget; the budget itself is tested against Azurite (AlertBudgetTests).
        var budget = new Mock<IAlertBudget>();
        budget.Setup(b => b.TakeAsync(It.IsAny<string>(), It.IsAny<int>(), It.IsAny<DateTimeOffset>(), It.IsAny<int>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string _, int _, DateTimeOffset window, int _, CancellationToken _) => new AlertSlot(AlertDelivery.Single, window));
        var dispatch = new AlertDispatch(_store.Object, changes, _sender.Object,
            new AlertSettings("team@study.example", "mbcintake@study.example", new Uri("http://localhost:7071")), budget.Object, TestData.Calendar());
        _function = new AlertFunction(dispatch, _erasure.Object, NullLogger<AlertFunction>.Instance);
    }

    /// <summary>What the local host's queue trigger does with a message body: System.Text.Json with web defaults, no converters.</summary>
    private static AlertRequest? AsTheTriggerReadsIt(string message) => JsonSerializer.Deserialize<AlertRequest>(message, new JsonSerializerOptions(JsonSerializerDefaults.Web));

    public static TheoryData<AlertRequest> Requests => new()
    {
        new AlertRequest("3f1c2a4e-8b7d-4c1a-9e2f-5a6b7c8d9e0f", AlertKind.UrgentItem),
        new AlertRequest("3f1c2a4e-8b7d-4c1a-9e2f-5a6b7c8d9e0f", AlertKind.ReferrerUpdate, "0b8e2f8a-1c33-4d52-9a43-2c1f3e4d5a6b", ReferralStatus.UnderReview),
        new AlertRequest("3f1c2a4e-8b7d-4c1a-9e2f-5a6b7c8d9e0f", AlertKind.ReferrerUpdate, "0b8e2f8a-1c33-4d52-9a43-2c1f3e4d5a6b", ReferralStatus.NotEnrolled),
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public void An_alert_message_as_the_queue_writes_it_reads_back_the_same_with_the_triggers_web_defaults(AlertRequest request)
    {
        var message = JsonSerializer.Serialize(request, QueueAlertQueue.Json);

        Assert.Equal(request, AsTheTriggerReadsIt(message));
    }

    [Fact]
    public void An_alert_message_carries_ids_and_enumeration_names_only()
    {
        var message = JsonSerializer.Serialize(new AlertRequest("3f1c2a4e-8b7d-4c1a-9e2f-5a6b7c8d9e0f", AlertKind.ReferrerUpdate, "0b8e2f8a-1c33-4d52-9a43-2c1f3e4d5a6b", ReferralStatus.UnderReview), QueueAlertQueue.Json);

        Assert.Equal("""{"submissionId":"3f1c2a4e-8b7d-4c1a-9e2f-5a6b7c8d9e0f","kind":"ReferrerUpdate","requestId":"0b8e2f8a-1c33-4d52-9a43-2c1f3e4d5a6b","status":"UnderReview"}""", message);
    }

    [Theory]
    [InlineData("""{"submissionId":"3f1c2a4e-8b7d-4c1a-9e2f-5a6b7c8d9e0f","kind":"UrgentItem"}""", AlertKind.UrgentItem)]
    [InlineData("""{"submissionId":"3f1c2a4e-8b7d-4c1a-9e2f-5a6b7c8d9e0f","kind":"urgentItem"}""", AlertKind.UrgentItem)]
    [InlineData("""{"SubmissionId":"3f1c2a4e-8b7d-4c1a-9e2f-5a6b7c8d9e0f","Kind":"ReferrerUpdate"}""", AlertKind.ReferrerUpdate)]
    public void An_alert_message_written_by_another_serializer_still_reads(string message, AlertKind kind)
    {
        Assert.Equal(kind, AsTheTriggerReadsIt(message)!.Kind);
    }

    [Theory]
    [InlineData("not-a-uuid")]
    [InlineData("")]
    [InlineData("3f1c2a4e8b7d4c1a9e2f5a6b7c8d9e0f")]
    public async Task An_alert_without_a_UUID_throws_so_the_message_goes_to_poison_and_nothing_is_read_or_sent(string submissionId)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => _function.SendAlert(new AlertRequest(submissionId, AlertKind.UrgentItem), None));

        _store.VerifyNoOtherCalls();
        _sender.VerifyNoOtherCalls();
    }

    [Theory]
    [InlineData(null, ReferralStatus.Received)]
    [InlineData("request-1", ReferralStatus.Received)]
    [InlineData("0b8e2f8a-1c33-4d52-9a43-2c1f3e4d5a6b", null)]
    [InlineData("0b8e2f8a-1c33-4d52-9a43-2c1f3e4d5a6b", (ReferralStatus)42)]
    public async Task A_referrer_update_without_its_request_id_or_status_throws_and_sends_nothing(string? requestId, ReferralStatus? status)
    {
        var request = new AlertRequest(TestData.NewId(), AlertKind.ReferrerUpdate, requestId, status);

        await Assert.ThrowsAsync<ArgumentException>(() => _function.SendAlert(request, None));

        _store.VerifyNoOtherCalls();
        _sender.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task An_alert_of_an_unknown_kind_throws()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => _function.SendAlert(new AlertRequest(TestData.NewId(), (AlertKind)7), None));

        _sender.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task An_alert_for_an_unknown_submission_throws_so_the_message_is_retried_then_poisoned()
    {
        var id = TestData.NewId();
        _store.Setup(s => s.GetAsync(id, It.IsAny<CancellationToken>())).ReturnsAsync((Submission?)null);

        await Assert.ThrowsAsync<KeyNotFoundException>(() => _function.SendAlert(new AlertRequest(id, AlertKind.UrgentItem), None));

        _sender.VerifyNoOtherCalls();
    }

    [Theory]
    [InlineData(AlertKind.UrgentItem)]
    [InlineData(AlertKind.ReferrerUpdate)]
    public async Task An_alert_for_an_erased_submission_completes_without_sending_or_retrying(AlertKind kind)
    {
        var id = TestData.NewId();
        _store.Setup(s => s.GetAsync(id, It.IsAny<CancellationToken>())).ReturnsAsync((Submission?)null);
        _store.Setup(s => s.GetFileAsync(id, It.IsAny<CancellationToken>())).ReturnsAsync((SubmissionFile?)null);
        _erasure.Setup(e => e.ErasedAsync(id, It.IsAny<CancellationToken>())).ReturnsAsync(new ErasedSubmission(id, SubmissionKind.Referral, "2026-11", PrecheckResult.LikelyIneligible, ["I8"], DateTimeOffset.Parse("2026-12-01T09:30:00Z", System.Globalization.CultureInfo.InvariantCulture), "manager@site.example", "The person asked"));

        await _function.SendAlert(kind == AlertKind.UrgentItem ? new AlertRequest(id, kind) : new AlertRequest(id, kind, TestData.NewId(), ReferralStatus.UnderReview), None);

        _sender.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task An_urgent_alert_already_sent_completes_without_sending()
    {
        var id = TestData.NewId();
        _store.Setup(s => s.GetAsync(id, It.IsAny<CancellationToken>())).ReturnsAsync(TestData.Submission(id, DateTimeOffset.UtcNow) with { UrgentAlertPending = false });

        await _function.SendAlert(new AlertRequest(id.ToUpperInvariant(), AlertKind.UrgentItem), None);

        _sender.VerifyNoOtherCalls();
        _store.Verify(s => s.TryUpdateAsync(It.IsAny<Submission>(), It.IsAny<HistoryEntry>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task A_send_that_fails_throws_so_the_message_is_tried_again_and_the_flag_stays()
    {
        var id = TestData.NewId();
        _store.Setup(s => s.GetAsync(id, It.IsAny<CancellationToken>())).ReturnsAsync(TestData.Submission(id, DateTimeOffset.UtcNow) with { UrgentAlertPending = true });
        _sender.Setup(s => s.SendAsync(It.IsAny<AlertEmail>(), It.IsAny<CancellationToken>())).ThrowsAsync(new IOException("Connection refused"));

        await Assert.ThrowsAsync<IOException>(() => _function.SendAlert(new AlertRequest(id, AlertKind.UrgentItem), None));

        _store.Verify(s => s.TryUpdateAsync(It.IsAny<Submission>(), It.IsAny<HistoryEntry>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task A_referrer_update_for_a_referrer_without_e_mail_completes_without_sending_or_retrying()
    {
        var id = TestData.NewId();
        var submission = TestData.Submission(id, DateTimeOffset.UtcNow, SubmissionKind.Referral);
        var file = new SubmissionFile(submission, TestData.Contact, TestData.Referrer with { Email = null }, []);
        _store.Setup(s => s.GetFileAsync(id, It.IsAny<CancellationToken>())).ReturnsAsync(file);

        await _function.SendAlert(new AlertRequest(id, AlertKind.ReferrerUpdate, TestData.NewId(), ReferralStatus.Received), None);

        _sender.VerifyNoOtherCalls();
    }
}
