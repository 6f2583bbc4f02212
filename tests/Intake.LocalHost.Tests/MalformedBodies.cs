using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Intake.Functions.Http;

namespace Intake.LocalHost.Tests;

/// <summary>One request body that the public routes must refuse.</summary>
/// <param name="Number">Its number in the order generated (stable for a seed).</param>
/// <param name="Category">The kind of damage, for the counts.</param>
/// <param name="Description">What exactly was done, for a failure message (never the whole body).</param>
/// <param name="Body">The bytes sent.</param>
/// <param name="ContentType">The Content-Type header, or <c>null</c> for none.</param>
/// <param name="Chunked">Sent with chunked transfer encoding (no Content-Length).</param>
public sealed record BodyCase(int Number, string Category, string Description, byte[] Body, string? ContentType, bool Chunked = false)
{
    public const string Json = "application/json";
}

/// <summary>
/// Malformed and hostile bodies for <c>POST /api/screenings</c> and <c>POST /api/referrals</c>,
/// made from a valid body of the kind the end-to-end tests send (<see cref="Bodies"/>): every
/// mutation is invalid by construction (api.md and its extensions), and the same seed gives the
/// same bodies in the same order.
/// </summary>
public sealed class MalformedBodies
{
    /// <summary>The seed unless <c>INTAKE_FUZZ_SEED</c> says otherwise.</summary>
    public const int DefaultSeed = 20261126;

    private const string Marker = "@@abuse-marker@@";
    private const int TenMegabytes = 10 * 1024 * 1024;

    private static readonly string[] RawNumbers =
        ["1e400", "-1e400", "99999999999999999999", "-99999999999999999999", "1e-400", "2147483648", "-2147483649", "1" + new string('0', 400)];

    private static readonly (string Kind, string Json)[] WrongTypes =
    [
        ("Number", "1"), ("Number", "0"), ("Number", "-1"), ("True", "true"), ("False", "false"),
        ("String", "\"text\""), ("String", "\"\""), ("Array", "[]"), ("Array", "[\"bone\"]"), ("Object", "{}"), ("Object", "{\"site\":\"liver\"}"),
    ];

    private static readonly byte[][] InvalidUtf8 =
    [
        [0xC3, 0x28], [0xA0, 0xA1], [0xE2, 0x28, 0xA1], [0xE2, 0x82, 0x28], [0xF0, 0x28, 0x8C, 0xBC], [0xF0, 0x90, 0x28, 0xBC],
        [0xF0, 0x28, 0x8C, 0x28], [0xF8, 0xA1, 0xA1, 0xA1, 0xA1], [0xFC, 0xA1, 0xA1, 0xA1, 0xA1, 0xA1], [0xC0, 0xAF], [0xE0, 0x80, 0xAF],
        [0xF0, 0x80, 0x80, 0xAF], [0xED, 0xA0, 0x80], [0xED, 0xBF, 0xBF], [0xFF], [0xFE], [0x80], [0xBF], [0xE2, 0x82], [0xF4, 0x90, 0x80, 0x80],
    ];

    private static readonly string[] EscapedSurrogates = [@"\ud800", @"\udfff", @"\udc00\ud800", @"a\ud800b", @"\ud800\u0041"];

    private static readonly string[] OddKeys =
    [
        "__proto__", "constructor", "prototype", "__defineGetter__", "hasOwnProperty", "toString", "valueOf", "$type", "$ref", "$id",
        "@odata.type", "odata.etag", "PartitionKey", "RowKey", "Timestamp", "ETag", "", " ", "answers ", "Answers", "ecg", "Ecog",
    ];

    private static readonly string[] OddKeyValues = ["{}", "{\"consentToContact\":true}", "null", "\"x\""];

    private static readonly string[] BadDates =
    [
        "0000-00-00", "2026-02-30", "2025-02-29", "1899-12-31", "0001-01-01", "1972-13-01", "1972-00-10", "1972-03-00", "1972-03-32",
        "1972-3-15", "72-03-15", "1972/03/15", "15/03/1972", "03/15/1972", "1972-03-15T00:00:00Z", "1972-03-15T00:00:00", "1972-03-15 ",
        " 1972-03-15", "19720315", "+1972-03-15", "-1972-03-15", "1972-W11-3", "1972-075", "9999-12-32", "10000-01-01", "", "today",
        "\uFF11\uFF19\uFF17\uFF12-\uFF10\uFF13-\uFF11\uFF15", "1972-03-15\u0000", "1972\u201003\u201015", "1972-03-15\n",
    ];

    private static readonly string[] WrongContentTypes =
    [
        "text/plain", "text/plain; charset=utf-8", "text/json", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
        "application/xml", "application/json-patch+json", "application/merge-patch+json", "application/problem+json", "application/jsonp",
        "application/javascript", "application/octet-stream", "application/json; charset=utf-16", "application/json; charset=iso-8859-1",
        "application/json; charset=utf8", "application/json; charset=us-ascii", "*/*", "application/*", "json",
        "application/json, text/plain", "image/png",
    ];

    private readonly SubmissionKind _kind;
    private readonly Random _random;
    private readonly JsonObject _valid;
    private readonly List<BodyCase> _cases = [];

    private MalformedBodies(SubmissionKind kind, int seed)
    {
        _kind = kind;
        _random = new Random(seed);
        _valid = ValidBody(kind);
    }

    /// <summary>The seed of this run: <c>INTAKE_FUZZ_SEED</c>, else <see cref="DefaultSeed"/>.</summary>
    public static int Seed { get; } = int.TryParse(Environment.GetEnvironmentVariable("INTAKE_FUZZ_SEED"), CultureInfo.InvariantCulture, out var seed) ? seed : DefaultSeed;

    private bool Referral => _kind == SubmissionKind.Referral;

    private string ContactField => Referral ? "patient" : "contact";

    private string ConsentField => Referral ? "patientAwareOfReferral" : "consentToContact";

    /// <summary>
    /// The valid body the bodies are made from: the spec's baseline answers (born 1972-03-15) in
    /// <see cref="Bodies"/>' request shapes, with every optional member the kind allows, so that each
    /// can be damaged. Fixed dates (a biopsy date may be past) keep a seed's bodies the same every day.
    /// </summary>
    public static JsonObject ValidBody(SubmissionKind kind)
    {
        var answers = Intake.Testing.SpecExamples.BaselineJson()
            .With("scheduledClinicalBiopsy", new JsonObject { ["site"] = "liver", ["date"] = "2026-12-28" })
            .With("effusionCytologyConfirmed", "unknown");
        if (kind == SubmissionKind.SelfScreening)
        {
            return Bodies.Screening(answers);
        }
        answers
            .With("researchBiopsyPlan", new JsonObject { ["site"] = "liver", ["anesthesia"] = "local" })
            .With("oncologistConcerns", new JsonObject { ["seriousComorbidity"] = false, ["biopsySafetyRisk"] = false, ["hazardousCondition"] = false });
        var body = Bodies.Referral(answers);
        body["patient"] = new JsonObject { ["name"] = "Grace Example", ["email"] = "grace@example.org", ["phone"] = "+1 507 555 0101", ["preferredLanguage"] = "es" };
        body["referrer"]!["phone"] = "+1 507 555 0199";
        return body;
    }

    /// <summary>True when the service's own reading (JsonBody's checks, then SubmissionReader) would take <paramref name="body"/>.</summary>
    public static bool ReadsAsValid(SubmissionKind kind, byte[] body, string? contentType = BodyCase.Json)
    {
        if (contentType != BodyCase.Json || body.Length > JsonBody.MaxBytes || !System.Text.Unicode.Utf8.IsValid(body))
        {
            return false;
        }
        try
        {
            using var document = JsonDocument.Parse(body, SubmissionReader.DocumentOptions);
            return SubmissionReader.Read(document.RootElement, kind, Bodies.Today, new FieldErrors()) is not null;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>Every malformed body for <paramref name="kind"/>, shuffled with <paramref name="seed"/>.</summary>
    public static IReadOnlyList<BodyCase> For(SubmissionKind kind, int seed)
    {
        var bodies = new MalformedBodies(kind, seed);
        bodies.Generate();
        var cases = bodies._cases.ToArray();
        bodies._random.Shuffle(cases);
        return cases;
    }

    private void Generate()
    {
        Truncated();
        WrongTypesEverywhere();
        HugeNumbers();
        DeepNesting();
        HugeStrings();
        InvalidUtf8Sequences();
        UnpairedSurrogates();
        DuplicateKeys();
        PrototypeAndOddKeys();
        UnknownEnumValues();
        ImpossibleDates();
        NullsForRequired();
        MissingOrFalseRequired();
        EmptyAndNotAnObject();
        BrokenSyntax();
        WrongContentType();
        ByteOrderMarks();
        ControlCharacters();
        BadIds();
        OutOfRangeAndBadFormats();
    }

    private void Add(string category, string description, byte[] body, string? contentType = BodyCase.Json, bool chunked = false) =>
        _cases.Add(new BodyCase(_cases.Count + 1, category, description, body, contentType, chunked));

    private void Add(string category, string description, string body, string? contentType = BodyCase.Json) =>
        Add(category, description, Encoding.UTF8.GetBytes(body), contentType);

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    // ---- the damage, one category each ----

    private void Truncated()
    {
        var bytes = Encoding.UTF8.GetBytes(_valid.ToJsonString());
        for (var length = 0; length < bytes.Length; length++)
        {
            Add("truncated", $"the valid body cut after {length} of {bytes.Length} bytes", bytes[..length]);
        }
    }

    private void WrongTypesEverywhere()
    {
        foreach (var root in new[] { "[]", "\"text\"", "1", "true", "null", $"[{_valid.ToJsonString()}]" })
        {
            Add("wrong type", $"the body is {Short(root)}", root);
        }
        foreach (var path in JsonPaths.Paths(_valid))
        {
            var kind = JsonPaths.At(_valid, path)!.GetValueKind().ToString();
            foreach (var (candidateKind, json) in WrongTypes.Where(w => w.Kind != kind && !(w.Kind is "True" or "False" && kind is "True" or "False")))
            {
                Add("wrong type", $"{Name(path)} = {json}", Replace(path, json));
            }
        }
    }

    private void HugeNumbers()
    {
        foreach (var path in JsonPaths.Paths(_valid).Where(p => JsonPaths.At(_valid, p) is JsonValue))
        {
            foreach (var number in RawNumbers)
            {
                Add("huge number", $"{Name(path)} = {Short(number)}", Replace(path, number));
            }
        }
    }

    private void DeepNesting()
    {
        (string Name, string Json)[] nests =
        [
            ("17 nested arrays", Nest("[", "]", 17)),
            ("10,000 nested arrays", Nest("[", "]", 10_000)),
            ("10,000 nested objects", string.Concat(Enumerable.Repeat("{\"a\":", 10_000)) + "1" + new string('}', 10_000)),
            ("10,000 unclosed arrays", new string('[', 10_000)),
            ("5,000 nested array-object pairs", string.Concat(Enumerable.Repeat("[{\"a\":", 5_000)) + "1" + string.Concat(Enumerable.Repeat("}]", 5_000))),
        ];
        object[][] places = [[], ["answers"], ["answers", "ecog"], [ContactField, "name"], ["answers", "metastaticSites"], ["answers", "scheduledClinicalBiopsy", "site"]];
        foreach (var place in places)
        {
            foreach (var (name, json) in nests)
            {
                Add("deep nesting", $"{(place.Length == 0 ? "the body" : Name(place))} = {name}", place.Length == 0 ? Encoding.UTF8.GetBytes(json) : Replace(place, json));
            }
        }
        Add("deep nesting", "the body = 100,000 nested arrays (over 64 KiB)", Nest("[", "]", 100_000));
    }

    private void HugeStrings()
    {
        Add("huge string", $"{ContactField}.name = a 10 MB string", Replace([ContactField, "name"], Quote(new string('a', TenMegabytes))));
        Add("huge string", "answers.sex = a 10 MB string, sent chunked", Replace(["answers", "sex"], Quote(new string('b', TenMegabytes))), chunked: true);
        Add("huge string", $"{ContactField}.name = a 1 MB string", Replace([ContactField, "name"], Quote(new string('c', 1024 * 1024))));
        var exact = Replace([ContactField, "name"], Quote(""));
        Add("huge string", "a body of 64 KiB + 1 byte", Replace([ContactField, "name"], Quote(new string('d', JsonBody.MaxBytes + 1 - exact.Length))));
        Add("huge string", $"{ContactField}.name = 60,000 characters (body under 64 KiB)", Replace([ContactField, "name"], Quote(new string('e', 60_000))));
        Add("huge string", $"{ContactField}.name = 201 characters", Replace([ContactField, "name"], Quote(new string('f', 201))));
        Add("huge string", $"{ContactField}.email = 255 characters", Replace([ContactField, "email"], Quote(new string('g', 243) + "@example.org")));
        Add("huge string", $"{ContactField}.phone = 41 characters", Replace([ContactField, "phone"], Quote("+1 " + string.Concat(Enumerable.Repeat("507 ", 9)) + "55")));
        Add("huge string", $"{ContactField}.preferredLanguage = 38 characters", Replace([ContactField, "preferredLanguage"], Quote("en" + string.Concat(Enumerable.Repeat("-abcdefgh", 4)))));
        if (Referral)
        {
            Add("huge string", "referrer.institution = 201 characters", Replace(["referrer", "institution"], Quote(new string('h', 201))));
            Add("huge string", "referrer.name = 201 characters", Replace(["referrer", "name"], Quote(new string('i', 201))));
        }
    }

    private void InvalidUtf8Sequences()
    {
        var strings = JsonPaths.Paths(_valid).Where(p => JsonPaths.At(_valid, p) is JsonValue v && v.GetValueKind() == JsonValueKind.String).ToArray();
        var objects = JsonPaths.Paths(_valid).Where(p => JsonPaths.At(_valid, p) is JsonObject).Prepend([]).ToArray();
        foreach (var sequence in InvalidUtf8)
        {
            var hex = Convert.ToHexString(sequence);
            var inString = Pick(strings);
            Add("invalid UTF-8", $"bytes {hex} inside {Name(inString)}", Splice(inString, s => s + Marker, sequence));
            var inName = Pick(objects);
            Add("invalid UTF-8", $"bytes {hex} in a member name of {Name(inName)}", Splice(inName, raw: $"\"x{Marker}\":1", sequence));
            Add("invalid UTF-8", $"bytes {hex} between tokens", BetweenTokens(sequence));
        }
    }

    private void UnpairedSurrogates()
    {
        var strings = JsonPaths.Paths(_valid).Where(p => JsonPaths.At(_valid, p) is JsonValue v && v.GetValueKind() == JsonValueKind.String).ToArray();
        foreach (var escape in EscapedSurrogates)
        {
            foreach (var path in new[] { Pick(strings), Pick(strings), (object[])[ContactField, "name"] })
            {
                Add("unpaired surrogate", $"{Name(path)} holds {escape}", Replace(path, $"\"{escape}{Unquoted(path)}\""));
            }
            Add("unpaired surrogate", $"a member named {escape} in answers", AddMember(["answers"], $"\"{escape}\":\"yes\""));
        }
    }

    private void DuplicateKeys()
    {
        foreach (var objectPath in JsonPaths.Paths(_valid).Where(p => JsonPaths.At(_valid, p) is JsonObject).Prepend([]))
        {
            foreach (var (name, value) in (JsonObject)JsonPaths.At(_valid, objectPath)!)
            {
                var json = value?.ToJsonString() ?? "null";
                Add("duplicate key", $"{Name([.. objectPath, name])} given twice", AddMember(objectPath, $"{Quote(name)}:{json}"));
                var escaped = $"\"\\u{(int)name[0]:x4}{name[1..]}\"";
                Add("duplicate key", $"{Name([.. objectPath, name])} given twice, once as {escaped}", AddMember(objectPath, $"{escaped}:{json}"));
            }
        }
    }

    private void PrototypeAndOddKeys()
    {
        foreach (var objectPath in JsonPaths.Paths(_valid).Where(p => JsonPaths.At(_valid, p) is JsonObject).Prepend([]))
        {
            foreach (var key in OddKeys)
            {
                var value = Pick(OddKeyValues);
                Add("prototype or unknown key", $"{Name(objectPath)} has {Quote(key)}: {value}", AddMember(objectPath, $"{Quote(key)}:{value}"));
            }
        }
    }

    private void UnknownEnumValues()
    {
        foreach (var path in EnumPaths())
        {
            var value = (string)JsonPaths.At(_valid, path)!;
            string[] variants =
            [
                "", " ", "unknownValue", "maybe", "null", "true", "0", char.ToUpperInvariant(value[0]) + value[1..], value.ToUpperInvariant(),
                value + " ", " " + value, value + "\u0000", value + "\u200B", FullWidth(value), Homoglyph(value), value + "' or '1'='1",
                "yes;DROP TABLE submissions", value + "s", value[..^1], value + "\u0301",
            ];
            foreach (var variant in variants)
            {
                Add("unknown enum value", $"{Name(path)} = {JsonSerializer.Serialize(variant)}", Replace(path, JsonSerializer.Serialize(variant)));
            }
        }
        Add("unknown enum value", "answers.metastaticSites with \"spleen\" added", Replace(["answers", "metastaticSites"], "[\"bone\",\"liver\",\"spleen\"]"));
        Add("unknown enum value", "answers.metastaticSites with \"Bone\"", Replace(["answers", "metastaticSites"], "[\"Bone\"]"));
    }

    private void ImpossibleDates()
    {
        object[][] paths = [["answers", "dateOfBirth"], ["answers", "scheduledClinicalBiopsy", "date"]];
        foreach (var path in paths)
        {
            foreach (var date in BadDates)
            {
                Add("impossible date", $"{Name(path)} = {JsonSerializer.Serialize(date)}", Replace(path, JsonSerializer.Serialize(date)));
            }
        }
        foreach (var future in new[] { Bodies.Today.AddDays(1), Bodies.Today.AddYears(1), new DateOnly(2999, 1, 1) })
        {
            Add("impossible date", $"answers.dateOfBirth in the future ({future:yyyy-MM-dd})", Replace(["answers", "dateOfBirth"], Quote(future.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))));
        }
    }

    private void NullsForRequired()
    {
        Add("null", "the body is null", "null");
        List<object[]> required = [["answers"], [ContactField], [ConsentField], [ContactField, "name"], ["answers", "metastaticSites", 0],
            ["answers", "scheduledClinicalBiopsy", "site"], ["answers", "scheduledClinicalBiopsy", "date"]];
        if (Referral)
        {
            required.AddRange([["referrer"], ["referrer", "name"], ["referrer", "institution"], ["answers", "researchBiopsyPlan", "site"]]);
        }
        foreach (var path in required)
        {
            Add("null", $"{Name(path)} = null", Replace(path, "null"));
        }
        Add("null", "answers.metastaticSites = [null]", Replace(["answers", "metastaticSites"], "[null]"));
        Add("null", $"{ContactField}.email and .phone = null", Mutate(b => { b[ContactField]!["email"] = null; b[ContactField]!["phone"] = null; }));
        if (Referral)
        {
            Add("null", "referrer.email and .phone = null", Mutate(b => { b["referrer"]!["email"] = null; b["referrer"]!["phone"] = null; }));
        }
    }

    private void MissingOrFalseRequired()
    {
        List<object[]> required = [["answers"], [ContactField], [ConsentField], [ContactField, "name"],
            ["answers", "scheduledClinicalBiopsy", "site"], ["answers", "scheduledClinicalBiopsy", "date"]];
        if (Referral)
        {
            required.AddRange([["referrer"], ["referrer", "name"], ["referrer", "institution"], ["answers", "researchBiopsyPlan", "site"]]);
        }
        foreach (var path in required)
        {
            Add("missing or false required", $"{Name(path)} left out", Mutate(b => ((JsonObject)JsonPaths.At(b, path[..^1])!).Remove((string)path[^1])));
        }
        Add("missing or false required", $"{ContactField} without email and phone", Mutate(b => { b[ContactField]!.AsObject().Remove("email"); b[ContactField]!.AsObject().Remove("phone"); }));
        Add("missing or false required", $"{ConsentField} = false", Replace([ConsentField], "false"));
        Add("missing or false required", "answers.scheduledClinicalBiopsy = {}", Replace(["answers", "scheduledClinicalBiopsy"], "{}"));
        if (Referral)
        {
            Add("missing or false required", "referrer without email and phone", Mutate(b => { b["referrer"]!.AsObject().Remove("email"); b["referrer"]!.AsObject().Remove("phone"); }));
            Add("missing or false required", "answers.researchBiopsyPlan = {}", Replace(["answers", "researchBiopsyPlan"], "{}"));
        }
    }

    private void EmptyAndNotAnObject()
    {
        foreach (var body in new[] { "", " ", "\r\n", "\t", "{}", "[]", "\"\"", "0", "{}{}", "[{}]", "{\"answers\":{}}", $"{{\"{ConsentField}\":true}}" })
        {
            Add("empty or not a submission", $"the body is {JsonSerializer.Serialize(body)}", body);
        }
    }

    private void BrokenSyntax()
    {
        var valid = _valid.ToJsonString();
        var ecog = Unquoted(["answers", "ecog"]);
        (string Name, string Body)[] broken =
        [
            ("a trailing comma in the body", valid[..^1] + ",}"),
            ("a trailing comma in answers.metastaticSites", valid.Replace("\"liver\"]", "\"liver\",]", StringComparison.Ordinal)),
            ("a /* comment */ first", "/* c */" + valid),
            ("a // comment first", "// c\n" + valid),
            ("a single-quoted string", valid.Replace("\"female\"", "'female'", StringComparison.Ordinal)),
            ("an unquoted member name", valid.Replace("\"sex\":", "sex:", StringComparison.Ordinal)),
            ("answers.ecog = NaN", valid.Replace($"\"ecog\":{ecog}", "\"ecog\":NaN", StringComparison.Ordinal)),
            ("answers.ecog = Infinity", valid.Replace($"\"ecog\":{ecog}", "\"ecog\":Infinity", StringComparison.Ordinal)),
            ("answers.ecog = -Infinity", valid.Replace($"\"ecog\":{ecog}", "\"ecog\":-Infinity", StringComparison.Ordinal)),
            ("answers.ecog = undefined", valid.Replace($"\"ecog\":{ecog}", "\"ecog\":undefined", StringComparison.Ordinal)),
            ("answers.ecog = 0x1", valid.Replace($"\"ecog\":{ecog}", "\"ecog\":0x1", StringComparison.Ordinal)),
            ("answers.ecog = 01", valid.Replace($"\"ecog\":{ecog}", "\"ecog\":01", StringComparison.Ordinal)),
            ("answers.ecog = +1", valid.Replace($"\"ecog\":{ecog}", "\"ecog\":+1", StringComparison.Ordinal)),
            ("answers.ecog = .5", valid.Replace($"\"ecog\":{ecog}", "\"ecog\":.5", StringComparison.Ordinal)),
            ("answers.ecog = 1.", valid.Replace($"\"ecog\":{ecog}", "\"ecog\":1.", StringComparison.Ordinal)),
            ("the valid body then x", valid + "x"),
            ("the valid body twice", valid + valid),
            ("the valid body then a NUL byte", valid + "\0"),
            ("a missing colon", valid.Replace("\"sex\":", "\"sex\" ", StringComparison.Ordinal)),
            ("a missing comma", valid.Replace(",\"sex\"", " \"sex\"", StringComparison.Ordinal)),
            ("an extra closing brace", valid + "}"),
            ("an unterminated string", valid.Replace("\"female\"", "\"female", StringComparison.Ordinal)),
            ("a bad escape \\x41", valid.Replace("\"female\"", "\"\\x41female\"", StringComparison.Ordinal)),
            ("a short \\u escape", valid.Replace("\"female\"", "\"\\u00female\"", StringComparison.Ordinal)),
        ];
        foreach (var (name, body) in broken)
        {
            Assert.NotEqual(valid, body);
            Add("broken syntax", name, body);
        }
    }

    private void WrongContentType()
    {
        var valid = Encoding.UTF8.GetBytes(_valid.ToJsonString());
        Add("wrong content type", "no Content-Type", valid, contentType: null);
        foreach (var type in WrongContentTypes)
        {
            Add("wrong content type", $"Content-Type: {type}", valid, type);
        }
        Add("wrong content type", "UTF-16 body as application/json; charset=utf-16", Encoding.Unicode.GetBytes(_valid.ToJsonString()), "application/json; charset=utf-16");
        Add("wrong content type", "a form post", $"answers={Uri.EscapeDataString(_valid["answers"]!.ToJsonString())}&{ConsentField}=true", "application/x-www-form-urlencoded");
    }

    private void ByteOrderMarks()
    {
        var json = _valid.ToJsonString();
        var valid = Encoding.UTF8.GetBytes(json);
        byte[] bom = [0xEF, 0xBB, 0xBF];
        Add("byte order mark", "a UTF-8 BOM first", [.. bom, .. valid]);
        Add("byte order mark", "two UTF-8 BOMs first", [.. bom, .. bom, .. valid]);
        Add("byte order mark", "a UTF-8 BOM after the opening brace", [(byte)'{', .. bom, .. valid[1..]]);
        Add("byte order mark", "a UTF-8 BOM last", [.. valid, .. bom]);
        Add("byte order mark", "UTF-16 LE with its BOM", [0xFF, 0xFE, .. Encoding.Unicode.GetBytes(json)]);
        Add("byte order mark", "UTF-16 BE with its BOM", [0xFE, 0xFF, .. Encoding.BigEndianUnicode.GetBytes(json)]);
        Add("byte order mark", "UTF-32 LE with its BOM", [0xFF, 0xFE, 0x00, 0x00, .. Encoding.UTF32.GetBytes(json)]);
    }

    private void ControlCharacters()
    {
        var strings = JsonPaths.Paths(_valid).Where(p => JsonPaths.At(_valid, p) is JsonValue v && v.GetValueKind() == JsonValueKind.String).ToArray();
        for (var c = 0; c < 0x20; c++)
        {
            var path = Pick(strings);
            Add("control character", $"raw byte 0x{c:X2} inside {Name(path)}", Splice(path, s => s[..(s.Length / 2)] + Marker + s[(s.Length / 2)..], [(byte)c]));
        }
        foreach (var c in Enumerable.Range(0, 0x20).Where(c => c is not (0x09 or 0x0A or 0x0D)).Append(0x7F))
        {
            Add("control character", $"raw byte 0x{c:X2} between tokens", BetweenTokens([(byte)c]));
        }
        object[][] texts = Referral
            ? [["patient", "name"], ["patient", "email"], ["patient", "phone"], ["referrer", "name"], ["referrer", "institution"], ["referrer", "email"], ["referrer", "phone"]]
            : [["contact", "name"], ["contact", "email"], ["contact", "phone"]];
        foreach (var c in Enumerable.Range(0, 0x20).Concat(Enumerable.Range(0x7F, 0x21)))
        {
            var path = Pick(texts);
            var text = Unquoted(path);
            var middle = text.Length / 2;
            Add("control character", $"U+{c:X4} (escaped) inside {Name(path)}", Replace(path, $"\"{text[..middle]}\\u{c:x4}{text[middle..]}\""));
        }
        Add("control character", $"{ContactField}.name = \"Ada\\r\\nBcc: x@example.org\"", Replace([ContactField, "name"], "\"Ada\\r\\nBcc: x@example.org\""));
    }

    private void BadIds()
    {
        var guid = new Guid(_random.GetItems<byte>(Enumerable.Range(0, 256).Select(b => (byte)b).ToArray(), 16)).ToString("D");
        string[] raw = ["1", "true", "[]", "{}", "1e400", "\"\""];
        string[] texts =
        [
            " ", "123", guid.Replace("-", "", StringComparison.Ordinal), $"{{{guid}}}", $"({guid})", guid + "x", "x" + guid, guid[..^1],
            "zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz", "00000000-0000-0000-0000-00000000000g", "urn:uuid:" + guid, guid + "\u0000",
            guid + "' or PartitionKey ne '", "../../" + guid, guid + "/..", "%2e%2e%2f" + guid, new string('a', 10_000),
            guid.Replace('-', '\u2010'), guid + "\u200B", $"{guid},{guid}",
        ];
        foreach (var json in raw.Concat(texts.Select(t => JsonSerializer.Serialize(t))))
        {
            Add("bad id", $"id = {Short(json)}", AddMember([], $"\"id\":{json}"));
        }
    }

    private void OutOfRangeAndBadFormats()
    {
        foreach (var ecog in new[] { "-1", "5", "1.5", "100", "-0.5", "4.5", "1.0e1" })
        {
            Add("out of range or bad format", $"answers.ecog = {ecog}", Replace(["answers", "ecog"], ecog));
        }
        foreach (var phone in new[] { "123456", "1234567890123456", "+1 507 555 CALL", "++1 507 555 0100", "507-555-0100 ext 5", "phone" })
        {
            Add("out of range or bad format", $"{ContactField}.phone = {phone}", Replace([ContactField, "phone"], Quote(phone)));
        }
        foreach (var email in new[] { "ada", "ada@", "@example.org", "ada@example", "ada@@example.org", "ada @example.org", "ada@exa mple.org" })
        {
            Add("out of range or bad format", $"{ContactField}.email = {email}", Replace([ContactField, "email"], Quote(email)));
        }
        foreach (var language in new[] { "english", "e", "en_US", "en-", "1234", "e n", "en-!!" })
        {
            Add("out of range or bad format", $"{ContactField}.preferredLanguage = {language}", Replace([ContactField, "preferredLanguage"], Quote(language)));
        }
        foreach (var name in new[] { "", "   ", "\\t" })
        {
            Add("out of range or bad format", $"{ContactField}.name = \"{name}\"", Replace([ContactField, "name"], $"\"{name}\""));
        }
        if (Referral)
        {
            Add("out of range or bad format", "a referral with contact instead of patient", Mutate(b => { b["contact"] = b["patient"]!.DeepClone(); b.Remove("patient"); }));
            Add("out of range or bad format", "a referral with consentToContact", AddMember([], "\"consentToContact\":true"));
            Add("out of range or bad format", "referrer.email = not-an-address", Replace(["referrer", "email"], "\"not-an-address\""));
            Add("out of range or bad format", "answers.researchBiopsyPlan.anesthesia = \"none\"", Replace(["answers", "researchBiopsyPlan", "anesthesia"], "\"none\""));
        }
        else
        {
            Add("out of range or bad format", "a self-screening with oncologistConcerns", Replace(["answers", "oncologistConcerns"], "{\"seriousComorbidity\":false}"));
            Add("out of range or bad format", "a self-screening with researchBiopsyPlan", Replace(["answers", "researchBiopsyPlan"], "{\"site\":\"liver\"}"));
            Add("out of range or bad format", "a self-screening with patient instead of contact", Mutate(b => { b["patient"] = b["contact"]!.DeepClone(); b.Remove("contact"); }));
            Add("out of range or bad format", "a self-screening with a referrer", AddMember([], "\"referrer\":{\"name\":\"Dr. X\",\"institution\":\"Y\",\"email\":\"x@example.org\"}"));
        }
    }

    // ---- building bodies ----

    private static string Nest(string open, string close, int depth) => string.Concat(Enumerable.Repeat(open, depth)) + string.Concat(Enumerable.Repeat(close, depth));

    private static string Quote(string text) => JsonSerializer.Serialize(text);

    private static string Short(string json) => json.Length > 40 ? $"{json[..30]}… ({json.Length:N0} characters)" : json;

    private static string FullWidth(string text) => string.Concat(text.Select(c => c is >= '!' and <= '~' ? (char)(c - '!' + '\uFF01') : c));

    private static string Homoglyph(string text)
    {
        var i = text.IndexOfAny(['e', 'o', 'a', 'c', 'p']);
        var cyrillic = i < 0 ? '\u0455' : text[i] switch { 'e' => '\u0435', 'o' => '\u043E', 'a' => '\u0430', 'c' => '\u0441', _ => '\u0440' };
        return i < 0 ? cyrillic + text : text[..i] + cyrillic + text[(i + 1)..];
    }

    private static string Name(object[] path)
    {
        var name = new StringBuilder();
        foreach (var segment in path)
        {
            if (segment is int index)
            {
                name.Append(CultureInfo.InvariantCulture, $"[{index}]");
            }
            else
            {
                name.Append(name.Length == 0 ? "" : ".").Append((string)segment);
            }
        }
        return name.Length == 0 ? "the body" : name.ToString();
    }

    private static void Set(JsonNode root, object[] path, JsonNode? value)
    {
        var parent = JsonPaths.At(root, path[..^1])!;
        if (path[^1] is int i)
        {
            parent.AsArray()[i] = value;
        }
        else
        {
            parent.AsObject()[(string)path[^1]] = value;
        }
    }

    private IEnumerable<object[]> EnumPaths() => JsonPaths.Paths(_valid).Where(p =>
        p.Length >= 2 && (string)p[0] == "answers" && JsonPaths.At(_valid, p) is JsonValue v && v.GetValueKind() == JsonValueKind.String
        && p[^1] is not ("dateOfBirth" or "date"));

    private string Unquoted(object[] path) => JsonPaths.At(_valid, path) is JsonValue v && v.GetValueKind() == JsonValueKind.String ? (string)v! : JsonPaths.At(_valid, path)!.ToJsonString();

    private byte[] Mutate(Action<JsonObject> change)
    {
        var body = (JsonObject)_valid.DeepClone();
        change(body);
        return Encoding.UTF8.GetBytes(body.ToJsonString());
    }

    /// <summary>The valid body with the value at <paramref name="path"/> replaced by the raw JSON text <paramref name="json"/> (any text at all).</summary>
    private byte[] Replace(object[] path, string json)
    {
        var body = _valid.DeepClone();
        if (JsonPaths.At(body, path[..^1]) is JsonObject parent && !parent.ContainsKey((string)path[^1]))
        {
            parent[(string)path[^1]] = Marker;
        }
        Set(body, path, Marker);
        return Encoding.UTF8.GetBytes(body.ToJsonString().Replace(Quote(Marker), json, StringComparison.Ordinal));
    }

    /// <summary>The valid body with one more member, given as raw text (<c>"name":value</c>), in the object at <paramref name="objectPath"/>.</summary>
    private byte[] AddMember(object[] objectPath, string member)
    {
        var body = _valid.DeepClone();
        ((JsonObject)JsonPaths.At(body, objectPath)!)[Marker] = Marker;
        return Encoding.UTF8.GetBytes(body.ToJsonString().Replace($"{Quote(Marker)}:{Quote(Marker)}", member, StringComparison.Ordinal));
    }

    /// <summary>The valid body with the string at <paramref name="path"/> changed by <paramref name="mark"/> to hold the marker, where <paramref name="bytes"/> go.</summary>
    private byte[] Splice(object[] path, Func<string, string> mark, byte[] bytes)
    {
        var body = _valid.DeepClone();
        Set(body, path, mark((string)JsonPaths.At(body, path)!));
        return Splice(body.ToJsonString(), bytes);
    }

    /// <summary>The valid body with a raw member (holding the marker) added to the object at <paramref name="objectPath"/>, where <paramref name="bytes"/> go.</summary>
    private byte[] Splice(object[] objectPath, string raw, byte[] bytes)
    {
        var body = _valid.DeepClone();
        ((JsonObject)JsonPaths.At(body, objectPath)!)["@@member@@"] = "@@member@@";
        return Splice(body.ToJsonString().Replace("\"@@member@@\":\"@@member@@\"", raw, StringComparison.Ordinal), bytes);
    }

    private static byte[] Splice(string json, byte[] bytes)
    {
        var at = json.IndexOf(Marker, StringComparison.Ordinal);
        return [.. Encoding.UTF8.GetBytes(json[..at]), .. bytes, .. Encoding.UTF8.GetBytes(json[(at + Marker.Length)..])];
    }

    /// <summary>The valid body with <paramref name="bytes"/> after one of its commas, chosen by the seed.</summary>
    private byte[] BetweenTokens(byte[] bytes)
    {
        var json = _valid.ToJsonString();
        var commas = Enumerable.Range(0, json.Length).Where(i => json[i] == ',').ToArray();
        var at = Pick(commas) + 1;
        return [.. Encoding.UTF8.GetBytes(json[..at]), .. bytes, .. Encoding.UTF8.GetBytes(json[at..])];
    }
}
