using System.Diagnostics.Metrics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Intake.Functions.Storage;
using Intake.Functions.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;

namespace Intake.Functions.Tests;

/// <summary>A clock the test moves by hand (a <see cref="TimeProvider"/> subclass, no timers).</summary>
internal sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private long _utcTicks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _utcTicks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _utcTicks, by.Ticks);
}

/// <summary>Answers, submissions and request bodies shared by the tests.</summary>
internal static class TestData
{
    public const string SiteTimeZone = "America/Chicago";

    public static string NewId() => Guid.NewGuid().ToString("D");

    private static int _birthdays = Random.Shared.Next(0, 9_000);

    /// <summary>
    /// A date of birth no other call in this test run gets (1900 onward, before any fixed date the tests
    /// use): the people table keys rows by date of birth, and the tests share one Azurite, so two tests
    /// drawing the same random date would each see the other's entries.
    /// </summary>
    public static DateOnly UniqueBirthday() => new DateOnly(1900, 1, 1).AddDays(Interlocked.Increment(ref _birthdays));

    public static SiteCalendar Calendar(TimeProvider? time = null) => SiteCalendar.For(SiteTimeZone, time ?? TimeProvider.System);

    public static PrecheckEngine Engine { get; } = new(RuleSet.Nct03737695);

    /// <summary>The tests' own person key (never a real one): the same as <see cref="IntakeServices"/> gives the app.</summary>
    public const string PersonKey = "test-person-key-of-the-functions-tests-0123456789";

    /// <summary>Person digests with <see cref="PersonKey"/>.</summary>
    public static PersonDigests PersonDigests { get; } = new(System.Text.Encoding.UTF8.GetBytes(PersonKey));

    /// <summary>The app's metrics on a meter of their own (a test listens with a <see cref="System.Diagnostics.Metrics.MeterListener"/> when it cares).</summary>
    public static IntakeMetrics Metrics(IPoisonQueues? poison = null, TimeProvider? time = null) => new(
        new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>(),
        poison ?? Mock.Of<IPoisonQueues>(), time ?? TimeProvider.System, NullLogger<IntakeMetrics>.Instance);

    /// <summary>A pre-check message as the queue trigger binds it.</summary>
    public static QueueMessage PrecheckMessage(string? submissionId, string? traceparent = null, DateTimeOffset? insertedOn = null) =>
        PrecheckMessage(BinaryData.FromString(JsonSerializer.Serialize(new PrecheckRequest(submissionId!, traceparent), JsonSerializerOptions.Web)), insertedOn);

    /// <summary>A queue message with this body, as the queue trigger binds it.</summary>
    public static QueueMessage PrecheckMessage(BinaryData body, DateTimeOffset? insertedOn = null) =>
        QueuesModelFactory.QueueMessage(Guid.NewGuid().ToString(), "receipt", body, dequeueCount: 1, insertedOn: insertedOn ?? DateTimeOffset.UtcNow);

    /// <summary>eligibility.md's all-Met baseline (a self-screening): likely eligible, priority High.</summary>
    public static Answers Baseline => Intake.Testing.SpecExamples.Baseline;

    /// <summary>A referral's answers with every field answered, the oncologist's included.</summary>
    public static Answers EveryField { get; } = Baseline with
    {
        MetastaticSites = [Site.Liver, Site.PleuralFluid, Site.Bone],
        ScheduledClinicalBiopsy = new ScheduledClinicalBiopsy(Site.Liver, new DateOnly(2026, 12, 3)),
        ResearchBiopsyPlan = new ResearchBiopsyPlan(Site.Liver, Anesthesia.IvConsciousSedation),
        EffusionCytologyConfirmed = YesNoUnknown.Unknown,
        OncologistConcerns = new OncologistConcerns(false, null, true),
    };

    /// <summary>Answers the pre-check screens out (I1 not met).</summary>
    public static Answers Ineligible { get; } = Baseline with { BreastCancer = BreastCancerDiagnosis.None };

    public static Contact Contact { get; } = new("Ada Example", "ada@example.org", "+1 507 555 0100", "en");

    public static Referrer Referrer { get; } = new("Dr. Grace Example", "Example Oncology", "grace@example.org", "+1 507 555 0199");

    public static SubmissionDraft Draft(string id, Answers? answers = null, Contact? contact = null) =>
        new(id, SubmissionKind.SelfScreening, answers ?? Baseline, contact ?? Contact, null);

    public static Submission Submission(string id, DateTimeOffset receivedAt, SubmissionKind kind = SubmissionKind.SelfScreening, Answers? answers = null, SiteCalendar? calendar = null)
    {
        var draft = new SubmissionDraft(id, kind, answers ?? Baseline, Contact, kind == SubmissionKind.Referral ? Referrer : null);
        return new Submission
        {
            Id = id,
            Kind = kind,
            ReceivedAt = receivedAt,
            ReceivedOn = (calendar ?? Calendar()).DateAt(receivedAt),
            Answers = draft.Answers,
            Fingerprint = draft.Fingerprint,
            Version = 1,
        };
    }

    /// <summary>The baseline's answers as JSON.</summary>
    public static JsonObject AnswersJson() => Intake.Testing.SpecExamples.BaselineJson();

    /// <summary>A valid <c>POST /api/screenings</c> body.</summary>
    public static JsonObject ScreeningBody(string? id = null)
    {
        var body = new JsonObject();
        if (id is not null)
        {
            body["id"] = id;
        }
        body["answers"] = AnswersJson();
        body["contact"] = new JsonObject { ["name"] = "Ada Example", ["email"] = "ada@example.org", ["phone"] = "+1 507 555 0100", ["preferredLanguage"] = "en" };
        body["consentToContact"] = true;
        return body;
    }

    /// <summary>A valid <c>POST /api/referrals</c> body.</summary>
    public static JsonObject ReferralBody(string? id = null)
    {
        var body = new JsonObject();
        if (id is not null)
        {
            body["id"] = id;
        }
        var answers = AnswersJson();
        answers["oncologistConcerns"] = new JsonObject { ["seriousComorbidity"] = false, ["biopsySafetyRisk"] = false, ["hazardousCondition"] = false };
        answers["researchBiopsyPlan"] = new JsonObject { ["site"] = "liver", ["anesthesia"] = "local" };
        body["answers"] = answers;
        body["patient"] = new JsonObject { ["name"] = "Ada Example", ["phone"] = "+1 507 555 0100" };
        body["referrer"] = new JsonObject { ["name"] = "Dr. Grace Example", ["institution"] = "Example Oncology", ["email"] = "grace@example.org" };
        body["patientAwareOfReferral"] = true;
        return body;
    }

    public static byte[] Utf8(JsonNode body) => Encoding.UTF8.GetBytes(body.ToJsonString());

    /// <summary>A list line as the store keeps it (the list follows the result).</summary>
    public static WorklistItem Line(string id, SubmissionKind kind, PrecheckResult result, Priority? priority, DateTimeOffset receivedAt,
        DateOnly? biopsy, TeamStatus teamStatus, string summary, string[] notMetReasons) => new()
    {
        Id = id,
        List = result == PrecheckResult.LikelyIneligible ? TeamList.ScreenedOut : TeamList.Worklist,
        Kind = kind,
        Result = result,
        Priority = priority,
        ReceivedAt = receivedAt,
        ScheduledBiopsyDate = biopsy,
        TeamStatus = teamStatus,
        Summary = summary,
        NotMetReasons = notMetReasons,
        PersonId = id,
    };
}
