using Intake.Functions.Http;
using Intake.Functions.Triggers;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Moq;

namespace Intake.Functions.Tests;

/// <summary>
/// The exact bytes every JSON answer of the service has on the wire (status, content type and
/// body), captured from the hand-written writers before they became response records: member
/// order, nulls written or left out, enumeration casing, date and time formats and escaping
/// (non-ASCII letters, <c>&amp;</c>, quotes) must not move when the writing code does.
/// </summary>
public sealed class ResponseGoldenTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    private const string Id = "3f1c2a4e-8b7d-4c1a-9e2f-5a6b7c8d9e0f";
    private const string OtherId = "7a0d9c1b-2e3f-4a5b-8c6d-0e1f2a3b4c5d";
    private const string ThirdId = "c5d4e3f2-a1b0-4c9d-8e7f-6a5b4c3d2e1f";

    private static readonly DateTimeOffset Received = new(2026, 11, 26, 15, 4, 5, 123, TimeSpan.Zero);
    private static readonly DateTimeOffset Evaluated = new(2026, 11, 26, 15, 5, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Chicago = new(2026, 11, 27, 9, 30, 0, TimeSpan.FromHours(-6));

    private static readonly Contact Person = new("José Müller-O'Brien", "jose@example.org", null, "es");

    private static readonly Precheck Eligible = new(PrecheckResult.LikelyEligible, Priority.High, Site.Liver,
        [new("I1", Outcome.Met, "Invasive breast cancer, confirmed."), new("I7", Outcome.Met, "Age ≥ 18 (\"adult\") & born 1972-03-15 <ok>.")],
        "2026.11", new DateOnly(2026, 11, 26));

    private static readonly Precheck NeedsReview = new(PrecheckResult.NeedsReview, null, null,
        [new("I4", Outcome.Unknown, "Archived primary tissue not known."), new("E2", Outcome.ClinicianReview, "The oncologist's opinion.")],
        "2026.11", new DateOnly(2026, 11, 27));

    private readonly Mock<ISubmissionStore> _store = new();
    private readonly Mock<ITeamLists> _lists = new();
    private readonly Mock<IPeopleIndex> _people = new();
    private readonly Mock<ISubmissionErasure> _erasure = new();

    private StaffFunctions Staff => new(_store.Object, _lists.Object, new PersonLinking(_people.Object), _erasure.Object);

    private static void Same(string expected, Answer answer, int status = StatusCodes.Status200OK)
    {
        Assert.Equal(status, answer.Status);
        Assert.Equal("application/json; charset=utf-8", answer.ContentType);
        Assert.Equal(expected, answer.Body);
    }

    private async Task<Answer> GetFileAsync(SubmissionFile file)
    {
        _store.Setup(s => s.GetFileAsync(file.Submission.Id, It.IsAny<CancellationToken>())).ReturnsAsync(file);
        var request = HttpTesting.Get(file.Submission.Id);
        return await HttpTesting.ExecuteAsync(await Staff.GetSubmission(request, file.Submission.Id, None), request);
    }

    private static PersonKeys Keys(Contact contact) => PersonKeys.Of(new DateOnly(1972, 3, 15), contact, TestData.PersonDigests);

    [Fact]
    public async Task A_worked_self_screening_with_linked_submissions()
    {
        var submission = TestData.Submission(Id, Received) with
        {
            Status = SubmissionStatus.Routed,
            Precheck = Eligible,
            EvaluatedAt = Evaluated,
            TeamStatus = TeamStatus.Contacted,
            AssignedTo = "ann@example.org",
            LastContactAttempt = new ContactAttempt(ContactChannel.Phone, ContactOutcome.LeftMessage, Chicago, "ann@example.org", "Voicemail; calls back \"after 5\" & on Fridays."),
            NextContactOn = new DateOnly(2026, 11, 30),
            PersonKeys = Keys(Person),
            PersonId = Id,
        };
        _people.Setup(p => p.BornOnAsync(new DateOnly(1972, 3, 15), It.IsAny<CancellationToken>())).ReturnsAsync(
        [
            new PersonEntry(ThirdId, Id, Keys(Person), Received.AddDays(2)),
            new PersonEntry(Id, Id, Keys(Person), Received),
            new PersonEntry(OtherId, Id, Keys(Person), Received.AddDays(1)),
        ]);
        HistoryEntry[] history = [new(Received, "Self-screening received", Actors.Public), new(Chicago, "Contact attempt: phone, left message", "ann@example.org")];

        Same(
            """{"id":"3f1c2a4e-8b7d-4c1a-9e2f-5a6b7c8d9e0f","kind":"selfScreening","receivedAt":"2026-11-26T15:04:05.123+00:00","status":"Routed","answers":{"dateOfBirth":"1972-03-15","sex":"female","breastCancer":"invasiveConfirmed","distantMetastasis":"yes","metastaticSites":["bone","liver"],"diseaseStatus":"progressing","primaryTissue":"ffpe","willingResearchBiopsy":"yes","ecog":1,"canConsent":"yes","pregnant":"no","localAnestheticAllergy":"no","cognitiveImpairment":"no"},"contact":{"name":"Jos\u00E9 M\u00FCller-O\u0027Brien","email":"jose@example.org","phone":null,"preferredLanguage":"es"},"referrer":null,"precheck":{"result":"LikelyEligible","priority":"High","rulesetVersion":"2026.11","today":"2026-11-26","collectionSource":"liver","criteria":[{"id":"I1","outcome":"Met","reason":"Invasive breast cancer, confirmed."},{"id":"I7","outcome":"Met","reason":"Age \u2265 18 (\u0022adult\u0022) \u0026 born 1972-03-15 \u003Cok\u003E."}],"evaluatedAt":"2026-11-26T15:05:00+00:00"},"teamStatus":"Contacted","assignedTo":"ann@example.org","lastContactAttempt":{"channel":"phone","outcome":"leftMessage","at":"2026-11-27T09:30:00-06:00","by":"ann@example.org","note":"Voicemail; calls back \u0022after 5\u0022 \u0026 on Fridays."},"nextContactOn":"2026-11-30","reopened":false,"followUps":[],"personId":"3f1c2a4e-8b7d-4c1a-9e2f-5a6b7c8d9e0f","linkedSubmissions":["7a0d9c1b-2e3f-4a5b-8c6d-0e1f2a3b4c5d","c5d4e3f2-a1b0-4c9d-8e7f-6a5b4c3d2e1f"],"history":[{"at":"2026-11-26T15:04:05.123+00:00","event":"Self-screening received","by":"public"},{"at":"2026-11-27T09:30:00-06:00","event":"Contact attempt: phone, left message","by":"ann@example.org"}]}""",
            await GetFileAsync(new SubmissionFile(submission, Person, null, history)));
    }

    [Fact]
    public async Task A_reopened_referral_marked_not_genuine_with_a_confirmed_referrer()
    {
        var submission = TestData.Submission(OtherId, Received, SubmissionKind.Referral, TestData.EveryField) with
        {
            Status = SubmissionStatus.NotGenuine,
            NotGenuine = new NotGenuineMark(Chicago, "mia@example.org", "Test entry from a \"partner\" <script>"),
            ReferrerConfirmed = new ReferrerConfirmation(Evaluated, "ann@example.org", TestData.Referrer.Email!),
            Precheck = NeedsReview,
            Reopened = true,
            PersonId = Id,
        };

        Same(
            """{"id":"7a0d9c1b-2e3f-4a5b-8c6d-0e1f2a3b4c5d","kind":"referral","receivedAt":"2026-11-26T15:04:05.123+00:00","status":"NotGenuine","notGenuine":{"markedAt":"2026-11-27T09:30:00-06:00","by":"mia@example.org","reason":"Test entry from a \u0022partner\u0022 \u003Cscript\u003E","removalDue":"2026-12-27T09:30:00-06:00"},"answers":{"dateOfBirth":"1972-03-15","sex":"female","breastCancer":"invasiveConfirmed","distantMetastasis":"yes","metastaticSites":["liver","pleuralFluid","bone"],"diseaseStatus":"progressing","primaryTissue":"ffpe","scheduledClinicalBiopsy":{"site":"liver","date":"2026-12-03"},"willingResearchBiopsy":"yes","researchBiopsyPlan":{"site":"liver","anesthesia":"ivConsciousSedation"},"effusionCytologyConfirmed":"unknown","ecog":1,"canConsent":"yes","pregnant":"no","localAnestheticAllergy":"no","cognitiveImpairment":"no","oncologistConcerns":{"seriousComorbidity":false,"hazardousCondition":true}},"contact":{"name":"Ada Example","email":"ada@example.org","phone":"\u002B1 507 555 0100","preferredLanguage":"en"},"referrer":{"name":"Dr. Grace Example","institution":"Example Oncology","email":"grace@example.org","phone":"\u002B1 507 555 0199","emailConfirmed":{"at":"2026-11-26T15:05:00+00:00","by":"ann@example.org"}},"precheck":{"result":"NeedsReview","priority":null,"rulesetVersion":"2026.11","today":"2026-11-27","collectionSource":null,"criteria":[{"id":"I4","outcome":"Unknown","reason":"Archived primary tissue not known."},{"id":"E2","outcome":"ClinicianReview","reason":"The oncologist\u0027s opinion."}]},"teamStatus":"New","assignedTo":null,"lastContactAttempt":null,"nextContactOn":null,"reopened":true,"followUps":["I4: Ask the referring oncologist which pathology lab holds the primary tumour, and whether an FFPE block (or fresh frozen tissue, preferred if available) is archived there."],"personId":"3f1c2a4e-8b7d-4c1a-9e2f-5a6b7c8d9e0f","linkedSubmissions":[],"history":[{"at":"2026-11-26T15:04:05.123+00:00","event":"Referral received","by":"public"}]}""",
            await GetFileAsync(new SubmissionFile(submission, TestData.Contact, TestData.Referrer, [new(Received, "Referral received", Actors.Public)])));
    }

    [Fact]
    public async Task A_referral_not_yet_prechecked_with_an_unconfirmed_referrer()
    {
        var submission = TestData.Submission(ThirdId, Received, SubmissionKind.Referral, TestData.Baseline with { Ecog = null, Pregnant = null });

        Same(
            """{"id":"c5d4e3f2-a1b0-4c9d-8e7f-6a5b4c3d2e1f","kind":"referral","receivedAt":"2026-11-26T15:04:05.123+00:00","status":"Received","answers":{"dateOfBirth":"1972-03-15","sex":"female","breastCancer":"invasiveConfirmed","distantMetastasis":"yes","metastaticSites":["bone","liver"],"diseaseStatus":"progressing","primaryTissue":"ffpe","willingResearchBiopsy":"yes","canConsent":"yes","localAnestheticAllergy":"no","cognitiveImpairment":"no"},"contact":{"name":"Ada","email":null,"phone":null,"preferredLanguage":null},"referrer":{"name":"Dr. Ng","institution":"Clinic","email":null,"phone":null,"emailConfirmed":null},"precheck":null,"teamStatus":"New","assignedTo":null,"lastContactAttempt":null,"nextContactOn":null,"reopened":false,"followUps":[],"personId":"c5d4e3f2-a1b0-4c9d-8e7f-6a5b4c3d2e1f","linkedSubmissions":[],"history":[]}""",
            await GetFileAsync(new SubmissionFile(submission, new Contact("Ada", null, null, null), new Referrer("Dr. Ng", "Clinic", null, null), [])));
    }

    private static WorklistItem Item(string id, TeamList list, Priority? priority, DateOnly? biopsy, string[] notMet, string[] followUps) => new()
    {
        Id = id,
        List = list,
        Kind = id == Id ? SubmissionKind.SelfScreening : SubmissionKind.Referral,
        Result = list == TeamList.ScreenedOut ? PrecheckResult.LikelyIneligible : priority is null ? PrecheckResult.NeedsReview : PrecheckResult.LikelyEligible,
        Priority = priority,
        ReceivedAt = Received,
        ScheduledBiopsyDate = biopsy,
        TeamStatus = TeamStatus.New,
        Summary = "Clinical biopsy on 2026-12-03. Every criterion the answers can settle is met",
        NotMetReasons = notMet,
        FollowUps = followUps,
        PersonId = Id,
        Reopened = id == OtherId,
        AssignedTo = id == Id ? "ann@example.org" : null,
        LastContactAttempt = id == Id ? new ContactAttempt(ContactChannel.Email, ContactOutcome.NoAnswer, Chicago, "ann@example.org", null) : null,
        NextContactOn = id == Id ? new DateOnly(2026, 12, 1) : null,
    };

    private static readonly WorklistItem Urgent = Item(Id, TeamList.Worklist, Priority.Urgent, new DateOnly(2026, 12, 3), [], ["Is archived primary tissue available?"]);
    private static readonly WorklistItem Unprioritised = Item(OtherId, TeamList.Worklist, null, null, [], []);
    private static readonly WorklistItem ScreenedOut = Item(ThirdId, TeamList.ScreenedOut, null, null, ["I8: ECOG 3 is above 2.", "E5: Pregnant & \"unsure\"."], []);

    private async Task<Answer> ListAsync(TeamList list, WorklistPage page)
    {
        _lists.Setup(l => l.PageAsync(list, It.IsAny<WorklistFilter>(), It.IsAny<int>(), It.IsAny<string?>(), It.IsAny<CancellationToken>())).ReturnsAsync(page);
        var request = HttpTesting.Get();
        return await HttpTesting.ExecuteAsync(list == TeamList.Worklist ? await Staff.GetWorklist(request, None) : await Staff.GetScreenedOut(request, None), request);
    }

    [Fact]
    public async Task A_worklist_page_with_a_next_page()
    {
        var page = new WorklistPage([Urgent, Unprioritised], new Dictionary<string, Contact> { [Id] = Person }, "cursor+/=&next");

        Same("""{"items":[{"id":"3f1c2a4e-8b7d-4c1a-9e2f-5a6b7c8d9e0f","kind":"selfScreening","priority":"Urgent","result":"LikelyEligible","receivedAt":"2026-11-26T15:04:05.123+00:00","scheduledBiopsyDate":"2026-12-03","teamStatus":"New","summary":"Clinical biopsy on 2026-12-03. Every criterion the answers can settle is met","followUps":["Is archived primary tissue available?"],"personId":"3f1c2a4e-8b7d-4c1a-9e2f-5a6b7c8d9e0f","reopened":false,"assignedTo":"ann@example.org","lastContactAttempt":{"channel":"email","outcome":"noAnswer","at":"2026-11-27T09:30:00-06:00","by":"ann@example.org"},"nextContactOn":"2026-12-01","name":"Jos\u00E9 M\u00FCller-O\u0027Brien","email":"jose@example.org","phone":null},{"id":"7a0d9c1b-2e3f-4a5b-8c6d-0e1f2a3b4c5d","kind":"referral","priority":null,"result":"NeedsReview","receivedAt":"2026-11-26T15:04:05.123+00:00","scheduledBiopsyDate":null,"teamStatus":"New","summary":"Clinical biopsy on 2026-12-03. Every criterion the answers can settle is met","followUps":[],"personId":"3f1c2a4e-8b7d-4c1a-9e2f-5a6b7c8d9e0f","reopened":true,"assignedTo":null,"lastContactAttempt":null,"nextContactOn":null,"name":null,"email":null,"phone":null}],"next":"cursor\u002B/=\u0026next"}""", await ListAsync(TeamList.Worklist, page));
    }

    [Fact]
    public async Task The_last_page_of_the_screened_out_list()
    {
        var page = new WorklistPage([ScreenedOut], new Dictionary<string, Contact> { [ThirdId] = TestData.Contact }, null);

        Same("""{"items":[{"id":"c5d4e3f2-a1b0-4c9d-8e7f-6a5b4c3d2e1f","kind":"referral","priority":null,"result":"LikelyIneligible","receivedAt":"2026-11-26T15:04:05.123+00:00","scheduledBiopsyDate":null,"teamStatus":"New","summary":"Clinical biopsy on 2026-12-03. Every criterion the answers can settle is met","followUps":[],"personId":"3f1c2a4e-8b7d-4c1a-9e2f-5a6b7c8d9e0f","reopened":false,"assignedTo":null,"lastContactAttempt":null,"nextContactOn":null,"name":"Ada Example","email":"ada@example.org","phone":"\u002B1 507 555 0100","notMetReasons":["I8: ECOG 3 is above 2.","E5: Pregnant \u0026 \u0022unsure\u0022."]}],"next":null}""", await ListAsync(TeamList.ScreenedOut, page));
    }

    [Fact]
    public async Task An_empty_worklist_page()
    {
        Same("""{"items":[],"next":null}""", await ListAsync(TeamList.Worklist, new WorklistPage([], new Dictionary<string, Contact>(), null)));
    }

    [Fact]
    public async Task The_people_found()
    {
        var search = new Mock<IPeopleSearch>();
        search.Setup(s => s.FindAsync(It.IsAny<PersonQuery>(), It.IsAny<CancellationToken>())).ReturnsAsync(
        [
            new FoundPerson(Id, [new FoundSubmission(Urgent, Person), new FoundSubmission(ScreenedOut, null)]),
            new FoundPerson(OtherId, [new FoundSubmission(Unprioritised, TestData.Contact)]),
        ]);
        var request = HttpTesting.Get(query: new() { ["email"] = "jose@example.org" });

        Same("""{"people":[{"personId":"3f1c2a4e-8b7d-4c1a-9e2f-5a6b7c8d9e0f","submissions":[{"id":"3f1c2a4e-8b7d-4c1a-9e2f-5a6b7c8d9e0f","kind":"selfScreening","priority":"Urgent","result":"LikelyEligible","receivedAt":"2026-11-26T15:04:05.123+00:00","scheduledBiopsyDate":"2026-12-03","teamStatus":"New","summary":"Clinical biopsy on 2026-12-03. Every criterion the answers can settle is met","followUps":["Is archived primary tissue available?"],"personId":"3f1c2a4e-8b7d-4c1a-9e2f-5a6b7c8d9e0f","reopened":false,"assignedTo":"ann@example.org","lastContactAttempt":{"channel":"email","outcome":"noAnswer","at":"2026-11-27T09:30:00-06:00","by":"ann@example.org"},"nextContactOn":"2026-12-01","name":"Jos\u00E9 M\u00FCller-O\u0027Brien","email":"jose@example.org","phone":null},{"id":"c5d4e3f2-a1b0-4c9d-8e7f-6a5b4c3d2e1f","kind":"referral","priority":null,"result":"LikelyIneligible","receivedAt":"2026-11-26T15:04:05.123+00:00","scheduledBiopsyDate":null,"teamStatus":"New","summary":"Clinical biopsy on 2026-12-03. Every criterion the answers can settle is met","followUps":[],"personId":"3f1c2a4e-8b7d-4c1a-9e2f-5a6b7c8d9e0f","reopened":false,"assignedTo":null,"lastContactAttempt":null,"nextContactOn":null,"name":null,"email":null,"phone":null,"notMetReasons":["I8: ECOG 3 is above 2.","E5: Pregnant \u0026 \u0022unsure\u0022."]}]},{"personId":"7a0d9c1b-2e3f-4a5b-8c6d-0e1f2a3b4c5d","submissions":[{"id":"7a0d9c1b-2e3f-4a5b-8c6d-0e1f2a3b4c5d","kind":"referral","priority":null,"result":"NeedsReview","receivedAt":"2026-11-26T15:04:05.123+00:00","scheduledBiopsyDate":null,"teamStatus":"New","summary":"Clinical biopsy on 2026-12-03. Every criterion the answers can settle is met","followUps":[],"personId":"3f1c2a4e-8b7d-4c1a-9e2f-5a6b7c8d9e0f","reopened":true,"assignedTo":null,"lastContactAttempt":null,"nextContactOn":null,"name":"Ada Example","email":"ada@example.org","phone":"\u002B1 507 555 0100"}]}]}""", await HttpTesting.ExecuteAsync(await new PeopleSearchFunction(search.Object).FindPeople(request, None), request));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("next+/=&page")]
    public async Task An_audit_page(string? next)
    {
        var log = new Mock<IAuditLog>();
        log.Setup(l => l.ReadAsync(It.IsAny<AuditQuery>(), It.IsAny<CancellationToken>())).ReturnsAsync(new AuditPage(
        [
            new AuditEntry(Chicago, "ann@example.org", "coordinator", "GetSubmission", Id, 1, 200),
            new AuditEntry(Received, "mia@example.org", "manager", "GetStats", null, 0, 503),
        ], next));
        var request = HttpTesting.Get(query: new() { ["from"] = "2026-11-20", ["to"] = "2026-11-27" });
        var function = new AuditFunction(log.Object, new ManualClock(Chicago));

        Same(next is null
            ? """{"items":[{"at":"2026-11-27T15:30:00.0000000Z","by":"ann@example.org","role":"coordinator","action":"GetSubmission","submissionId":"3f1c2a4e-8b7d-4c1a-9e2f-5a6b7c8d9e0f","count":1,"status":200},{"at":"2026-11-26T15:04:05.1230000Z","by":"mia@example.org","role":"manager","action":"GetStats","submissionId":null,"count":0,"status":503}],"next":null}"""
            : """{"items":[{"at":"2026-11-27T15:30:00.0000000Z","by":"ann@example.org","role":"coordinator","action":"GetSubmission","submissionId":"3f1c2a4e-8b7d-4c1a-9e2f-5a6b7c8d9e0f","count":1,"status":200},{"at":"2026-11-26T15:04:05.1230000Z","by":"mia@example.org","role":"manager","action":"GetStats","submissionId":null,"count":0,"status":503}],"next":"next\u002B/=\u0026page"}""", await HttpTesting.ExecuteAsync(await function.GetAudit(request, None), request));
    }

    [Fact]
    public async Task The_stats()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 11, 27, 3, 0, 0, TimeSpan.Zero));
        var calendar = TestData.Calendar(clock);
        var lists = new Mock<ITeamLists>();
        WorklistItem Line(TeamList list, PrecheckResult result, string[] notMet, TeamStatus status, DateTimeOffset? contacted) =>
            TestData.Line(TestData.NewId(), SubmissionKind.Referral, result, result == PrecheckResult.LikelyIneligible ? null : Priority.High, Received, null, status, "a line", notMet)
            with { FirstContactAt = contacted, PersonId = TestData.NewId() };
        WorklistItem[] worklist =
        [
            Line(TeamList.Worklist, PrecheckResult.LikelyEligible, [], TeamStatus.Contacted, Received.AddHours(5.25)),
            Line(TeamList.Worklist, PrecheckResult.NeedsReview, [], TeamStatus.New, null) with { Kind = SubmissionKind.SelfScreening },
        ];
        WorklistItem[] screenedOut = [Line(TeamList.ScreenedOut, PrecheckResult.LikelyIneligible, ["I8: ECOG 3.", "X9: not a criterion."], TeamStatus.New, null)];
        lists.Setup(l => l.FunnelLinesAsync(It.IsAny<DateTimeOffset>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>())).ReturnsAsync([.. worklist, .. screenedOut]);
        var pending = new Mock<IPendingSubmissions>();
        pending.Setup(p => p.OlderThanAsync(DateTimeOffset.MaxValue, It.IsAny<CancellationToken>())).ReturnsAsync([ThirdId]);
        var poison = new Mock<IPoisonQueues>();
        poison.Setup(p => p.CountsAsync(It.IsAny<CancellationToken>())).ReturnsAsync(new Dictionary<string, int> { ["precheck"] = 2, ["alerts"] = 0 });
        var passes = new MemoryPassOutcomes();
        await passes.RecordAsync(new PassOutcome(PassOutcome.Reevaluate, Chicago, 12, 1), None);
        var function = new StatsFunction(new FunnelReader(lists.Object, pending.Object, poison.Object, passes, calendar), calendar);
        var request = HttpTesting.Get(query: new() { ["from"] = "2026-11-01", ["to"] = "2026-11-26" });

        Same("""{"from":"2026-11-01","to":"2026-11-26","timeZone":"America/Chicago","submissions":{"selfScreening":1,"referral":2,"total":3},"people":3,"awaitingPrecheck":1,"notGenuine":0,"precheckResults":{"LikelyEligible":1,"NeedsReview":1,"LikelyIneligible":1},"notMet":{"I1":0,"I2":0,"I3":0,"I4":0,"I5":0,"I6":0,"I7":0,"I8":1,"I9":0,"E1":0,"E2":0,"E3":0,"E4":0,"E5":0,"E6":0,"X9":1},"worklist":{"people":2,"teamStatus":{"New":1,"Contacted":1,"Scheduled":0,"Enrolled":0,"Declined":0,"NotEligible":0,"Unreachable":0},"reopened":0},"timeToFirstContact":{"people":1,"medianHours":5.3,"p90Hours":5.3},"poisonMessages":{"precheck":2,"alerts":0},"timerPasses":{"reconcile":null,"reevaluate":{"at":"2026-11-27T09:30:00-06:00","items":12,"failures":1},"sendUrgentDigests":null,"removeNotGenuine":null,"removeExpiredChallenges":null,"migratePersonKeys":null,"eraseByRetention":null,"migrateRowKeys":null,"indexFunnel":null,"shelveLines":null}}""", await HttpTesting.ExecuteAsync(await function.GetStats(request, None), request));
    }

    [Fact]
    public async Task The_stats_of_a_range_with_nothing_in_it()
    {
        var calendar = TestData.Calendar(new ManualClock(new DateTimeOffset(2026, 11, 27, 3, 0, 0, TimeSpan.Zero)));
        var lists = new Mock<ITeamLists>();
        lists.Setup(l => l.FunnelLinesAsync(It.IsAny<DateTimeOffset>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>())).ReturnsAsync([]);
        var pending = new Mock<IPendingSubmissions>();
        pending.Setup(p => p.OlderThanAsync(DateTimeOffset.MaxValue, It.IsAny<CancellationToken>())).ReturnsAsync([]);
        var poison = new Mock<IPoisonQueues>();
        poison.Setup(p => p.CountsAsync(It.IsAny<CancellationToken>())).ReturnsAsync(new Dictionary<string, int>());
        var function = new StatsFunction(new FunnelReader(lists.Object, pending.Object, poison.Object, new MemoryPassOutcomes(), calendar), calendar);
        var request = HttpTesting.Get();

        Same("""{"from":"2026-10-28","to":"2026-11-26","timeZone":"America/Chicago","submissions":{"selfScreening":0,"referral":0,"total":0},"people":0,"awaitingPrecheck":0,"notGenuine":0,"precheckResults":{"LikelyEligible":0,"NeedsReview":0,"LikelyIneligible":0},"notMet":{"I1":0,"I2":0,"I3":0,"I4":0,"I5":0,"I6":0,"I7":0,"I8":0,"I9":0,"E1":0,"E2":0,"E3":0,"E4":0,"E5":0,"E6":0},"worklist":{"people":0,"teamStatus":{"New":0,"Contacted":0,"Scheduled":0,"Enrolled":0,"Declined":0,"NotEligible":0,"Unreachable":0},"reopened":0},"timeToFirstContact":{"people":0,"medianHours":null,"p90Hours":null},"poisonMessages":{},"timerPasses":{"reconcile":null,"reevaluate":null,"sendUrgentDigests":null,"removeNotGenuine":null,"removeExpiredChallenges":null,"migratePersonKeys":null,"eraseByRetention":null,"migrateRowKeys":null,"indexFunnel":null,"shelveLines":null}}""", await HttpTesting.ExecuteAsync(await function.GetStats(request, None), request));
    }

    [Fact]
    public void The_stored_precheck_and_answers_keep_their_shape()
    {
        Assert.Equal("""{"result":"LikelyEligible","priority":"High","rulesetVersion":"2026.11","today":"2026-11-26","collectionSource":"liver","criteria":[{"id":"I1","outcome":"Met","reason":"Invasive breast cancer, confirmed."},{"id":"I7","outcome":"Met","reason":"Age \u2265 18 (\u0022adult\u0022) \u0026 born 1972-03-15 \u003Cok\u003E."}]}""", PrecheckJson.ToJson(Eligible));
        Assert.Equal("""{"result":"NeedsReview","priority":null,"rulesetVersion":"2026.11","today":"2026-11-27","collectionSource":null,"criteria":[{"id":"I4","outcome":"Unknown","reason":"Archived primary tissue not known."},{"id":"E2","outcome":"ClinicianReview","reason":"The oncologist\u0027s opinion."}]}""", PrecheckJson.ToJson(NeedsReview));
        Assert.Equal("""{"dateOfBirth":"1972-03-15","sex":"female","breastCancer":"invasiveConfirmed","distantMetastasis":"yes","metastaticSites":["liver","pleuralFluid","bone"],"diseaseStatus":"progressing","primaryTissue":"ffpe","scheduledClinicalBiopsy":{"site":"liver","date":"2026-12-03"},"willingResearchBiopsy":"yes","researchBiopsyPlan":{"site":"liver","anesthesia":"ivConsciousSedation"},"effusionCytologyConfirmed":"unknown","ecog":1,"canConsent":"yes","pregnant":"no","localAnestheticAllergy":"no","cognitiveImpairment":"no","oncologistConcerns":{"seriousComorbidity":false,"hazardousCondition":true}}""", AnswersWriter.ToJson(TestData.EveryField));
    }

    private SubmissionFunctions Submissions()
    {
        _store.Setup(s => s.AddAsync(It.IsAny<Submission>(), It.IsAny<Contact>(), It.IsAny<Referrer?>(), It.IsAny<HistoryEntry>(), It.IsAny<CancellationToken>())).ReturnsAsync(AddResult.Added);
        var calendar = TestData.Calendar();
        return new SubmissionFunctions(new SubmissionIntake(_store.Object, Mock.Of<IPendingSubmissions>(), Mock.Of<IPrecheckQueue>(), calendar, TestData.PersonDigests), calendar,
            new SubmissionRateLimit(Options.Create(new RateLimitOptions { PermitsPerMinute = 10_000_000 })), TestGates.Gate(), TestData.Metrics(), NullLogger<SubmissionFunctions>.Instance);
    }

    [Fact]
    public async Task The_202_of_a_screening_and_of_a_referral()
    {
        var functions = Submissions();
        var screening = HttpTesting.Post(TestData.Utf8(TestData.ScreeningBody(Id)));
        var referral = HttpTesting.Post(TestData.Utf8(TestData.ReferralBody(OtherId)));

        var screened = await HttpTesting.ExecuteAsync(await functions.SubmitScreening(screening, None), screening);
        var referred = await HttpTesting.ExecuteAsync(await functions.SubmitReferral(referral, None), referral);

        Same("""{"id":"3f1c2a4e-8b7d-4c1a-9e2f-5a6b7c8d9e0f","status":"Received"}""", screened, StatusCodes.Status202Accepted);
        Assert.Equal($"/api/submissions/{Id}", screened.Headers.Location.ToString());
        Same("""{"id":"7a0d9c1b-2e3f-4a5b-8c6d-0e1f2a3b4c5d","status":"Received"}""", referred, StatusCodes.Status202Accepted);
        Assert.Equal($"/api/submissions/{OtherId}", referred.Headers.Location.ToString());
    }

    [Fact]
    public async Task The_202_of_a_referrer_update()
    {
        var submission = TestData.Submission(OtherId, Received, SubmissionKind.Referral) with
        {
            Version = 2,
            ReferrerConfirmed = new ReferrerConfirmation(Evaluated, "ann@example.org", TestData.Referrer.Email!),
        };
        _store.Setup(s => s.GetFileAsync(OtherId, It.IsAny<CancellationToken>())).ReturnsAsync(new SubmissionFile(submission, TestData.Contact, TestData.Referrer, []));
        _store.Setup(s => s.GetAsync(OtherId, It.IsAny<CancellationToken>())).ReturnsAsync(submission);
        _store.Setup(s => s.TryUpdateAsync(It.IsAny<Submission>(), It.IsAny<HistoryEntry>(), It.IsAny<CancellationToken>())).ReturnsAsync(true);
        var alerts = new Mock<IAlertQueue>();
        var function = new ReferrerUpdateFunction(new ReferrerUpdates(_store.Object, new SubmissionChanges(_store.Object, _lists.Object, alerts.Object, TestData.Calendar()), alerts.Object),
            NullLogger<ReferrerUpdateFunction>.Instance);
        var request = HttpTesting.Post("""{ "status": "underReview" }""");

        var answer = await HttpTesting.ExecuteAsync(await function.RequestReferrerUpdate(request, OtherId, None), request);

        var requestId = answer.Json().GetProperty("requestId").GetString();
        Same($$"""{"requestId":"{{requestId}}","submissionId":"7a0d9c1b-2e3f-4a5b-8c6d-0e1f2a3b4c5d","status":"UnderReview"}""", answer, StatusCodes.Status202Accepted);
        Assert.Equal($"/api/submissions/{OtherId}", answer.Headers.Location.ToString());
    }

    [Fact]
    public async Task A_challenge()
    {
        var request = HttpTesting.Get();

        var answer = await HttpTesting.ExecuteAsync(new ChallengeFunction(TestGates.ProofOfWork()).Challenge(request), request);

        var json = answer.Json();
        var (challenge, salt, signature) = (json.GetProperty("challenge").GetString(), json.GetProperty("salt").GetString(), json.GetProperty("signature").GetString());
        // The salt ends with '&', written as it is (not \u0026), as the public routes' answers always were.
        Assert.EndsWith("&", salt, StringComparison.Ordinal);
        Same($$"""{"algorithm":"SHA-256","challenge":"{{challenge}}","maxnumber":1000,"salt":"{{salt}}","signature":"{{signature}}"}""", answer);
    }

    [Fact]
    public async Task Health()
    {
        var storage = new Mock<Intake.Functions.Storage.IStorageHealth>();
        storage.Setup(s => s.AnswersAsync(It.IsAny<CancellationToken>())).ReturnsAsync(true);
        var request = HttpTesting.Get();

        Same("""{"status":"ok"}""", await HttpTesting.ExecuteAsync(await new HealthFunction(storage.Object).Health(request, None), request));
    }

    [Fact]
    public async Task A_poison_replay()
    {
        var poison = new Mock<IPoisonQueues>();
        poison.Setup(p => p.ReplayAsync("precheck", It.IsAny<CancellationToken>())).ReturnsAsync(3);
        var request = HttpTesting.Post("");

        Same("""{"queue":"precheck","replayed":3}""", await HttpTesting.ExecuteAsync(await new PoisonReplayFunction(poison.Object, NullLogger<PoisonReplayFunction>.Instance).ReplayPoison(request, "precheck", None), request));
    }

    [Fact]
    public async Task A_person_erasure()
    {
        _erasure.Setup(e => e.SubmissionsOfAsync(Id, It.IsAny<CancellationToken>())).ReturnsAsync([Id, OtherId]);
        _erasure.Setup(e => e.EraseAsync(It.IsAny<string>(), It.IsAny<ErasureMark>(), It.IsAny<CancellationToken>())).ReturnsAsync(true);
        var request = HttpTesting.Post("""{ "reason": "Asked by phone" }""");

        Same("""{"personId":"3f1c2a4e-8b7d-4c1a-9e2f-5a6b7c8d9e0f","erasedSubmissions":2}""", await HttpTesting.ExecuteAsync(await new PersonErasureFunction(new PersonErasure(_erasure.Object), TestData.Calendar()).ErasePerson(request, Id, None), request));
    }

    [Fact]
    public async Task Who_is_signed_in()
    {
        var request = HttpTesting.Get().SignedIn("Zoë O'Neil & co", ClientPrincipal.CoordinatorRole, ClientPrincipal.ManagerRole);

        Same("""{"name":"Zo\u00EB O\u0027Neil \u0026 co","roles":["coordinator","manager"]}""", await HttpTesting.ExecuteAsync(await new SignedInStaffFunction().GetSignedInStaff(request, None), request));
    }
}
