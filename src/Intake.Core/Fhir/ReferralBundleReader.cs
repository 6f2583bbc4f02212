using System.Text.Json;
using System.Text.Json.Nodes;
using Hl7.Fhir.Model;

namespace Intake.Core.Fhir;

/// <summary>
/// Reads a referral Bundle (api-2.md, <c>POST /api/fhir/referrals</c>) into the same submission
/// <c>POST /api/referrals</c> would take: it checks the Bundle's shape (its type, one
/// QuestionnaireResponse, one Patient, the referrer), turns the response's items, the Patient and
/// the referrer into the JSON body of <c>/api/referrals</c>, and reads that with
/// <see cref="SubmissionReader"/>, the very same strict reader. Every problem, the reader's included,
/// becomes an issue whose expression is the FHIRPath of the element at fault.
/// </summary>
public static class ReferralBundleReader
{
    /// <summary>
    /// The most entries read: a referral has five at most (a response, a patient, a role, a
    /// practitioner, an organization); up to this many, each extra one is named in its own issue.
    /// </summary>
    public const int MaxEntries = 10;

    private static readonly string[] Readable =
        [nameof(QuestionnaireResponse), nameof(Patient), nameof(PractitionerRole), nameof(Practitioner), nameof(Organization)];

    /// <summary>
    /// Reads <paramref name="bundle"/> on the site's date <paramref name="today"/>: the submission, or
    /// <c>null</c> with every problem in <paramref name="issues"/>.
    /// </summary>
    public static SubmissionDraft? Read(Bundle bundle, DateOnly today, List<FhirIssue> issues)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        ArgumentNullException.ThrowIfNull(issues);
        var before = issues.Count;
        var reading = new Reading(issues);
        if (bundle.Type is not (Bundle.BundleType.Collection or Bundle.BundleType.Transaction))
        {
            reading.Fail("Bundle.type", "The Bundle's type must be collection or transaction.");
        }
        if (bundle.Entry.Count > MaxEntries)
        {
            reading.Fail("Bundle.entry", $"A referral Bundle holds a QuestionnaireResponse, a Patient, and a PractitionerRole, Practitioner and Organization; this one has {bundle.Entry.Count} entries, more than the {MaxEntries} read.");
            return null;
        }
        var entries = reading.Entries(bundle);
        var response = reading.One<QuestionnaireResponse>(entries);
        var patient = reading.One<Patient>(entries);
        var referrer = reading.Referrer(entries);

        var body = new JsonObject();
        var map = reading.Map;
        if (bundle.Id is not null)
        {
            body["id"] = bundle.Id;
            map["id"] = new("Bundle.id", "The Bundle's id (the submission's id)");
        }
        if (response is not null)
        {
            reading.Response(response.Value, patient, body);
        }
        if (patient is not null)
        {
            body["patient"] = reading.Contact(patient.Value);
        }
        if (referrer is not null)
        {
            body["referrer"] = reading.Referrer(referrer.Value);
        }
        // The strict reader reads what could be taken over, so that every problem is told in one
        // answer; what it would say about a part already refused (or missing) is said already.
        if (response is null)
        {
            reading.Refused.UnionWith(["answers", "patientAwareOfReferral"]);
        }
        if (patient is null)
        {
            reading.Refused.Add("patient");
        }
        if (referrer is null)
        {
            reading.Refused.Add("referrer");
        }
        var errors = new FieldErrors();
        using var document = JsonDocument.Parse(body.ToJsonString());
        var draft = SubmissionReader.Read(document.RootElement, SubmissionKind.Referral, today, errors);
        foreach (var (path, messages) in errors.ToDictionary())
        {
            if (reading.Refused.Contains(path) || reading.Refused.Contains(path.Split('.', '[')[0]))
            {
                continue;
            }
            var (expression, label) = reading.Locate(path);
            foreach (var message in messages)
            {
                issues.Add(new FhirIssue(expression, $"{label} {message}", CodeOf(message)));
            }
        }
        // Against the dateOfBirth answer as read, also when something else is wrong (an answer the reader refused is told already).
        if (patient?.Resource is Patient p && p.BirthDate is { } birthDate && errors.For("answers.dateOfBirth").Count == 0
            && (body["answers"] as JsonObject)?["dateOfBirth"] is JsonValue answer && answer.TryGetValue<string>(out var dateOfBirth) && birthDate != dateOfBirth)
        {
            issues.Add(new FhirIssue($"{patient.Value.Expression}.birthDate",
                $"The Patient's birthDate ({Shown(birthDate)}) is not the dateOfBirth answer ({Shown(dateOfBirth)}): correct whichever is wrong, or leave birthDate out.",
                OperationOutcome.IssueType.BusinessRule));
        }
        return issues.Count == before ? draft : null;
    }

    /// <summary>A value echoed back in a message: at most 40 characters, control characters replaced (as the strict reader echoes).</summary>
    private static string Shown(string? text) =>
        text is null ? "" : new string([.. (text.Length > 40 ? text[..40] + "…" : text).Select(c => char.IsControl(c) ? '?' : c)]);

    private static OperationOutcome.IssueType CodeOf(string message) =>
        message.StartsWith("is required", StringComparison.Ordinal) || message.Contains("needs its", StringComparison.Ordinal)
            ? OperationOutcome.IssueType.Required
            : message.Contains("is not allowed; use one of", StringComparison.Ordinal)
                ? OperationOutcome.IssueType.CodeInvalid
                : OperationOutcome.IssueType.Invalid;

    /// <summary>A resource of the Bundle with the FHIRPath of its entry's resource and its entry's <c>fullUrl</c>.</summary>
    private readonly record struct Entry(Resource Resource, string Expression, string? FullUrl);

    /// <summary>Where a JSON path of the <c>/api/referrals</c> body sits in the Bundle, and how to name it to a person.</summary>
    private readonly record struct Place(string Expression, string Label);

    private readonly record struct Referring(Entry Practitioner, Entry Organization);

    private sealed class Reading(List<FhirIssue> issues)
    {
        public Dictionary<string, Place> Map { get; } = new(StringComparer.Ordinal) { [""] = new("Bundle", "The Bundle") };

        /// <summary>The JSON paths (or their first segment) whose problem is already an issue, or whose resource is missing.</summary>
        public HashSet<string> Refused { get; } = new(StringComparer.Ordinal);

        public void Fail(string expression, string diagnostics, OperationOutcome.IssueType code = OperationOutcome.IssueType.Invalid) =>
            issues.Add(new FhirIssue(expression, diagnostics, code));

        /// <summary>The JSON path's place, or that of the nearest enclosing path that has one.</summary>
        public Place Locate(string path)
        {
            var probe = path;
            while (true)
            {
                if (Map.TryGetValue(probe, out var place))
                {
                    return place;
                }
                var cut = Math.Max(probe.LastIndexOf('.'), probe.LastIndexOf('['));
                probe = cut < 0 ? "" : probe[..cut];
            }
        }

        public List<Entry> Entries(Bundle bundle)
        {
            var entries = new List<Entry>();
            var fullUrls = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < bundle.Entry.Count; i++)
            {
                var entry = bundle.Entry[i];
                var at = $"Bundle.entry[{i}]";
                if (entry.Resource is not { } resource)
                {
                    Fail(at, "Each entry must hold a resource.", OperationOutcome.IssueType.Required);
                    continue;
                }
                if (!Readable.Contains(resource.TypeName))
                {
                    Fail($"{at}.resource", $"A {resource.TypeName} is not part of a referral: a referral Bundle holds only a QuestionnaireResponse, a Patient, and a PractitionerRole, Practitioner and Organization for the referrer.",
                        OperationOutcome.IssueType.NotSupported);
                    continue;
                }
                if (entry.FullUrl is not { } fullUrl || !fullUrl.StartsWith("urn:uuid:", StringComparison.Ordinal)
                    || SubmissionId.Normalise(fullUrl["urn:uuid:".Length..]) is null)
                {
                    Fail($"{at}.fullUrl", "Each entry needs a fullUrl of the form urn:uuid:<a UUID>, by which the other resources refer to it.", OperationOutcome.IssueType.Required);
                }
                else if (!fullUrls.Add(fullUrl))
                {
                    Fail($"{at}.fullUrl", $"Another entry already has the fullUrl {Shown(fullUrl)}: each entry needs its own.");
                }
                if (bundle.Type == Bundle.BundleType.Transaction
                    && (entry.Request is not { } request || request.Method != Bundle.HTTPVerb.POST || request.Url != resource.TypeName))
                {
                    Fail($"{at}.request", $"In a transaction, each entry's request is POST to its resource type: method POST, url {resource.TypeName}.");
                }
                entries.Add(new Entry(resource, $"{at}.resource", entry.FullUrl));
            }
            return entries;
        }

        public Entry? One<T>(List<Entry> entries) where T : Resource
        {
            var found = entries.Where(e => e.Resource is T).ToList();
            var name = typeof(T).Name;
            if (found.Count == 0)
            {
                Fail("Bundle", $"A referral Bundle needs one {name}{(name == nameof(Patient) ? " (the patient referred)" : " (the answers to GET /fhir/Questionnaire/referral)")}.",
                    OperationOutcome.IssueType.Required);
                return null;
            }
            foreach (var extra in found.Skip(1))
            {
                Fail(extra.Expression, $"A referral Bundle holds exactly one {name}; this is another one.");
            }
            return found.Count == 1 ? found[0] : null;
        }

        public Referring? Referrer(List<Entry> entries)
        {
            var roles = entries.Where(e => e.Resource is PractitionerRole).ToList();
            var practitioners = entries.Where(e => e.Resource is Practitioner).ToList();
            var organizations = entries.Where(e => e.Resource is Organization).ToList();
            const string Shape = "The referrer is a PractitionerRole whose practitioner and organization refer to a Practitioner and an Organization in the Bundle, or a Practitioner and exactly one Organization.";
            if (roles.Count > 1 || practitioners.Count > 1 || organizations.Count > 1)
            {
                foreach (var extra in new[] { roles, practitioners, organizations }.SelectMany(l => l.Skip(1)))
                {
                    Fail(extra.Expression, $"A referral Bundle holds one {extra.Resource.TypeName} at most; this is another one. {Shape}");
                }
                return null;
            }
            if (practitioners.Count == 0 || organizations.Count == 0)
            {
                Fail("Bundle", $"The referrer is missing. {Shape}", OperationOutcome.IssueType.Required);
                return null;
            }
            if (roles.Count == 1)
            {
                var role = (PractitionerRole)roles[0].Resource;
                var ok = true;
                if (role.Practitioner?.Reference != practitioners[0].FullUrl)
                {
                    Fail($"{roles[0].Expression}.practitioner", $"The PractitionerRole's practitioner must refer to the Practitioner's fullUrl ({practitioners[0].FullUrl}).");
                    ok = false;
                }
                if (role.Organization?.Reference != organizations[0].FullUrl)
                {
                    Fail($"{roles[0].Expression}.organization", $"The PractitionerRole's organization must refer to the Organization's fullUrl ({organizations[0].FullUrl}).");
                    ok = false;
                }
                if (!ok)
                {
                    return null;
                }
            }
            return new Referring(practitioners[0], organizations[0]);
        }

        public void Response(Entry entry, Entry? patient, JsonObject body)
        {
            var response = (QuestionnaireResponse)entry.Resource;
            var at = entry.Expression;
            if (response.Status != QuestionnaireResponse.QuestionnaireResponseStatus.Completed)
            {
                Fail($"{at}.status", "The QuestionnaireResponse's status must be completed.");
            }
            if (response.Questionnaire != FhirCanonical.QuestionnaireReference)
            {
                Fail($"{at}.questionnaire", $"The QuestionnaireResponse must answer this service's Questionnaire, {FhirCanonical.QuestionnaireReference}"
                    + (response.Questionnaire is null ? "." : $", not {Shown(response.Questionnaire)}: fetch GET /fhir/Questionnaire/referral again and answer its version."));
            }
            if (patient is { } p && response.Subject?.Reference != p.FullUrl)
            {
                Fail($"{at}.subject", $"The QuestionnaireResponse's subject must refer to the Patient's fullUrl ({p.FullUrl}).");
            }
            var answers = new JsonObject();
            Map["answers"] = new(at, "The QuestionnaireResponse");
            Map["patientAwareOfReferral"] = new(at, $"Item '{Questions.PatientAwareOfReferral.Path}' (the patient knows of the referral)");
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var j = 0; j < response.Item.Count; j++)
            {
                var item = response.Item[j];
                var itemAt = $"{at}.item[{j}]";
                if (!Unique(item, itemAt, seen))
                {
                    continue;
                }
                if (item.LinkId == Questions.PatientAwareOfReferral.Path)
                {
                    if (Value(Questions.PatientAwareOfReferral, item, itemAt, "patientAwareOfReferral") is { } aware)
                    {
                        body["patientAwareOfReferral"] = aware;
                    }
                    continue;
                }
                if (Questions.All.FirstOrDefault(q => q.Path == item.LinkId) is not { } question)
                {
                    Fail(itemAt, $"Item '{Shown(item.LinkId)}' is not a question of {FhirCanonical.QuestionnaireReference}; its items are: {string.Join(", ", Questions.All.Select(q => q.Path))}, {Questions.PatientAwareOfReferral.Path}.");
                    continue;
                }
                if (Value(question, item, itemAt, $"answers.{question.Name}") is { } value)
                {
                    answers[question.Name] = value;
                }
            }
            body["answers"] = answers;
        }

        private bool Unique(QuestionnaireResponse.ItemComponent item, string itemAt, HashSet<string> seen)
        {
            if (item.LinkId is null)
            {
                Fail($"{itemAt}.linkId", "Each item needs the linkId of its question.", OperationOutcome.IssueType.Required);
                return false;
            }
            if (!seen.Add(item.LinkId))
            {
                Fail(itemAt, $"Item '{Shown(item.LinkId)}' is given twice: give each question once, with all its answers in that one item.");
                return false;
            }
            return true;
        }

        /// <summary>An item's value as the JSON member the strict reader reads; <c>null</c> when there is nothing to read or a problem was recorded.</summary>
        private JsonNode? Value(Question question, QuestionnaireResponse.ItemComponent item, string itemAt, string path)
        {
            var before = issues.Count;
            var value = ValueOf(question, item, itemAt, path);
            if (issues.Count > before)
            {
                Refused.Add(path);
            }
            return value;
        }

        private JsonNode? ValueOf(Question question, QuestionnaireResponse.ItemComponent item, string itemAt, string path)
        {
            var label = $"Item '{question.Path}'";
            Map[path] = new(itemAt, label);
            if (question.Type == QuestionType.Group)
            {
                return Group(question, item, itemAt, path, label);
            }
            if (item.Item.Count > 0)
            {
                Fail($"{itemAt}.item[0]", $"{label} is a question, not a group: it takes answers, not items.", OperationOutcome.IssueType.Structure);
                return null;
            }
            for (var a = 0; a < item.Answer.Count; a++)
            {
                if (item.Answer[a].Item.Count > 0)
                {
                    Fail($"{itemAt}.answer[{a}].item[0]", $"{label}: no question of this Questionnaire is nested under an answer.", OperationOutcome.IssueType.Structure);
                    return null;
                }
            }
            if (!question.Repeats && item.Answer.Count > 1)
            {
                Fail($"{itemAt}.answer[1]", $"{label} takes one answer; this item has {item.Answer.Count}.");
                return null;
            }
            if (!question.Repeats && item.Answer.Count == 0)
            {
                // An item without an answer: the question was not answered, as a missing member.
                return null;
            }
            var values = new List<JsonNode?>();
            for (var a = 0; a < item.Answer.Count; a++)
            {
                var answerAt = $"{itemAt}.answer[{a}]";
                Map[question.Repeats ? $"{path}[{a}]" : path] = new(answerAt, label);
                if (AnswerValue(question, item.Answer[a].Value, answerAt, label) is not { } value)
                {
                    return null;
                }
                values.Add(value);
            }
            return question.Repeats ? new JsonArray([.. values]) : values[0];
        }

        private JsonNode? Group(Question question, QuestionnaireResponse.ItemComponent item, string itemAt, string path, string label)
        {
            if (item.Answer.Count > 0)
            {
                Fail($"{itemAt}.answer[0]", $"{label} is a group: its questions are its items ({string.Join(", ", question.Items.Select(i => i.Path))}), it takes no answer.",
                    OperationOutcome.IssueType.Structure);
                return null;
            }
            var members = new JsonObject();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var ok = true;
            for (var k = 0; k < item.Item.Count; k++)
            {
                var child = item.Item[k];
                var childAt = $"{itemAt}.item[{k}]";
                if (!Unique(child, childAt, seen))
                {
                    ok = false;
                    continue;
                }
                if (question.Items.FirstOrDefault(q => q.Path == child.LinkId) is not { } member)
                {
                    Fail(childAt, $"Item '{Shown(child.LinkId)}' is not a question of the group '{question.Path}'; its items are: {string.Join(", ", question.Items.Select(i => i.Path))}.");
                    ok = false;
                    continue;
                }
                if (Value(member, child, childAt, $"{path}.{member.Name}") is { } value)
                {
                    members[member.Name] = value;
                }
            }
            return ok ? members : null;
        }

        private JsonNode? AnswerValue(Question question, DataType? value, string answerAt, string label)
        {
            switch (question.Type, value)
            {
                case (QuestionType.Choice, Coding coding):
                    var system = ServiceCodeSystems.SystemOf(question.Enumeration!);
                    if (coding.System != system)
                    {
                        Fail(answerAt, $"{label}: the code '{Shown(coding.Code)}' is from {(coding.System is null ? "no system" : Shown(coding.System))}; copy system and code from the item's answerOption: the system is {system}.",
                            OperationOutcome.IssueType.CodeInvalid);
                        return null;
                    }
                    if (coding.Code is null)
                    {
                        Fail(answerAt, $"{label}: the coding has no code; copy system and code from the item's answerOption.", OperationOutcome.IssueType.Required);
                        return null;
                    }
                    return JsonValue.Create(coding.Code);
                case (QuestionType.Date, Date date):
                    return JsonValue.Create(date.Value);
                case (QuestionType.Integer, Integer integer) when integer.Value is { } number:
                    return JsonValue.Create(number);
                case (QuestionType.Boolean, FhirBoolean boolean) when boolean.Value is { } flag:
                    return JsonValue.Create(flag);
                default:
                    var expected = question.Type switch
                    {
                        QuestionType.Choice => "valueCoding",
                        QuestionType.Date => "valueDate",
                        QuestionType.Integer => "valueInteger",
                        _ => "valueBoolean",
                    };
                    Fail(answerAt, $"{label} takes {expected}{(value is null ? "; this answer has no value" : $", not value{value.TypeName[..1].ToUpperInvariant()}{value.TypeName[1..]}")}.");
                    return null;
            }
        }

        public JsonObject Contact(Entry entry)
        {
            var patient = (Patient)entry.Resource;
            var at = entry.Expression;
            Map["patient"] = new(at, "The Patient");
            var contact = new JsonObject();
            Map["patient.name"] = new($"{at}.name[0]", "The Patient's name (name[0].text, or its given and family)");
            if (NameOf(patient.Name) is { } name)
            {
                contact["name"] = name;
            }
            Telecom(patient.Telecom, at, "patient", "The Patient's", contact);
            Map["patient.preferredLanguage"] = new($"{at}.communication[0].language", "The Patient's preferred language (communication[0].language)");
            if (patient.Communication.FirstOrDefault() is { } communication)
            {
                var coding = communication.Language?.Coding.FirstOrDefault(c => c.System == FhirCanonical.LanguageSystem);
                if (coding?.Code is { } language)
                {
                    contact["preferredLanguage"] = language;
                }
                else
                {
                    Fail($"{at}.communication[0].language", $"The Patient's preferred language needs a coding of system {FhirCanonical.LanguageSystem} whose code is a language tag such as en or es.");
                }
            }
            return contact;
        }

        public JsonObject Referrer(Referring referring)
        {
            var practitioner = (Practitioner)referring.Practitioner.Resource;
            var organization = (Organization)referring.Organization.Resource;
            var at = referring.Practitioner.Expression;
            Map["referrer"] = new(at, "The Practitioner");
            Map["referrer.name"] = new($"{at}.name[0]", "The Practitioner's name (name[0].text, or its given and family)");
            Map["referrer.institution"] = new($"{referring.Organization.Expression}.name", "The Organization's name (the referring institution)");
            var referrer = new JsonObject();
            if (NameOf(practitioner.Name) is { } name)
            {
                referrer["name"] = name;
            }
            if (organization.Name is { } institution)
            {
                referrer["institution"] = institution;
            }
            Telecom(practitioner.Telecom, at, "referrer", "The Practitioner's", referrer);
            return referrer;
        }

        private void Telecom(List<ContactPoint> telecom, string at, string path, string whose, JsonObject into)
        {
            Map[$"{path}.email"] = new($"{at}.telecom", $"{whose} e-mail (telecom of system email)");
            Map[$"{path}.phone"] = new($"{at}.telecom", $"{whose} phone (telecom of system phone)");
            foreach (var (system, member) in new[] { (ContactPoint.ContactPointSystem.Email, "email"), (ContactPoint.ContactPointSystem.Phone, "phone") })
            {
                var index = telecom.FindIndex(t => t.System == system);
                if (index >= 0)
                {
                    Map[$"{path}.{member}"] = new($"{at}.telecom[{index}].value", $"{whose} {(member == "email" ? "e-mail" : "phone")} (telecom[{index}])");
                    if (telecom[index].Value is { } value)
                    {
                        into[member] = value;
                    }
                }
            }
        }

        private static string? NameOf(List<HumanName> names) =>
            names.FirstOrDefault() is not { } name ? null
            : name.Text is { } text ? text
            : string.Join(' ', name.Given.Append(name.Family).Where(part => !string.IsNullOrWhiteSpace(part))) is { Length: > 0 } joined ? joined
            : null;
    }
}
