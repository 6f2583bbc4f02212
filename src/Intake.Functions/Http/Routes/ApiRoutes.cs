using System.Text.Json.Nodes;
using Intake.Functions.Http.Responses;
using static Intake.Functions.Http.Routes.JsonSchemas;

namespace Intake.Functions.Http.Routes;

/// <summary>
/// The route catalogue: for every HTTP function, what its trigger attributes cannot say (who may call
/// it, its query parameters, its body, its answers), in the words of api.md, api-2.md and
/// docs/api-extensions.md. The OpenAPI document (<see cref="OpenApiDocument"/>) joins it to the
/// functions found by reflection (<see cref="HttpFunction"/>) and refuses to build while a function
/// is missing here, so a new route cannot go undocumented.
/// </summary>
public static class ApiRoutes
{
    /// <summary>The path parameters the route templates use, and what each is.</summary>
    public static IReadOnlyDictionary<string, (string Description, Func<JsonObject> Schema)> PathParameters { get; } =
        new Dictionary<string, (string, Func<JsonObject>)>(StringComparer.Ordinal)
        {
            ["id"] = ("The submission's id (a UUID, in any case), or for /fhir/CodeSystem the code system's id.", () => String()),
            ["personId"] = ("The person's id, as a submission's personId gives it.", () => String()),
            ["queue"] = ("The queue whose poison messages go back (a key of poisonMessages in GET /api/stats).", () => String()),
            ["name"] = ("The asset's file name.", () => String()),
            ["page"] = ("The page: none (the patient's form), refer, team.", () => String()),
        };

    private static ApiParameter Date(string name, string what) => new(name, what, String("date"));

    private static ApiParameter[] Paging(int maxLimit, int defaultLimit) =>
    [
        new("limit", $"Items on a page, 1 to {maxLimit} (default {defaultLimit}).", Integer(1, maxLimit)),
        new("cursor", "The next of the page before (opaque); a cursor the service did not make is a 400 naming cursor.", String()),
    ];

    private static ApiParameter[] ListFilters =>
    [
        new("priority", "Only items of this priority.", PascalCase<Priority>()),
        new("teamStatus", "Only items of this team status.", PascalCase<TeamStatus>()),
        new("assignedTo", $"Only items assigned to this team member (1 to {TeamActions.MaxAssigneeLength} characters).", Text(TeamActions.MaxAssigneeLength)),
        new("due", "today: only items whose next contact is the site's today or earlier.", OneOf([WorkingQuery.Today])),
        .. Paging(WorklistPage.MaxLimit, WorklistPage.DefaultLimit),
    ];

    private static JsonObject Contact() =>
        WithOneOfReachability(Object(
            Required("name", Text(200)),
            Optional("email", String("email", 254)),
            Optional("phone", String(maxLength: 40)),
            Optional("preferredLanguage", String(maxLength: 35))));

    private static JsonObject Referrer() =>
        WithOneOfReachability(Object(
            Required("name", Text(200)),
            Required("institution", Text(200)),
            Optional("email", String("email", 254)),
            Optional("phone", String(maxLength: 40))));

    // "At least one of email and phone" (api.md).
    private static JsonObject WithOneOfReachability(JsonObject schema)
    {
        schema["anyOf"] = new JsonArray(new JsonObject { ["required"] = new JsonArray("email") }, new JsonObject { ["required"] = new JsonArray("phone") });
        return schema;
    }

    private static JsonObject ScreeningBody() => Object(
        Optional("id", String("uuid")),
        Required("answers", AnswersSchema.For(SubmissionKind.SelfScreening)),
        Required("contact", Contact()),
        Required("consentToContact", True()));

    private static JsonObject ReferralBody() => Object(
        Optional("id", String("uuid")),
        Required("answers", AnswersSchema.For(SubmissionKind.Referral)),
        Required("patient", Contact()),
        Required("referrer", Referrer()),
        Required(Questions.PatientAwareOfReferral.Name, True()));

    private static ApiAnswer File(string description = "The submission's whole file, as GET /api/submissions/{id} shows it.") =>
        ApiAnswer.Of(200, description, ResponseJson.Default.SubmissionFileResponse);

    private static readonly ApiAnswer NoSuchSubmission = ApiAnswer.Problem(404, "No submission has this id.");
    private static readonly ApiAnswer Erased = ApiAnswer.Problem(410, "The submission was erased: when and by whom, nothing else.");
    private static readonly ApiAnswer DoesNotApply = ApiAnswer.Problem(409, "The action does not apply to the submission now; detail says why.");

    private static ApiRoute TeamAction(string function, string summary, JsonObject? body) => new(function, RouteAccess.Coordinator, summary)
    {
        Body = body,
        Answers = [File("The submission's whole file after the action."), .. body is null ? Array.Empty<ApiAnswer>() : [ApiAnswer.Invalid("The body has problems: errors names each member.")], NoSuchSubmission, DoesNotApply],
    };

    private static ApiRoute Submission(string function, string summary, JsonObject body) => new(function, RouteAccess.PublicForm, summary)
    {
        Body = body,
        Answers =
        [
            ApiAnswer.Of(202, "Stored (or the same body again under the same id): it will be pre-checked. The answer never tells the pre-check's result.", ResponseJson.Default.SubmissionAccepted).With("Location"),
            ApiAnswer.Invalid("The body has problems (errors keyed by the field's JSON path), or the challenge is missing, wrong, expired or used (errors names altcha)."),
            ApiAnswer.Problem(409, "A different submission was already received with this id."),
        ],
    };

    /// <summary>Every HTTP function's entry, by function name.</summary>
    public static IReadOnlyDictionary<string, ApiRoute> All { get; } = new ApiRoute[]
    {
        // The public forms and what they need.
        new("Page", RouteAccess.Public, "A page: the patient's form (/), the referral form (/refer), the study team's page (/team).")
        {
            Answers = [ApiAnswer.Text(200, "The page.", "text/html"), ApiAnswer.Problem(404, "No page has this address.")],
        },
        new("Asset", RouteAccess.Public, "A script, style or image of the pages.")
        {
            Answers = [new ApiAnswer(200, "The asset (JavaScript, CSS or an image).") { MediaType = "*/*", Schema = null }, ApiAnswer.Problem(404, "No asset has this name.")],
        },
        new("Challenge", RouteAccess.Public, "An ALTCHA proof-of-work challenge for a public form: single-use, expiring, never cached.")
        {
            Answers = [ApiAnswer.Of(200, "The challenge: algorithm, challenge, maxnumber, salt, signature.", ResponseJson.Default.ChallengeResponse)],
        },
        Submission("SubmitScreening", "A patient's self-screening (api.md).", ScreeningBody()),
        Submission("SubmitReferral", "An oncologist's referral (api.md).", ReferralBody()),
        Submission("SubmitFhirReferral", "A referral as a FHIR R4 Bundle (api-2.md): the same submission as POST /api/referrals; every refusal an OperationOutcome.",
            JsonSchemas.Ref(ApiComponents.FhirResource)) with
        {
            BodyMediaType = FhirJson.MediaType,
            FhirErrors = true,
            Answers =
            [
                ApiAnswer.Of(202, "Stored (or the same Bundle again under the same id): it will be pre-checked.", ResponseJson.Default.SubmissionAccepted).With("Location"),
                ApiAnswer.Fhir(400, "The Bundle has problems, or the challenge is missing, wrong, expired or used: one issue each."),
                ApiAnswer.Fhir(409, "A different submission was already received with this id."),
            ],
        },
        new("GetReferralQuestionnaire", RouteAccess.Public, "The referral as a FHIR R4 Questionnaire, made from the same question table as the forms and the reader.")
        {
            Answers = [ApiAnswer.Fhir(200, "The Questionnaire.")],
        },
        new("GetCodeSystem", RouteAccess.Public, "A FHIR R4 CodeSystem the Questionnaire's answers use.")
        {
            Answers = [ApiAnswer.Fhir(200, "The CodeSystem."), ApiAnswer.Fhir(404, "No code system has this id: an OperationOutcome naming those there are.")],
        },
        new("Health", RouteAccess.Public, "Whether storage answers, for monitoring; nothing else.")
        {
            Answers =
            [
                ApiAnswer.Of(200, "Storage answers.", ResponseJson.Default.HealthResponse),
                ApiAnswer.Problem(503, "Storage does not answer: ask again after Retry-After seconds.").With("Retry-After"),
            ],
        },
        new("GetOpenApi", RouteAccess.Public, "This document: every route, generated from the functions and the route catalogue.")
        {
            Answers =
            [
                new ApiAnswer(200, "The OpenAPI 3.1 document.")
                {
                    Schema = new JsonObject { ["type"] = "object", ["required"] = new JsonArray("openapi", "info", "paths") },
                },
            ],
        },

        // The study team's reading.
        new("GetSignedInStaff", RouteAccess.Coordinator, "Who the service takes the caller to be, and the roles whose routes they may use. Not audited.")
        {
            Answers = [ApiAnswer.Of(200, "The signed-in staff member.", ResponseJson.Default.SignedInStaff)],
        },
        new("GetSubmission", RouteAccess.Coordinator, "A submission's whole file with the same person's other submissions. Audited.")
        {
            Answers = [File(), NoSuchSubmission, Erased],
        },
        new("GetSubmissionFhir", RouteAccess.Coordinator, "A submission as a FHIR R4 Bundle. Audited.")
        {
            FhirErrors = true,
            Answers =
            [
                ApiAnswer.Fhir(200, "The Bundle."),
                ApiAnswer.Fhir(404, "No submission has this id."),
                ApiAnswer.Fhir(410, "The submission was erased."),
            ],
        },
        new("GetWorklist", RouteAccess.Coordinator, "The worklist: Urgent first, then High, then Normal; the nearest biopsy, then the oldest first. Audited.")
        {
            Query = ListFilters,
            Answers = [ApiAnswer.Of(200, "A page of the list: items, and next (a cursor, or null on the last page).", ResponseJson.Default.ListPage), ApiAnswer.Invalid("A filter, limit or cursor is wrong: errors names it.")],
        },
        new("GetScreenedOut", RouteAccess.Coordinator, "The likely ineligible, newest first, with the NotMet reasons. Audited.")
        {
            Query = ListFilters,
            Answers = [ApiAnswer.Of(200, "A page of the list: items, and next (a cursor, or null on the last page).", ResponseJson.Default.ListPage), ApiAnswer.Invalid("A filter, limit or cursor is wrong: errors names it.")],
        },
        new("FindPeople", RouteAccess.Coordinator, "The people whose submissions match exactly, at most 20. Audited.")
        {
            Query =
            [
                new("email", "An e-mail address (without regard to case).", String()),
                new("phone", "A phone number (by its digits).", String()),
                new("name", "A name (without regard to case, accents or repeated spaces); with dateOfBirth.", String()),
                Date("dateOfBirth", "A date of birth, YYYY-MM-DD; with name."),
            ],
            Answers = [ApiAnswer.Of(200, "The people found: people, each with personId and submissions (list items, newest first).", ResponseJson.Default.PeopleFound), ApiAnswer.Invalid("None, or a wrong combination, of the parameters: errors names it.")],
        },
        new("GetStats", RouteAccess.Coordinator, "The funnel: counts only, no patient data. Not audited.")
        {
            Query = [Date("from", "The first day counted, YYYY-MM-DD."), Date("to", "The last day counted, YYYY-MM-DD.")],
            Answers = [ApiAnswer.Of(200, "The counts.", ResponseJson.Default.StatsResponse), ApiAnswer.Invalid("A date is wrong: errors names it.")],
        },

        // The study team's actions.
        TeamAction("SetTeamStatus", "Sets the team status, with an optional note. Audited.", Object(
            Required("status", PascalCase<TeamStatus>()), Optional("note", String(maxLength: TeamActions.MaxNoteLength)))),
        TeamAction("Reopen", "A screened-out submission joins the worklist. Audited.", null),
        TeamAction("MarkNotGenuine", "Off both lists, kept for review until its removal. Audited.", Object(
            Required("reason", Text(TeamActions.MaxNotGenuineReasonLength)))),
        TeamAction("CorrectAnswers", "Corrected answers, all of them: the pre-check runs again; the earlier result stays in history. Audited.", Object(
            Required("answers", AnswersSchema.For(SubmissionKind.Referral)))),
        TeamAction("AssignSubmission", "Who on the team follows the person up; null releases it. Audited.", Object(
            Required("assignedTo", OrNull(Text(TeamActions.MaxAssigneeLength))))),
        TeamAction("LogContactAttempt", "A contact attempt, kept in history; the item shows it and its next contact date. Audited.", Object(
            Required("channel", CamelCase<ContactChannel>()),
            Required("outcome", CamelCase<ContactOutcome>()),
            Optional("note", String(maxLength: TeamActions.MaxNoteLength)),
            Optional("nextContactOn", String("date")))),
        TeamAction("ConfirmReferrer", "The referrer's e-mail address, checked to be theirs: referrer updates may go to it. Audited.", Object(
            Required("email", Text(254)))),
        new("RequestReferrerUpdate", RouteAccess.Coordinator, "Queues an update to the referrer (to a confirmed address only). Audited.")
        {
            Body = Object(Required("status", PascalCase<ReferralStatus>())),
            Answers =
            [
                ApiAnswer.Of(202, "Queued: requestId, submissionId, status.", ResponseJson.Default.ReferrerUpdateAccepted).With("Location"),
                ApiAnswer.Invalid("The body has problems: errors names each member."),
                NoSuchSubmission,
                ApiAnswer.Problem(409, "A referrer update does not apply to this submission; detail says why."),
            ],
        },
        new("ReplayPoison", RouteAccess.Coordinator, "Moves a queue's poison messages back onto it. Audited.")
        {
            Answers =
            [
                ApiAnswer.Of(200, "How many were moved: queue, replayed.", ResponseJson.Default.PoisonReplayed),
                ApiAnswer.Problem(404, "No poison queue belongs to this queue name."),
            ],
        },

        // The manager's.
        new("GetAudit", RouteAccess.Manager, "The audit log, newest first. Audited.")
        {
            Query =
            [
                Date("from", "The first day, YYYY-MM-DD (UTC)."),
                Date("to", "The last day, YYYY-MM-DD (UTC)."),
                new("by", "Only the entries of this staff member.", String()),
                new("submissionId", "Only the entries about this submission.", String()),
                .. Paging(AuditQuery.MaxLimit, AuditQuery.DefaultLimit),
            ],
            Answers = [ApiAnswer.Of(200, "A page of the log: items, and next.", ResponseJson.Default.AuditLogPage), ApiAnswer.Invalid("A parameter is wrong: errors names it.")],
        },
        new("ExportList", RouteAccess.Manager, "A list as CSV (RFC 4180, UTF-8, a header row; columns in docs/team-guide.md). Audited.")
        {
            Query =
            [
                new("list", "The list to export.", OneOf(["worklist", "screened-out"])),
                Date("from", "The first day of receipt, YYYY-MM-DD."),
                Date("to", "The last day of receipt, YYYY-MM-DD."),
            ],
            Answers = [ApiAnswer.Text(200, "The rows.", "text/csv"), ApiAnswer.Invalid("A parameter is wrong: errors names it.")],
        },
        new("ErasePerson", RouteAccess.Manager, "Erases every submission of a person; a tombstone without patient data stays. Audited.")
        {
            Body = Object(Required("reason", Text(PersonErasure.MaxReasonLength))),
            Answers =
            [
                ApiAnswer.Of(200, "How many submissions were erased: personId, erasedSubmissions (0 again).", ResponseJson.Default.PersonErased),
                ApiAnswer.Invalid("The body has problems: errors names each member."),
                ApiAnswer.Problem(404, "The person's id cannot be one."),
            ],
        },
    }.ToDictionary(r => r.Function, StringComparer.Ordinal);
}
