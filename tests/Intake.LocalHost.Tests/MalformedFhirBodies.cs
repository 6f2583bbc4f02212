using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hl7.Fhir.Model;
using Intake.Core.Fhir;
using Intake.Functions.Http;
using Intake.Testing;

namespace Intake.LocalHost.Tests;

/// <summary>
/// Malformed and hostile bodies for <c>POST /api/fhir/referrals</c>, made from a valid referral
/// Bundle holding every kind of answer: every mutation is invalid by construction (not JSON, not
/// FHIR R4, not a referral Bundle, or answers the strict reader refuses), and the same seed gives
/// the same bodies in the same order.
/// </summary>
public sealed class MalformedFhirBodies
{
    private const string Marker = "@@fhir-abuse-marker@@";
    private const string FhirJsonType = "application/fhir+json";

    private static readonly (string Kind, string Json)[] WrongTypes =
    [
        ("Number", "1"), ("Number", "-1.5"), ("True", "true"), ("String", "\"text\""), ("String", "\"\""), ("Array", "[]"), ("Array", "[\"x\"]"),
        ("Object", "{}"), ("Object", "{\"site\":\"liver\"}"), ("Null", "null"),
    ];

    private static readonly string[] BadDates = ["1972-02-30", "1972-13-01", "1972-3-15", "15/03/1972", "1972-03-15T00:00:00Z", "", "today", "1972-03-15 ", "0000-00-00", "9999-99-99"];

    private static readonly string[] OtherResourceTypes =
    [
        "Observation", "Condition", "Encounter", "Procedure", "MedicationRequest", "AllergyIntolerance", "DiagnosticReport", "Specimen",
        "Consent", "RelatedPerson", "Location", "Device", "DocumentReference", "CarePlan", "ServiceRequest", "Questionnaire", "Bundle",
        "OperationOutcome", "Binary", "Task", "Provenance", "Composition", "ResearchSubject", "Immunization",
    ];

    private static readonly string[] WrongContentTypes =
    [
        "text/plain", "application/xml", "application/fhir+xml", "application/x-www-form-urlencoded", "application/octet-stream",
        "application/fhir+json; charset=utf-16", "application/json; charset=iso-8859-1", "application/json-patch+json", "*/*", "fhir+json",
        "application/problem+json", "text/json",
    ];

    private readonly Random _random;
    private readonly JsonObject _valid;
    private readonly List<BodyCase> _cases = [];

    private MalformedFhirBodies(int seed)
    {
        _random = new Random(seed);
        _valid = ValidBody();
    }

    /// <summary>
    /// A referral Bundle answering every question (the oncologist's too), with a patient and a
    /// referrer by PractitionerRole: every element the route reads is there to be damaged. Fixed
    /// dates keep a seed's bodies the same every day.
    /// </summary>
    public static JsonObject ValidBody()
    {
        var answers = SpecExamples.Baseline with
        {
            ScheduledClinicalBiopsy = new(Site.Liver, new DateOnly(2026, 12, 28)),
            EffusionCytologyConfirmed = YesNoUnknown.Unknown,
            ResearchBiopsyPlan = new(Site.Liver, Anesthesia.Local),
            OncologistConcerns = new(false, false, false),
        };
        var bundle = FhirReferrals.For(answers, "0b7f2c1e-4d5a-4b6c-8e9f-1a2b3c4d5e6f",
            new Contact("Grace Example", "grace@example.org", "+1 507 555 0101", "es"));
        return JsonNode.Parse(FhirJson.Serialize(bundle))!.AsObject();
    }

    /// <summary>True when the service's own reading (the body's checks, the FHIR parser, then the referral reader) would take <paramref name="body"/>.</summary>
    public static bool ReadsAsValid(byte[] body, string? contentType)
    {
        if (contentType is not (FhirJsonType or BodyCase.Json) || body.Length > JsonBody.MaxBytes || !System.Text.Unicode.Utf8.IsValid(body))
        {
            return false;
        }
        try
        {
            using var document = JsonDocument.Parse(body, FhirJson.DocumentOptions);
            var issues = new List<FhirIssue>();
            return FhirJson.ReadBundle(document.RootElement, issues) is { } bundle && ReferralBundleReader.Read(bundle, Bodies.Today, issues) is not null;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>Every malformed Bundle, shuffled with <paramref name="seed"/>.</summary>
    public static IReadOnlyList<BodyCase> For(int seed)
    {
        var bodies = new MalformedFhirBodies(seed);
        bodies.Generate();
        var cases = bodies._cases.ToArray();
        bodies._random.Shuffle(cases);
        return cases;
    }

    private void Generate()
    {
        Truncated();
        NotABundle();
        WrongTypesEverywhere();
        UnknownElements();
        DeepNesting();
        HugeAndDuplicated();
        UnknownResourceTypes();
        MissingParts();
        CodesAndLinkIds();
        DatesAndNumbers();
        ReferencesAndShape();
        Encoding_();
        WrongContentType();
    }

    private void Add(string category, string description, byte[] body, string? contentType = FhirJsonType, bool chunked = false) =>
        _cases.Add(new BodyCase(_cases.Count + 1, category, description, body, contentType, chunked));

    private void Add(string category, string description, string body, string? contentType = FhirJsonType) =>
        Add(category, description, Encoding.UTF8.GetBytes(body), contentType);

    private void Add(string category, string description, JsonNode body) => Add(category, description, body.ToJsonString());

    // ---- the damage, one category each ----

    private void Truncated()
    {
        var bytes = Encoding.UTF8.GetBytes(_valid.ToJsonString());
        for (var length = 0; length < bytes.Length; length += 1 + _random.Next(12))
        {
            Add("truncated", $"the valid Bundle cut after {length} of {bytes.Length} bytes", bytes[..length]);
        }
    }

    private void NotABundle()
    {
        foreach (var root in new[] { "[]", "\"Bundle\"", "1", "true", "null", "{}", $"[{_valid.ToJsonString()}]", "{\"resourceType\":\"Patient\",\"id\":\"a\"}",
            "{\"resourceType\":\"bundle\",\"type\":\"collection\"}", "{\"resourceType\":\"Bundle\"}", "{\"resourceType\":1}", "<Bundle xmlns=\"http://hl7.org/fhir\"/>",
            "resourceType=Bundle", "MSH|^~\\&|EHR|" })
        {
            Add("not a Bundle", $"the body is {Short(root)}", root);
        }
        Add("not a Bundle", "the Bundle wrapped in a Parameters", new JsonObject { ["resourceType"] = "Parameters", ["parameter"] = new JsonArray(new JsonObject { ["name"] = "bundle", ["resource"] = _valid.DeepClone() }) });
        foreach (var type in new[] { "document", "message", "searchset", "history", "batch", "batch-response", "transaction-response", "Collection", "" })
        {
            Add("not a Bundle", $"Bundle.type = {type}", Mutate(b => b["type"] = type));
        }
    }

    private void WrongTypesEverywhere()
    {
        foreach (var path in JsonPaths.Paths(_valid).Where(p => JsonPaths.At(_valid, p) is JsonValue))
        {
            var kind = JsonPaths.At(_valid, path)!.GetValueKind().ToString();
            foreach (var (candidate, json) in WrongTypes.Where(w => w.Kind != kind && !(w.Kind is "True" && kind is "False")))
            {
                if (candidate == "Null" && path[^1] is int)
                {
                    continue;
                }
                Add("wrong type", $"{Name(path)} = {json}", Replace(path, json));
            }
        }
    }

    private void UnknownElements()
    {
        foreach (var path in JsonPaths.Paths(_valid).Prepend([]).Where(p => JsonPaths.At(_valid, p) is JsonObject))
        {
            // Not valueString: an extension may hold one (though never beside its own extensions, which only validation checks).
            var member = Pick(["\"shoeSize\":9", "\"Id\":\"x\"", "\"__proto__\":{}", "\"answers\":{}", "\"_id\":{}", "\"\":1", "\"resourcetype\":\"Bundle\""]);
            Add("unknown element", $"{Name(path)} gets {member}", AddMember(path, member));
        }
    }

    private void DeepNesting()
    {
        (string Name, string Json)[] nests =
        [
            ("30 nested arrays", Nest("[", "]", 30)),
            ("10,000 nested arrays", Nest("[", "]", 10_000)),
            ("10,000 nested objects", string.Concat(Enumerable.Repeat("{\"a\":", 10_000)) + "1" + new string('}', 10_000)),
            ("10,000 unclosed arrays", new string('[', 10_000)),
            ("25 nested extensions", string.Concat(Enumerable.Repeat("{\"url\":\"http://example.org/x\",\"extension\":[", 25)) + "{\"url\":\"http://example.org/y\",\"valueString\":\"z\"}" + string.Concat(Enumerable.Repeat("]}", 25))),
        ];
        object[][] places = [[], ["entry"], ["entry", 0, "resource"], ["entry", Index<QuestionnaireResponse>(), "resource", "item"], ["entry", Index<Patient>(), "resource", "name"]];
        foreach (var place in places)
        {
            foreach (var (name, json) in nests)
            {
                Add("deep nesting", $"{(place.Length == 0 ? "the body" : Name(place))} = {name}", place.Length == 0 ? Encoding.UTF8.GetBytes(json) : Replace(place, json));
            }
        }
        // Items nested deeper than the Questionnaire: under an answer, under a question, under a group's member.
        var q = Index<QuestionnaireResponse>();
        var items = (JsonArray)JsonPaths.At(_valid, ["entry", q, "resource", "item"])!;
        for (var i = 0; i < items.Count; i++)
        {
            var nested = new JsonObject { ["linkId"] = "ecog", ["answer"] = new JsonArray(new JsonObject { ["valueInteger"] = 1 }) };
            Add("deep nesting", $"an item under item[{i}]", Mutate(b =>
            {
                var item = JsonPaths.At(b, ["entry", q, "resource", "item", i])!.AsObject();
                if (item["answer"] is JsonArray answers)
                {
                    answers[0]!["item"] = new JsonArray(nested.DeepClone());
                }
                else
                {
                    item["item"]![0]!["item"] = new JsonArray(nested.DeepClone());
                }
            }));
        }
        // A Bundle inside a Bundle inside a Bundle.
        Add("deep nesting", "the Bundle as the resource of its own entry, three deep", Mutate(b =>
        {
            var inner = _valid.DeepClone();
            inner["entry"]!.AsArray().Add(new JsonObject { ["fullUrl"] = "urn:uuid:" + Guid.NewGuid(), ["resource"] = _valid.DeepClone() });
            b["entry"]!.AsArray().Add(new JsonObject { ["fullUrl"] = "urn:uuid:" + Guid.NewGuid(), ["resource"] = inner });
        }));
    }

    private void HugeAndDuplicated()
    {
        var p = Index<Patient>();
        Add("huge", "the Patient's name = a 10 MB string", Replace(["entry", p, "resource", "name", 0, "text"], Quote(new string('a', 10 * 1024 * 1024))));
        Add("huge", "the Patient's name = a 10 MB string, sent chunked", Replace(["entry", p, "resource", "name", 0, "text"], Quote(new string('b', 10 * 1024 * 1024))), chunked: true);
        var exact = Replace(["entry", p, "resource", "name", 0, "text"], Quote(""));
        Add("huge", "a body of 64 KiB + 1 byte", Replace(["entry", p, "resource", "name", 0, "text"], Quote(new string('d', JsonBody.MaxBytes + 1 - exact.Length))));
        Add("huge", "the Patient's name = 201 characters", Replace(["entry", p, "resource", "name", 0, "text"], Quote(new string('e', 201))));
        Add("huge", "60,000 spaces of white space", Encoding.UTF8.GetBytes(_valid.ToJsonString().Replace(",", "," + new string(' ', 60_000), StringComparison.Ordinal)));
        Add("huge", "1,000 empty entries", Mutate(b => b["entry"] = new JsonArray([.. Enumerable.Range(0, 1_000).Select(_ => (JsonNode)new JsonObject())])));
        Add("huge", "500 copies of the Patient entry", Mutate(b =>
        {
            var patient = b["entry"]![p]!;
            for (var i = 0; i < 500; i++)
            {
                b["entry"]!.AsArray().Add(patient.DeepClone());
            }
        }));
        Add("huge", "2,000 sites", Mutate(b =>
        {
            var item = Item(b, "metastaticSites");
            for (var i = 0; i < 2_000; i++)
            {
                item["answer"]!.AsArray().Add(item["answer"]![0]!.DeepClone());
            }
        }));
        var entries = ((JsonArray)_valid["entry"]!).Count;
        for (var e = 0; e < entries; e++)
        {
            var index = e;
            Add("duplicate", $"entry[{e}] twice", Mutate(b => b["entry"]!.AsArray().Add(b["entry"]![index]!.DeepClone())));
            Add("duplicate", $"entry[{e}] again under a new fullUrl", Mutate(b =>
            {
                var copy = b["entry"]![index]!.DeepClone();
                copy["fullUrl"] = "urn:uuid:" + new Guid(index + 1, 2, 3, [4, 5, 6, 7, 8, 9, 10, 11]);
                b["entry"]!.AsArray().Add(copy);
            }));
        }
        var json = _valid.ToJsonString();
        foreach (var member in new[] { "\"resourceType\":\"Bundle\"", "\"type\":\"collection\"", "\"linkId\":\"ecog\"", "\"status\":\"completed\"" })
        {
            var at = json.IndexOf(member, StringComparison.Ordinal);
            Add("duplicate", $"the member {member} twice in its object", json[..at] + member + "," + json[at..]);
        }
        var items = (JsonArray)JsonPaths.At(_valid, ["entry", Index<QuestionnaireResponse>(), "resource", "item"])!;
        for (var i = 0; i < items.Count; i++)
        {
            var index = i;
            Add("duplicate", $"item[{i}] twice", Mutate(b => Items(b).Add(Items(b)[index]!.DeepClone())));
        }
    }

    private void UnknownResourceTypes()
    {
        foreach (var type in OtherResourceTypes)
        {
            Add("unknown resource type", $"an entry with a {type}", Mutate(b => b["entry"]!.AsArray().Add(new JsonObject
            {
                ["fullUrl"] = "urn:uuid:" + Guid.NewGuid(),
                ["resource"] = new JsonObject { ["resourceType"] = type, ["id"] = "x1" },
            })));
            Add("unknown resource type", $"the Patient's resourceType = {type}", Replace(["entry", Index<Patient>(), "resource", "resourceType"], Quote(type)));
        }
        foreach (var type in new[] { "Patients", "patient", "Person", "Practioner", "QuestionaireResponse", "Unknown", "" })
        {
            Add("unknown resource type", $"an entry whose resourceType is '{type}'", Mutate(b => b["entry"]!.AsArray().Add(new JsonObject
            {
                ["fullUrl"] = "urn:uuid:" + Guid.NewGuid(),
                ["resource"] = new JsonObject { ["resourceType"] = type },
            })));
        }
    }

    private void MissingParts()
    {
        var entries = ((JsonArray)_valid["entry"]!).Count;
        for (var e = 0; e < entries; e++)
        {
            var type = (string)_valid["entry"]![e]!["resource"]!["resourceType"]!;
            if (type != nameof(PractitionerRole))
            {
                var index = e;
                Add("missing", $"without the {type}", Mutate(b => b["entry"]!.AsArray().RemoveAt(index)));
            }
            var at = e;
            Add("missing", $"entry[{e}] without its resource", Mutate(b => b["entry"]![at]!.AsObject().Remove("resource")));
            Add("missing", $"entry[{e}] without its fullUrl", Mutate(b => b["entry"]![at]!.AsObject().Remove("fullUrl")));
        }
        var q = Index<QuestionnaireResponse>();
        foreach (var member in new[] { "status", "questionnaire", "subject" })
        {
            Add("missing", $"the QuestionnaireResponse without {member}", Mutate(b => b["entry"]![q]!["resource"]!.AsObject().Remove(member)));
        }
        Add("missing", "the Bundle without type", Mutate(b => b.Remove("type")));
        Add("missing", "the Bundle without entries", Mutate(b => b.Remove("entry")));
        Add("missing", "the Bundle with an empty entry list", Mutate(b => b["entry"] = new JsonArray()));
        Add("missing", "without patientAwareOfReferral", Mutate(b => Items(b).Remove(Item(b, "patientAwareOfReferral"))));
        Add("missing", "patientAwareOfReferral false", Mutate(b => Item(b, "patientAwareOfReferral")["answer"]![0]!["valueBoolean"] = false));
        Add("missing", "patientAwareOfReferral without an answer", Mutate(b => Item(b, "patientAwareOfReferral").Remove("answer")));
        foreach (var (group, member) in new[] { ("scheduledClinicalBiopsy", "site"), ("scheduledClinicalBiopsy", "date"), ("researchBiopsyPlan", "site") })
        {
            Add("missing", $"{group} without {member}", Mutate(b =>
            {
                var items = Item(b, group)["item"]!.AsArray();
                items.Remove(items.First(i => (string)i!["linkId"]! == $"{group}.{member}"));
            }));
        }
        var p = Index<Patient>();
        Add("missing", "the Patient without telecom", Mutate(b => b["entry"]![p]!["resource"]!.AsObject().Remove("telecom")));
        Add("missing", "the Patient without a name", Mutate(b => b["entry"]![p]!["resource"]!.AsObject().Remove("name")));
        Add("missing", "the Organization without a name", Mutate(b => b["entry"]![Index<Organization>()]!["resource"]!.AsObject().Remove("name")));
        Add("missing", "the Practitioner without a name", Mutate(b => b["entry"]![Index<Practitioner>()]!["resource"]!.AsObject().Remove("name")));
    }

    private void CodesAndLinkIds()
    {
        var items = JsonPaths.Paths(_valid).Where(p => p[^1] is "linkId").ToList();
        foreach (var path in items)
        {
            var linkId = (string)JsonPaths.At(_valid, path)!;
            foreach (var wrong in new[] { linkId + "x", linkId.ToUpperInvariant(), "answers." + linkId, linkId.Replace('.', '/') }.Where(w => w != linkId))
            {
                Add("linkId", $"{Name(path)} = {wrong}", Replace(path, Quote(wrong)));
            }
        }
        foreach (var path in JsonPaths.Paths(_valid).Where(p => p[^1] is "code" && JsonPaths.At(_valid, p[..^1]) is JsonObject o && o.ContainsKey("system") && p.Contains("valueCoding")))
        {
            var code = (string)JsonPaths.At(_valid, path)!;
            foreach (var wrong in new[] { code + "s", code.ToUpperInvariant(), "Unknown", "none " })
            {
                if (wrong != code)
                {
                    Add("code", $"{Name(path)} = {wrong}", Replace(path, Quote(wrong)));
                }
            }
            var system = path[..^1].Append("system").ToArray();
            foreach (var wrong in new[] { "http://snomed.info/sct", FhirCanonical.CodeSystemUrl("nothing"), (string)JsonPaths.At(_valid, system)! + "/" })
            {
                Add("code", $"{Name(system)} = {wrong}", Replace(system, Quote(wrong)));
            }
            Add("code", $"{Name(system)} removed", Mutate(b => JsonPaths.At(b, path[..^1])!.AsObject().Remove("system")));
        }
        foreach (var path in JsonPaths.Paths(_valid).Where(p => p[^1] is "valueCoding"))
        {
            Add("value type", $"{Name(path)} as a valueString", Rename(path, "valueString", "\"yes\""));
            Add("value type", $"{Name(path)} as a valueCode", Rename(path, "valueCode", "\"yes\""));
        }
        foreach (var path in JsonPaths.Paths(_valid).Where(p => p[^1] is "valueInteger" or "valueDate" or "valueBoolean"))
        {
            Add("value type", $"{Name(path)} as a valueString", Rename(path, "valueString", "\"1\""));
            Add("value type", $"{Name(path)} as a valueDecimal", Rename(path, "valueDecimal", "1.5"));
            Add("value type", $"{Name(path)} as a valueCoding", Rename(path, "valueCoding", "{\"system\":\"http://snomed.info/sct\",\"code\":\"1\"}"));
        }
    }

    private void DatesAndNumbers()
    {
        foreach (var path in JsonPaths.Paths(_valid).Where(p => p[^1] is "valueDate" or "birthDate"))
        {
            foreach (var date in BadDates)
            {
                Add("date", $"{Name(path)} = {Short(date)}", Replace(path, Quote(date)));
            }
        }
        Add("date", "a date of birth after today", Mutate(b =>
        {
            Item(b, "dateOfBirth")["answer"]![0]!["valueDate"] = "2099-01-01";
            b["entry"]![Index<Patient>()]!["resource"]!["birthDate"] = "2099-01-01";
        }));
        Add("date", "a birthDate that is not the dateOfBirth answer", Replace(["entry", Index<Patient>(), "resource", "birthDate"], "\"1972-03-16\""));
        var ecog = JsonPaths.Paths(_valid).First(p => p[^1] is "valueInteger");
        foreach (var number in new[] { "5", "-1", "100", "2147483648", "1e400", "1.0", "01", "-0.5" })
        {
            Add("number", $"{Name(ecog)} = {number}", Replace(ecog, number));
        }
    }

    private void ReferencesAndShape()
    {
        var q = Index<QuestionnaireResponse>();
        foreach (var (member, value) in new[]
        {
            ("questionnaire", FhirCanonical.QuestionnaireUrl), ("questionnaire", FhirCanonical.QuestionnaireUrl + "|1.0"), ("questionnaire", "Questionnaire/referral"),
            ("status", "in-progress"), ("status", "amended"), ("status", "Completed"), ("status", "done"),
        })
        {
            Add("shape", $"QuestionnaireResponse.{member} = {value}", Replace(["entry", q, "resource", member], Quote(value)));
        }
        Add("shape", "the QuestionnaireResponse's subject refers elsewhere", Replace(["entry", q, "resource", "subject", "reference"], Quote("urn:uuid:" + Guid.Empty)));
        var role = Index<PractitionerRole>();
        Add("shape", "the PractitionerRole's practitioner refers elsewhere", Replace(["entry", role, "resource", "practitioner", "reference"], Quote("Practitioner/123")));
        Add("shape", "the PractitionerRole's organization refers elsewhere", Replace(["entry", role, "resource", "organization", "reference"], Quote("urn:uuid:" + Guid.Empty)));
        foreach (var url in new[] { "Patient/1", "http://example.org/Patient/1", "urn:uuid:not-a-uuid", "urn:oid:1.2.3", "" })
        {
            Add("shape", $"entry[0].fullUrl = {url}", Replace(["entry", 0, "fullUrl"], Quote(url)));
        }
        Add("shape", "two entries with the same fullUrl", Mutate(b => b["entry"]![1]!["fullUrl"] = (string)b["entry"]![0]!["fullUrl"]!));
        Add("shape", "a transaction whose entries have no request", Mutate(b => b["type"] = "transaction"));
        Add("shape", "a transaction whose entries PUT", Mutate(b =>
        {
            b["type"] = "transaction";
            foreach (var entry in b["entry"]!.AsArray())
            {
                entry!["request"] = new JsonObject { ["method"] = "PUT", ["url"] = (string)entry["resource"]!["resourceType"]! };
            }
        }));
        foreach (var id in new[] { "not-a-uuid", "0b7f2c1e4d5a4b6c8e9f1a2b3c4d5e6f", "{0b7f2c1e-4d5a-4b6c-8e9f-1a2b3c4d5e6f}", "0b7f2c1e-4d5a-4b6c-8e9f-1a2b3c4d5e6g", "" })
        {
            Add("shape", $"Bundle.id = {id}", Replace(["id"], Quote(id)));
        }
        var p = Index<Patient>();
        foreach (var (system, value) in new[] { ("email", "not an address"), ("email", "a@b"), ("phone", "12"), ("phone", "call me"), ("fax", "+1 507 555 0100") })
        {
            Add("contact", $"the Patient's only telecom is {system} '{value}'", Replace(["entry", p, "resource", "telecom"], $"[{{\"system\":\"{system}\",\"value\":\"{value}\"}}]"));
        }
        Add("contact", "the Patient's language without the BCP 47 system", Replace(["entry", p, "resource", "communication", 0, "language"], "{\"coding\":[{\"system\":\"http://example.org\",\"code\":\"es\"}]}"));
        Add("contact", "the Patient's language is not a tag", Replace(["entry", p, "resource", "communication", 0, "language"], "{\"coding\":[{\"system\":\"urn:ietf:bcp:47\",\"code\":\"Spanish!\"}]}"));
        Add("contact", "the Patient's name is blank", Replace(["entry", p, "resource", "name"], "[{\"text\":\"   \"}]"));
    }

    private void Encoding_()
    {
        var json = _valid.ToJsonString();
        var at = json.IndexOf("Grace Example", StringComparison.Ordinal);
        foreach (var bytes in new byte[][] { [0xC3, 0x28], [0xFF], [0xED, 0xA0, 0x80], [0xC0, 0xAF], [0x80] })
        {
            Add("encoding", $"invalid UTF-8 {Convert.ToHexString(bytes)} in the Patient's name", [.. Encoding.UTF8.GetBytes(json[..at]), .. bytes, .. Encoding.UTF8.GetBytes(json[at..])]);
        }
        foreach (var escape in new[] { @"\ud800", @"\udfff", @"a\ud800b" })
        {
            Add("encoding", $"the unpaired surrogate {escape} in the Patient's name", json[..at] + escape + json[at..]);
            Add("encoding", $"the unpaired surrogate {escape} as a member name", json.Insert(1, $"\"{escape}\":1,"));
        }
        Add("encoding", "UTF-16 with a byte order mark", [0xFF, 0xFE, .. Encoding.Unicode.GetBytes(json)]);
        Add("encoding", "a NUL in the Patient's name", json[..at] + "\\u0000" + json[at..]);
        Add("encoding", "a raw control character in a string", json[..at] + "\u0001" + json[at..]);
        Add("encoding", "a comment before the Bundle", "/* EHR */" + json);
        Add("encoding", "a trailing comma", json[..^1] + ",}");
        Add("encoding", "single quotes", json.Replace('"', '\''));
        Add("encoding", "two Bundles one after the other", json + json);
    }

    private void WrongContentType()
    {
        var json = Encoding.UTF8.GetBytes(_valid.ToJsonString());
        foreach (var type in WrongContentTypes)
        {
            Add("content type", $"Content-Type: {type}", json, type);
        }
        Add("content type", "no Content-Type", json, null);
    }

    // ---- helpers ----

    private int Index<T>() => ((JsonArray)_valid["entry"]!).ToList().FindIndex(e => (string)e!["resource"]!["resourceType"]! == typeof(T).Name);

    private static JsonArray Items(JsonObject bundle) =>
        bundle["entry"]!.AsArray().First(e => (string)e!["resource"]!["resourceType"]! == nameof(QuestionnaireResponse))!["resource"]!["item"]!.AsArray();

    private static JsonObject Item(JsonObject bundle, string linkId) => Items(bundle).First(i => (string)i!["linkId"]! == linkId)!.AsObject();

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    private static string Nest(string open, string close, int depth) => string.Concat(Enumerable.Repeat(open, depth)) + string.Concat(Enumerable.Repeat(close, depth));

    private static string Quote(string text) => JsonSerializer.Serialize(text);

    private static string Short(string text) => text.Length > 40 ? text[..40] + "…" : text;

    private static string Name(object[] path)
    {
        var name = new StringBuilder("Bundle");
        foreach (var segment in path)
        {
            name.Append(segment is int index ? $"[{index.ToString(CultureInfo.InvariantCulture)}]" : "." + (string)segment);
        }
        return name.ToString();
    }

    private byte[] Mutate(Action<JsonObject> change)
    {
        var body = (JsonObject)_valid.DeepClone();
        change(body);
        return Encoding.UTF8.GetBytes(body.ToJsonString());
    }

    /// <summary>The valid body with the value at <paramref name="path"/> replaced by the raw JSON text <paramref name="json"/>.</summary>
    private byte[] Replace(object[] path, string json)
    {
        var body = _valid.DeepClone();
        var parent = JsonPaths.At(body, path[..^1])!;
        if (path[^1] is int i)
        {
            parent.AsArray()[i] = Marker;
        }
        else
        {
            parent.AsObject()[(string)path[^1]] = Marker;
        }
        return Encoding.UTF8.GetBytes(body.ToJsonString().Replace(Quote(Marker), json, StringComparison.Ordinal));
    }

    /// <summary>The valid body with the member at <paramref name="path"/> replaced by <paramref name="name"/> holding the raw JSON <paramref name="json"/>.</summary>
    private byte[] Rename(object[] path, string name, string json)
    {
        var body = _valid.DeepClone();
        var parent = JsonPaths.At(body, path[..^1])!.AsObject();
        parent.Remove((string)path[^1]);
        parent[name] = Marker;
        return Encoding.UTF8.GetBytes(body.ToJsonString().Replace(Quote(Marker), json, StringComparison.Ordinal));
    }

    /// <summary>The valid body with one more member, given as raw text (<c>"name":value</c>), in the object at <paramref name="objectPath"/>.</summary>
    private byte[] AddMember(object[] objectPath, string member)
    {
        var body = _valid.DeepClone();
        ((JsonObject)JsonPaths.At(body, objectPath)!)[Marker] = Marker;
        return Encoding.UTF8.GetBytes(body.ToJsonString().Replace($"{Quote(Marker)}:{Quote(Marker)}", member, StringComparison.Ordinal));
    }
}
