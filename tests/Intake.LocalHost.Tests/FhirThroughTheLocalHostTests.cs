using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hl7.Fhir.Model;
using Hl7.Fhir.Rest;
using Intake.Core.Fhir;
using Intake.Testing;
using Task = System.Threading.Tasks.Task;

namespace Intake.LocalHost.Tests;

/// <summary>
/// The FHIR routes over real HTTP (api-2.md, "FHIR R4"): an EHR's FHIR client reads the
/// Questionnaire, answers it from the Questionnaire alone, posts the Bundle and reads the result
/// back as FHIR; and every public example posted both ways, JSON and FHIR, becomes the same stored
/// referral with the same pre-check.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class FhirThroughTheLocalHostTests(EndToEndFixture fixture)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private LocalHostProcess Host => fixture.Host;

    /// <summary>A Firely client at <paramref name="path"/> of the host, sending <paramref name="header"/> with every request.</summary>
    private FhirClient Client(string path, (string Name, string Value) header)
    {
        // Through the host's ledger of patient data sent (kept: the handler is shared), so the log check covers these requests too.
        var client = new FhirClient(new Uri(Host.Address, path), new HttpClient(Host.PatientData, disposeHandler: false),
            new FhirClientSettings { PreferredFormat = ResourceFormat.Json, VerifyFhirVersion = false });
        client.RequestHeaders!.Add(header.Name, header.Value);
        return client;
    }

    [Fact]
    public async Task An_EHRs_FHIR_client_answers_the_Questionnaire_posts_the_Bundle_and_reads_the_referral_back_as_FHIR()
    {
        // 1. Read the Questionnaire, as a partner system (its key in x-partner-key).
        using var definitions = Client("/fhir/", (LocalHostProcess.PartnerKeyHeader, Host.PartnerKey));
        var questionnaire = await definitions.ReadAsync<Questionnaire>("Questionnaire/referral");
        Assert.NotNull(questionnaire);
        FhirValidation.AssertValid(questionnaire, "the Questionnaire as served");

        // 2. Answer it from the Questionnaire alone: every item's first option, integer 1, dates, true.
        var id = Guid.NewGuid().ToString("D");
        var patient = "urn:uuid:" + Guid.NewGuid();
        var response = new QuestionnaireResponse
        {
            Questionnaire = $"{questionnaire.Url}|{questionnaire.Version}",
            Status = QuestionnaireResponse.QuestionnaireResponseStatus.Completed,
            Subject = new ResourceReference(patient),
            Item = questionnaire.Item.Select(Answer).ToList(),
        };
        var organization = "urn:uuid:" + Guid.NewGuid();
        var practitioner = "urn:uuid:" + Guid.NewGuid();
        var bundle = new Bundle
        {
            Id = id,
            Type = Bundle.BundleType.Transaction,
            Entry =
            [
                Post(patient, new Patient
                {
                    Name = [new HumanName { Given = ["Maria"], Family = "Fhirclient" }],
                    Telecom = [new ContactPoint(ContactPoint.ContactPointSystem.Phone, null, "+1 507 555 0142")],
                    BirthDate = Today.AddYears(-60).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                }),
                Post("urn:uuid:" + Guid.NewGuid(), response),
                Post("urn:uuid:" + Guid.NewGuid(), new PractitionerRole { Practitioner = new ResourceReference(practitioner), Organization = new ResourceReference(organization) }),
                Post(practitioner, new Practitioner
                {
                    Name = [new HumanName { Text = "Dr. Ehr Integration" }],
                    Telecom = [new ContactPoint(ContactPoint.ContactPointSystem.Email, null, "ehr.integration@example.org")],
                }),
                Post(organization, new Organization { Name = "Example Regional Oncology" }),
            ],
        };

        // 3. Post it to the referral route.
        using var posted = await Host.Client.PostAsync("/api/fhir/referrals", new StringContent(FhirJson.Serialize(bundle), Encoding.UTF8, "application/fhir+json"));
        Assert.True(posted.StatusCode == HttpStatusCode.Accepted, await posted.Content.ReadAsStringAsync());
        Assert.Equal(id, (string?)(await posted.Content.ReadFromJsonAsync<JsonObject>())!["id"]);

        // 4. Read it back as FHIR with the staff key, once pre-checked.
        using var staff = Client($"/api/submissions/{id}/", ("x-functions-key", Host.Key));
        var file = await Poll.UntilAsync(async () =>
        {
            var read = (Bundle?)await staff.GetAsync("fhir");
            return read?.Entry.Any(e => e.Resource is Observation) == true ? read : null;
        }, Deadline, $"submission {id} to be pre-checked");
        FhirValidation.AssertValid(file, "the submission as served");
        var back = FhirReferrals.Resource<QuestionnaireResponse>(file);
        Assert.Equal(response.Item.Select(i => i.LinkId), back.Item.Select(i => i.LinkId));
        Assert.Equal("Maria Fhirclient", FhirReferrals.Resource<Patient>(file).Name[0].Text);
        Assert.Equal("Example Regional Oncology", FhirReferrals.Resource<Organization>(file).Name);
        Assert.Equal(ResearchSubject.ResearchSubjectStatus.PotentialCandidate, FhirReferrals.Resource<ResearchSubject>(file).Status);
        var stored = (await Host.Staff.GetFromJsonAsync<JsonObject>($"/api/submissions/{id}"))!;
        Assert.Equal("referral", (string?)stored["kind"]);
        Assert.Equal(1, (int?)stored["answers"]!["ecog"]);
        Assert.Equal("female", (string?)stored["answers"]!["sex"]);
    }

    public static TheoryData<string> Examples() => ["none", "ecog 3", "primaryTissue unknown", "sites [brain]", "sites [brain], clinical biopsy of brain in 5 days", "sites [pleuralFluid], cytology no", "sex male, pregnant absent"];

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task A_public_example_posted_as_JSON_and_as_FHIR_is_stored_with_the_same_answers_and_precheck(string example)
    {
        var answers = Example(example);
        var jsonId = Guid.NewGuid().ToString("D");
        var fhirId = Guid.NewGuid().ToString("D");
        var body = new JsonObject
        {
            ["id"] = jsonId,
            ["answers"] = JsonNode.Parse(AnswersWriter.ToJson(answers)),
            ["patient"] = new JsonObject { ["name"] = FhirReferrals.Patient.Name, ["email"] = FhirReferrals.Patient.Email, ["phone"] = FhirReferrals.Patient.Phone, ["preferredLanguage"] = "es" },
            ["referrer"] = new JsonObject { ["name"] = FhirReferrals.Oncologist.Name, ["institution"] = FhirReferrals.Oncologist.Institution, ["email"] = FhirReferrals.Oncologist.Email, ["phone"] = FhirReferrals.Oncologist.Phone },
            ["patientAwareOfReferral"] = true,
        };

        using var viaJson = await Host.Client.PostAsync("/api/referrals", new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));
        using var viaFhir = await Host.Client.PostAsync("/api/fhir/referrals", new StringContent(FhirJson.Serialize(FhirReferrals.For(answers, fhirId)), Encoding.UTF8, "application/fhir+json"));
        Assert.Equal(HttpStatusCode.Accepted, viaJson.StatusCode);
        Assert.True(viaFhir.StatusCode == HttpStatusCode.Accepted, await viaFhir.Content.ReadAsStringAsync());

        var json = await PrecheckedAsync(jsonId);
        var fhir = await PrecheckedAsync(fhirId);
        Assert.Equal(json["answers"]!.ToJsonString(), fhir["answers"]!.ToJsonString());
        Assert.Equal(json["contact"]!.ToJsonString(), fhir["contact"]!.ToJsonString());
        Assert.Equal(json["referrer"]!.ToJsonString(), fhir["referrer"]!.ToJsonString());
        foreach (var member in new[] { "result", "priority", "rulesetVersion", "today", "collectionSource", "criteria" })
        {
            Assert.Equal(json["precheck"]![member]?.ToJsonString(), fhir["precheck"]![member]?.ToJsonString());
        }
        Assert.Equal(json["status"]!.ToJsonString(), fhir["status"]!.ToJsonString());
    }

    [Fact]
    public async Task The_same_Bundle_twice_is_one_submission_and_another_Bundle_under_its_id_a_409_OperationOutcome()
    {
        var id = Guid.NewGuid().ToString("D");
        var bundle = FhirJson.Serialize(FhirReferrals.For(Example("none"), id));

        using var first = await Host.Client.PostAsync("/api/fhir/referrals", new StringContent(bundle, Encoding.UTF8, "application/fhir+json"));
        using var again = await Host.Client.PostAsync("/api/fhir/referrals", new StringContent(bundle, Encoding.UTF8, "application/json"));
        using var other = await Host.Client.PostAsync("/api/fhir/referrals", new StringContent(FhirJson.Serialize(FhirReferrals.For(Example("ecog 3"), id)), Encoding.UTF8, "application/fhir+json"));

        Assert.Equal((HttpStatusCode.Accepted, HttpStatusCode.Accepted), (first.StatusCode, again.StatusCode));
        Assert.Equal(HttpStatusCode.Conflict, other.StatusCode);
        Assert.Equal("application/fhir+json", other.Content.Headers.ContentType?.MediaType);
        var outcome = JsonDocument.Parse(await other.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("conflict", outcome.GetProperty("issue")[0].GetProperty("code").GetString());
        var history = (await Host.Staff.GetFromJsonAsync<JsonObject>($"/api/submissions/{id}"))!["history"]!.AsArray();
        Assert.Single(history, h => ((string)h!["event"]!).Contains("received", StringComparison.OrdinalIgnoreCase));
    }

    private static DateOnly Today => Bodies.Today;

    /// <summary>eligibility.md's public examples, dated from the host's today, with the baseline's 54 years.</summary>
    private static Answers Example(string name)
    {
        var baseline = SpecExamples.Baseline with { DateOfBirth = Today.AddYears(-54).AddDays(-30) };
        return name switch
        {
            "none" => baseline,
            "ecog 3" => baseline with { Ecog = 3 },
            "primaryTissue unknown" => baseline with { PrimaryTissue = PrimaryTissue.Unknown },
            "sites [brain]" => baseline with { MetastaticSites = [Site.Brain] },
            "sites [brain], clinical biopsy of brain in 5 days" => baseline with { MetastaticSites = [Site.Brain], ScheduledClinicalBiopsy = new(Site.Brain, Today.AddDays(5)) },
            "sites [pleuralFluid], cytology no" => baseline with { MetastaticSites = [Site.PleuralFluid], EffusionCytologyConfirmed = YesNoUnknown.No },
            "sex male, pregnant absent" => baseline with { Sex = Sex.Male, Pregnant = null },
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Not a public example."),
        };
    }

    private Task<JsonObject> PrecheckedAsync(string id) => Poll.UntilAsync(async () =>
    {
        var submission = await Host.Staff.GetFromJsonAsync<JsonObject>($"/api/submissions/{id}");
        return (string?)submission!["status"] is "Routed" or "ScreenedOut" ? submission : null;
    }, Deadline, $"submission {id} to be pre-checked");

    /// <summary>An answer to an item made from the item alone: its first option, 1, a date from today, true; a group's items in turn.</summary>
    private static QuestionnaireResponse.ItemComponent Answer(Questionnaire.ItemComponent item)
    {
        var answer = new QuestionnaireResponse.ItemComponent { LinkId = item.LinkId };
        DataType? value = item.Type switch
        {
            Questionnaire.QuestionnaireItemType.Choice => (Coding)item.AnswerOption[0].Value,
            Questionnaire.QuestionnaireItemType.Integer => new Integer(1),
            Questionnaire.QuestionnaireItemType.Date => new Date(item.LinkId == "dateOfBirth"
                ? Today.AddYears(-60).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)
                : Today.AddDays(10).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
            Questionnaire.QuestionnaireItemType.Boolean => new FhirBoolean(item.LinkId == "patientAwareOfReferral"),
            _ => null,
        };
        if (value is not null)
        {
            answer.Answer.Add(new QuestionnaireResponse.AnswerComponent { Value = value });
        }
        answer.Item = item.Item.Select(Answer).ToList();
        return answer;
    }

    private static Bundle.EntryComponent Post(string fullUrl, Resource resource) => new()
    {
        FullUrl = fullUrl,
        Resource = resource,
        Request = new Bundle.RequestComponent { Method = Bundle.HTTPVerb.POST, Url = resource.TypeName },
    };
}
