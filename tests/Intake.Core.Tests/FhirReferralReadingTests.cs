using System.Text.Json;
using CsCheck;
using Hl7.Fhir.Model;
using Intake.Core.Fhir;
using Intake.Testing;

namespace Intake.Core.Tests;

/// <summary>
/// Reading a referral Bundle (api-2.md, <c>POST /api/fhir/referrals</c>): the same answers and
/// contact details as the JSON route, every refusal an issue at the FHIRPath of the element at fault.
/// </summary>
public sealed class FhirReferralReadingTests
{
    private static readonly DateOnly Today = new(2026, 11, 26);
    private const string Id = "3f1c2a4e-8b7d-4c1a-9e2f-5a6b7c8d9e0f";

    public static TheoryData<string, Answers> Examples()
    {
        var data = new TheoryData<string, Answers>();
        foreach (var row in PublicExamplesTests.Examples)
        {
            data.Add((string)row[0], (Answers)row[1]);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Public_example_reads_back_into_the_same_answers_contact_and_referrer(string changed, Answers answers)
    {
        var draft = Read(FhirReferrals.For(answers, Id), out var issues);

        Assert.True(draft is not null, $"{changed}: {string.Join(" | ", issues)}");
        Assert.Equal(answers, draft.Answers);
        Assert.Equal(Id, draft.Id);
        Assert.Equal(SubmissionKind.Referral, draft.Kind);
        Assert.Equal(FhirReferrals.Patient, draft.Contact);
        Assert.Equal(FhirReferrals.Oncologist, draft.Referrer);
    }

    [Fact]
    public void Random_answers_read_back_unchanged_and_as_the_json_route_reads_them()
    {
        PropertyTests.GenCase.Sample(c =>
        {
            var answers = c.Answers with { DateOfBirth = c.Answers.DateOfBirth > Today ? null : c.Answers.DateOfBirth };
            var draft = Read(FhirReferrals.For(answers, Id), out var issues);
            Assert.True(draft is not null, string.Join(" | ", issues));
            // The JSON route drops repeated sites; so does this one, through the same reader.
            var json = new FieldErrors();
            var viaJson = AnswersReader.Parse(AnswersWriter.ToJson(answers), SubmissionKind.Referral, Today, json);
            Assert.Equal(viaJson, draft.Answers);
        }, iter: 300);
    }

    [Fact]
    public void A_transaction_with_POSTs_to_each_type_reads_like_a_collection()
    {
        var bundle = FhirReferrals.For(SpecExamples.Baseline, Id);
        bundle.Type = Bundle.BundleType.Transaction;
        foreach (var entry in bundle.Entry)
        {
            entry.Request = new Bundle.RequestComponent { Method = Bundle.HTTPVerb.POST, Url = entry.Resource!.TypeName };
        }

        Assert.NotNull(Read(bundle, out _));

        bundle.Entry[0].Request!.Method = Bundle.HTTPVerb.PUT;
        Assert.Null(Read(bundle, out var issues));
        Assert.Equal("Bundle.entry[0].request", Assert.Single(issues).Expression);
    }

    [Fact]
    public void A_Practitioner_with_exactly_one_Organization_and_no_role_is_the_referrer()
    {
        var bundle = FhirReferrals.For(SpecExamples.Baseline, Id);
        bundle.Entry.RemoveAt(FhirReferrals.IndexOf<PractitionerRole>(bundle));

        Assert.Equal(FhirReferrals.Oncologist, Read(bundle, out _)?.Referrer);
    }

    [Fact]
    public void Patient_name_comes_from_given_and_family_when_there_is_no_text()
    {
        var bundle = FhirReferrals.For(SpecExamples.Baseline, Id);
        FhirReferrals.Resource<Patient>(bundle).Name = [new HumanName { Given = ["Ana", "María"], Family = "Example" }];

        Assert.Equal("Ana María Example", Read(bundle, out _)?.Contact.Name);
    }

    [Fact]
    public void A_missing_required_group_member_is_an_issue_at_the_group_item()
    {
        var bundle = FhirReferrals.For(SpecExamples.Baseline with { ScheduledClinicalBiopsy = new(Site.Liver, Today.AddDays(3)) }, Id);
        var (q, response) = Response(bundle);
        var group = response.Item.FindIndex(i => i.LinkId == "scheduledClinicalBiopsy");
        response.Item[group].Item.RemoveAll(i => i.LinkId == "scheduledClinicalBiopsy.date");

        var issue = SingleIssue(bundle);
        Assert.Equal($"Bundle.entry[{q}].resource.item[{group}]", issue.Expression);
        Assert.Equal(OperationOutcome.IssueType.Required, issue.Code);
        Assert.Contains("date", issue.Diagnostics);
    }

    [Fact]
    public void A_missing_patientAwareOfReferral_is_an_issue_at_the_response()
    {
        var bundle = FhirReferrals.For(SpecExamples.Baseline, Id);
        var (q, response) = Response(bundle);
        response.Item.RemoveAll(i => i.LinkId == "patientAwareOfReferral");

        var issue = SingleIssue(bundle);
        Assert.Equal($"Bundle.entry[{q}].resource", issue.Expression);
        Assert.Contains("patientAwareOfReferral", issue.Diagnostics);
        Assert.Contains("must be true", issue.Diagnostics);
    }

    [Fact]
    public void An_unknown_linkId_is_an_issue_at_its_item_naming_the_known_ones()
    {
        var bundle = FhirReferrals.For(SpecExamples.Baseline, Id);
        var (q, response) = Response(bundle);
        response.Item.Insert(2, new QuestionnaireResponse.ItemComponent { LinkId = "favouriteColour", Answer = [new() { Value = new FhirString("blue") }] });

        var issue = SingleIssue(bundle);
        Assert.Equal($"Bundle.entry[{q}].resource.item[2]", issue.Expression);
        Assert.Contains("favouriteColour", issue.Diagnostics);
        Assert.Contains("breastCancer", issue.Diagnostics);
    }

    [Fact]
    public void A_code_from_another_system_is_an_issue_at_its_answer()
    {
        var bundle = FhirReferrals.For(SpecExamples.Baseline, Id);
        var (q, response) = Response(bundle);
        var sex = response.Item.FindIndex(i => i.LinkId == "sex");
        response.Item[sex].Answer[0].Value = new Coding("http://hl7.org/fhir/administrative-gender", "female");

        var issue = SingleIssue(bundle);
        Assert.Equal($"Bundle.entry[{q}].resource.item[{sex}].answer[0]", issue.Expression);
        Assert.Equal(OperationOutcome.IssueType.CodeInvalid, issue.Code);
        Assert.Contains(ServiceCodeSystems.SystemOf(typeof(Sex)), issue.Diagnostics);
    }

    [Fact]
    public void A_code_outside_the_system_is_the_strict_readers_issue_at_its_answer()
    {
        var bundle = FhirReferrals.For(SpecExamples.Baseline, Id);
        var (q, response) = Response(bundle);
        var sites = response.Item.FindIndex(i => i.LinkId == "metastaticSites");
        ((Coding)response.Item[sites].Answer[1].Value!).Code = "spleen";

        var issue = SingleIssue(bundle);
        Assert.Equal($"Bundle.entry[{q}].resource.item[{sites}].answer[1]", issue.Expression);
        Assert.Equal(OperationOutcome.IssueType.CodeInvalid, issue.Code);
        Assert.Contains("'spleen' is not allowed", issue.Diagnostics);
    }

    [Fact]
    public void A_value_of_the_wrong_type_is_an_issue_at_its_answer()
    {
        var bundle = FhirReferrals.For(SpecExamples.Baseline, Id);
        var (q, response) = Response(bundle);
        var ecog = response.Item.FindIndex(i => i.LinkId == "ecog");
        response.Item[ecog].Answer[0].Value = new FhirString("1");

        var issue = SingleIssue(bundle);
        Assert.Equal($"Bundle.entry[{q}].resource.item[{ecog}].answer[0]", issue.Expression);
        Assert.Contains("valueInteger", issue.Diagnostics);
    }

    [Fact]
    public void An_ecog_out_of_range_is_the_strict_readers_issue_at_its_answer()
    {
        var bundle = FhirReferrals.For(SpecExamples.Baseline, Id);
        var (q, response) = Response(bundle);
        var ecog = response.Item.FindIndex(i => i.LinkId == "ecog");
        response.Item[ecog].Answer[0].Value = new Integer(7);

        var issue = SingleIssue(bundle);
        Assert.Equal($"Bundle.entry[{q}].resource.item[{ecog}].answer[0]", issue.Expression);
        Assert.Contains("from 0 to 4", issue.Diagnostics);
    }

    [Fact]
    public void A_partial_or_impossible_date_is_the_strict_readers_issue_at_its_answer()
    {
        var bundle = FhirReferrals.For(SpecExamples.Baseline, Id);
        var (q, response) = Response(bundle);
        var dob = response.Item.FindIndex(i => i.LinkId == "dateOfBirth");
        response.Item[dob].Answer[0].Value = new Date("1972-03");
        FhirReferrals.Resource<Patient>(bundle).BirthDate = null;

        var issue = SingleIssue(bundle);
        Assert.Equal($"Bundle.entry[{q}].resource.item[{dob}].answer[0]", issue.Expression);
        Assert.Contains("YYYY-MM-DD", issue.Diagnostics);
    }

    [Fact]
    public void Two_answers_to_a_question_that_does_not_repeat_is_an_issue()
    {
        var bundle = FhirReferrals.For(SpecExamples.Baseline, Id);
        var (q, response) = Response(bundle);
        var sex = response.Item.FindIndex(i => i.LinkId == "sex");
        response.Item[sex].Answer.Add(new() { Value = FhirAnswers.CodingOf(typeof(Sex), "male") });

        Assert.Equal($"Bundle.entry[{q}].resource.item[{sex}].answer[1]", SingleIssue(bundle).Expression);
    }

    [Fact]
    public void An_item_given_twice_or_nested_deeper_than_the_Questionnaire_is_an_issue()
    {
        var bundle = FhirReferrals.For(SpecExamples.Baseline, Id);
        var (q, response) = Response(bundle);
        var ecog = response.Item.FindIndex(i => i.LinkId == "ecog");
        response.Item[ecog].Answer[0].Item.Add(new QuestionnaireResponse.ItemComponent { LinkId = "ecog" });
        response.Item.Add(new QuestionnaireResponse.ItemComponent { LinkId = "sex", Answer = [new() { Value = FhirAnswers.CodingOf(typeof(Sex), "male") }] });

        Read(bundle, out var issues);
        Assert.Equal(new[] { $"Bundle.entry[{q}].resource.item[{ecog}].answer[0].item[0]", $"Bundle.entry[{q}].resource.item[{response.Item.Count - 1}]" }.Order(),
            issues.Select(i => i.Expression).Order());
    }

    [Fact]
    public void A_birthDate_that_is_not_the_dateOfBirth_answer_is_an_issue_at_the_Patient()
    {
        var bundle = FhirReferrals.For(SpecExamples.Baseline, Id);
        FhirReferrals.Resource<Patient>(bundle).BirthDate = "1972-03-16";

        var issue = SingleIssue(bundle);
        Assert.Equal($"Bundle.entry[{FhirReferrals.IndexOf<Patient>(bundle)}].resource.birthDate", issue.Expression);
        Assert.Contains("1972-03-15", issue.Diagnostics);
    }

    [Fact]
    public void A_bundle_without_a_Patient_or_a_referrer_is_an_issue_at_the_Bundle()
    {
        var bundle = FhirReferrals.For(SpecExamples.Baseline, Id);
        bundle.Entry.RemoveAll(e => e.Resource is Patient or Practitioner);

        Read(bundle, out var issues);
        Assert.Equal(2, issues.Count(i => i.Expression == "Bundle" && i.Code == OperationOutcome.IssueType.Required));
        Assert.Contains(issues, i => i.Diagnostics.Contains("Patient"));
        Assert.Contains(issues, i => i.Diagnostics.Contains("referrer"));
    }

    [Fact]
    public void Two_QuestionnaireResponses_are_an_issue_at_the_second()
    {
        var bundle = FhirReferrals.For(SpecExamples.Baseline, Id);
        var (_, response) = Response(bundle);
        var copy = (QuestionnaireResponse)response.DeepCopy();
        bundle.Entry.Add(new Bundle.EntryComponent { FullUrl = "urn:uuid:" + Guid.NewGuid(), Resource = copy });

        Assert.Equal($"Bundle.entry[{bundle.Entry.Count - 1}].resource", SingleIssue(bundle).Expression);
    }

    [Fact]
    public void Another_version_of_the_Questionnaire_is_an_issue_at_questionnaire()
    {
        var bundle = FhirReferrals.For(SpecExamples.Baseline, Id);
        var (q, response) = Response(bundle);
        response.Questionnaire = FhirCanonical.QuestionnaireUrl + "|1999.1";

        var issue = SingleIssue(bundle);
        Assert.Equal($"Bundle.entry[{q}].resource.questionnaire", issue.Expression);
        Assert.Contains(FhirCanonical.QuestionnaireReference, issue.Diagnostics);
    }

    [Fact]
    public void Resources_that_are_no_part_of_a_referral_and_too_many_entries_are_issues()
    {
        var bundle = FhirReferrals.For(SpecExamples.Baseline, Id);
        bundle.Entry.Add(new Bundle.EntryComponent { FullUrl = "urn:uuid:" + Guid.NewGuid(), Resource = new Observation { Status = ObservationStatus.Final, Code = new CodeableConcept("http://loinc.org", "1-8") } });

        var issue = SingleIssue(bundle);
        Assert.Equal($"Bundle.entry[{bundle.Entry.Count - 1}].resource", issue.Expression);
        Assert.Equal(OperationOutcome.IssueType.NotSupported, issue.Code);

        while (bundle.Entry.Count <= ReferralBundleReader.MaxEntries)
        {
            bundle.Entry.Add(new Bundle.EntryComponent { FullUrl = "urn:uuid:" + Guid.NewGuid(), Resource = new Patient { Gender = AdministrativeGender.Female } });
        }
        Assert.Equal("Bundle.entry", SingleIssue(bundle).Expression);
    }

    [Fact]
    public void Contact_details_are_read_strictly_with_issues_at_the_telecom()
    {
        var bundle = FhirReferrals.For(SpecExamples.Baseline, Id);
        var patient = FhirReferrals.Resource<Patient>(bundle);
        patient.Telecom[0].Value = "not an address";

        var issue = SingleIssue(bundle);
        Assert.Equal($"Bundle.entry[{FhirReferrals.IndexOf<Patient>(bundle)}].resource.telecom[0].value", issue.Expression);
        Assert.Contains("e-mail", issue.Diagnostics);

        patient.Telecom.Clear();
        Assert.Equal($"Bundle.entry[{FhirReferrals.IndexOf<Patient>(bundle)}].resource", SingleIssue(bundle).Expression);
    }

    [Fact]
    public void Every_problem_is_told_in_one_reading_and_none_twice()
    {
        var bundle = FhirReferrals.For(SpecExamples.Baseline with { ScheduledClinicalBiopsy = new(Site.Liver, new DateOnly(2026, 12, 1)) }, Id);
        var (q, response) = Response(bundle);
        response.Questionnaire = FhirCanonical.QuestionnaireUrl + "|1999.1";
        var ecog = response.Item.FindIndex(i => i.LinkId == "ecog");
        response.Item[ecog].Answer[0].Value = new Integer(9);
        var biopsy = response.Item.FindIndex(i => i.LinkId == "scheduledClinicalBiopsy");
        response.Item[biopsy].Item[0].Answer[0].Value = new FhirString("liver");
        var aware = response.Item.FindIndex(i => i.LinkId == "patientAwareOfReferral");
        response.Item[aware].Answer[0].Value = new FhirString("yes");
        bundle.Entry.RemoveAt(FhirReferrals.IndexOf<Organization>(bundle));
        FhirReferrals.Resource<Patient>(bundle).BirthDate = "1972-03-16";

        Assert.Null(Read(bundle, out var issues));

        // The version, the ECOG, the biopsy's site given as text (not also "needs its site"),
        // patientAwareOfReferral as text (not also "must be true"), the missing referrer, the birthDate: once each.
        Assert.Equal(6, issues.Count);
        Assert.Contains(issues, i => i.Expression.EndsWith(".birthDate", StringComparison.Ordinal));
        Assert.Contains(issues, i => i.Expression == $"Bundle.entry[{q}].resource.questionnaire");
        Assert.Contains(issues, i => i.Expression == $"Bundle.entry[{q}].resource.item[{ecog}].answer[0]");
        Assert.Contains(issues, i => i.Expression == $"Bundle.entry[{q}].resource.item[{biopsy}].item[0].answer[0]");
        Assert.Contains(issues, i => i.Expression == $"Bundle.entry[{q}].resource.item[{aware}].answer[0]");
        Assert.Contains(issues, i => i.Expression == "Bundle" && i.Diagnostics.Contains("referrer"));
    }

    [Fact]
    public void A_Bundle_without_a_type_is_an_issue_at_Bundle_type()
    {
        var bundle = FhirReferrals.For(SpecExamples.Baseline, Id);
        bundle.Type = null;

        // The parser refuses it already (Bundle.type is 1..1), naming the root "$this", which the issue names Bundle.
        var issue = Assert.Single(Parse(FhirJson.Serialize(bundle)));
        Assert.Equal("Bundle.type", issue.Expression);
        Assert.Contains("Bundle.type", issue.Diagnostics);
        var outcome = FhirIssue.Outcome([issue]);
        Assert.Equal(OperationOutcome.IssueSeverity.Error, outcome.Issue[0].Severity);
        Assert.Contains("\"expression\":[\"Bundle.type\"]", FhirJson.Serialize(outcome));
    }

    [Fact]
    public void An_id_that_is_not_a_UUID_is_an_issue_at_Bundle_id()
    {
        var bundle = FhirReferrals.For(SpecExamples.Baseline, Id);
        bundle.Id = "referral-17";

        Assert.Equal("Bundle.id", SingleIssue(bundle).Expression);
    }

    [Fact]
    public void The_same_bundle_reads_into_the_same_fingerprint_as_its_json_twin()
    {
        var fhir = Read(FhirReferrals.For(SpecExamples.Baseline, Id), out _)!;
        var json = $$"""
            { "id": "{{Id}}", "answers": {{AnswersWriter.ToJson(SpecExamples.Baseline)}},
              "patient": { "name": "Ana Example", "email": "ana@example.org", "phone": "+1 507 555 0100", "preferredLanguage": "es" },
              "referrer": { "name": "Dr. Rosa Rivera", "institution": "Example Oncology", "email": "rivera@example.org", "phone": "+1 507 555 0199" },
              "patientAwareOfReferral": true }
            """;
        using var document = JsonDocument.Parse(json);
        var viaJson = SubmissionReader.Read(document.RootElement, SubmissionKind.Referral, Today, new FieldErrors())!;

        Assert.Equal(viaJson.Fingerprint, fhir.Fingerprint);
    }

    [Fact]
    public void Parsing_refuses_what_is_not_a_Bundle_and_unknown_elements_at_their_path()
    {
        Assert.Equal("Bundle", Assert.Single(Parse("""{"resourceType": "Patient"}""")).Expression);
        Assert.Equal("Bundle", Assert.Single(Parse("""[1, 2]""")).Expression);
        // An empty member name: no FHIR JSON has one, and the Firely parser would throw on it.
        Assert.Equal("Bundle", Assert.Single(Parse("""{"resourceType": "Bundle", "type": "collection", "entry": [{"resource": {"resourceType": "Patient", "": 1}}]}""")).Expression);
        var unknown = Assert.Single(Parse("""{"resourceType": "Bundle", "type": "collection", "entry": [{"resource": {"resourceType": "Patient", "shoeSize": 9}}]}"""));
        Assert.StartsWith("Bundle.entry[0].resource", unknown.Expression);
    }

    private static List<FhirIssue> Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var issues = new List<FhirIssue>();
        Assert.Null(FhirJson.ReadBundle(document.RootElement, issues));
        return issues;
    }

    private static (int Index, QuestionnaireResponse Response) Response(Bundle bundle) =>
        (FhirReferrals.IndexOf<QuestionnaireResponse>(bundle), FhirReferrals.Resource<QuestionnaireResponse>(bundle));

    private static FhirIssue SingleIssue(Bundle bundle)
    {
        Assert.Null(Read(bundle, out var issues));
        return Assert.Single(issues);
    }

    private static SubmissionDraft? Read(Bundle bundle, out List<FhirIssue> issues)
    {
        issues = [];
        // Through JSON, as a posted Bundle is read.
        using var document = JsonDocument.Parse(FhirJson.Serialize(bundle), FhirJson.DocumentOptions);
        var parsed = FhirJson.ReadBundle(document.RootElement, issues);
        Assert.True(parsed is not null, string.Join(" | ", issues));
        return ReferralBundleReader.Read(parsed, Today, issues);
    }
}
