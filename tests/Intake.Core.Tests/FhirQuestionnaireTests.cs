using System.Text.RegularExpressions;
using Hl7.Fhir.Model;
using Intake.Core.Fhir;
using Intake.Testing;

namespace Intake.Core.Tests;

/// <summary>
/// The referral Questionnaire and the code systems (api-2.md, "FHIR R4"): valid R4 with no
/// profile, made from the same question table as the strict reader, required where the reader
/// requires, codes from published code systems, the pages' words in English and Spanish.
/// </summary>
public sealed class FhirQuestionnaireTests
{
    private static readonly Questionnaire Questionnaire = ReferralQuestionnaire.Build();

    private static IEnumerable<Questionnaire.ItemComponent> AllItems(IEnumerable<Questionnaire.ItemComponent> items) =>
        items.SelectMany(i => AllItems(i.Item).Prepend(i));

    [Fact]
    public void Questionnaire_validates_against_the_core_specification_without_a_profile()
    {
        FhirValidation.AssertValid(Questionnaire, "The referral Questionnaire");
        Assert.Empty(Questionnaire.Meta?.Profile ?? []);
        Assert.Equal(PublicationStatus.Active, Questionnaire.Status);
        Assert.Equal(FhirCanonical.QuestionnaireUrl, Questionnaire.Url);
        Assert.Equal(FhirCanonical.QuestionnaireVersion, Questionnaire.Version);
    }

    [Fact]
    public void The_validator_finds_what_the_core_specification_forbids()
    {
        // So that "no errors" above means something: a Questionnaire without its required status,
        // and an item whose type is missing, are errors.
        var broken = ReferralQuestionnaire.Build();
        broken.Status = null;
        broken.Item[0].Type = null;

        Assert.True(FhirValidation.Errors(broken).Count >= 2, string.Join("\n", FhirValidation.Errors(broken)));
    }

    [Fact]
    public void Every_published_code_system_validates_against_the_core_specification()
    {
        foreach (var id in ServiceCodeSystems.Ids)
        {
            var system = ServiceCodeSystems.Find(id)!;
            FhirValidation.AssertValid(system, $"CodeSystem {id}");
            Assert.Equal(FhirCanonical.CodeSystemUrl(id), system.Url);
            Assert.Empty(system.Meta?.Profile ?? []);
        }
        Assert.Null(ServiceCodeSystems.Find("nothing"));
    }

    [Fact]
    public void Top_level_items_are_the_answers_members_then_patientAwareOfReferral_and_groups_carry_dotted_paths()
    {
        Assert.Equal([.. AnswersReader.Fields, "patientAwareOfReferral"], Questionnaire.Item.Select(i => i.LinkId));
        Assert.Equal(["scheduledClinicalBiopsy.site", "scheduledClinicalBiopsy.date"], Item("scheduledClinicalBiopsy").Item.Select(i => i.LinkId));
        Assert.Equal(["researchBiopsyPlan.site", "researchBiopsyPlan.anesthesia"], Item("researchBiopsyPlan").Item.Select(i => i.LinkId));
        Assert.Equal(["oncologistConcerns.seriousComorbidity", "oncologistConcerns.biopsySafetyRisk", "oncologistConcerns.hazardousCondition"],
            Item("oncologistConcerns").Item.Select(i => i.LinkId));
    }

    [Fact]
    public void Item_types_follow_the_spec()
    {
        Assert.Equal(Questionnaire.QuestionnaireItemType.Date, Item("dateOfBirth").Type);
        Assert.Equal(Questionnaire.QuestionnaireItemType.Integer, Item("ecog").Type);
        Assert.Equal(Questionnaire.QuestionnaireItemType.Boolean, Item("patientAwareOfReferral").Type);
        Assert.True(Item("metastaticSites").Repeats);
        Assert.Equal(Questionnaire.QuestionnaireItemType.Date, Item("scheduledClinicalBiopsy.date").Type);
        foreach (var name in new[] { "sex", "breastCancer", "distantMetastasis", "metastaticSites", "diseaseStatus", "primaryTissue", "willingResearchBiopsy",
            "effusionCytologyConfirmed", "canConsent", "pregnant", "localAnestheticAllergy", "cognitiveImpairment", "scheduledClinicalBiopsy.site",
            "researchBiopsyPlan.site", "researchBiopsyPlan.anesthesia" })
        {
            Assert.Equal(Questionnaire.QuestionnaireItemType.Choice, Item(name).Type);
        }
        foreach (var item in Item("oncologistConcerns").Item)
        {
            Assert.Equal(Questionnaire.QuestionnaireItemType.Boolean, item.Type);
        }
        Assert.Single(AllItems(Questionnaire.Item), i => i.Repeats == true);
    }

    [Fact]
    public void Required_is_set_exactly_where_the_json_route_requires_the_member_and_on_patientAwareOfReferral()
    {
        Assert.Equal(["scheduledClinicalBiopsy.site", "scheduledClinicalBiopsy.date", "researchBiopsyPlan.site", "patientAwareOfReferral"],
            AllItems(Questionnaire.Item).Where(i => i.Required == true).Select(i => i.LinkId));

        // The reader itself: a group's member is refused when missing exactly when its item is required.
        foreach (var group in Questionnaire.Item.Where(i => i.Type == Questionnaire.QuestionnaireItemType.Group))
        {
            foreach (var member in group.Item)
            {
                var others = group.Item.Where(o => o != member).Select(o => $"\"{o.LinkId!.Split('.')[1]}\": {SampleJson(o)}");
                var errors = new FieldErrors();
                AnswersReader.Parse($"{{\"{group.LinkId}\": {{{string.Join(", ", others)}}}}}", SubmissionKind.Referral, new DateOnly(2026, 11, 26), errors);
                Assert.True((member.Required == true) == (errors.For($"answers.{member.LinkId}").Count > 0), $"{member.LinkId}: required {member.Required}, reader: {string.Join("; ", errors.ToDictionary().Keys)}");
            }
        }
    }

    [Fact]
    public void Choice_options_are_codings_of_published_code_systems_whose_codes_the_reader_takes()
    {
        foreach (var item in AllItems(Questionnaire.Item).Where(i => i.Type == Questionnaire.QuestionnaireItemType.Choice))
        {
            Assert.NotEmpty(item.AnswerOption);
            foreach (var option in item.AnswerOption)
            {
                var coding = Assert.IsType<Coding>(option.Value);
                var id = coding.System![(FhirCanonical.Base + "/CodeSystem/").Length..];
                var system = ServiceCodeSystems.Find(id);
                Assert.NotNull(system);
                Assert.Contains(system.Concept, c => c.Code == coding.Code && c.Display == coding.Display);
                Assert.NotNull(FhirText.SpanishOf(coding.DisplayElement));
            }
        }
        Assert.Equal(["yes", "no", "unknown"], Item("canConsent").AnswerOption.Select(o => ((Coding)o.Value).Code));
    }

    [Fact]
    public void EnableWhen_guides_pregnancy_sites_and_the_research_biopsy_plan()
    {
        var pregnant = Item("pregnant");
        Assert.Equal(Questionnaire.EnableWhenBehavior.Any, pregnant.EnableBehavior);
        Assert.Contains(pregnant.EnableWhen, w => w.Question == "sex" && w.Operator == Questionnaire.QuestionnaireItemOperator.NotEqual && ((Coding)w.Answer).Code == "male");
        Assert.Contains(pregnant.EnableWhen, w => w.Question == "sex" && w.Operator == Questionnaire.QuestionnaireItemOperator.Exists && ((FhirBoolean)w.Answer).Value == false);
        Assert.Contains(Item("researchBiopsyPlan").EnableWhen, w => w.Question == "willingResearchBiopsy" && ((Coding)w.Answer).Code == "yes");
        Assert.Contains(Item("metastaticSites").EnableWhen, w => w.Question == "distantMetastasis");
        Assert.Empty(Item("ecog").EnableWhen);
    }

    [Fact]
    public void Every_text_has_a_Spanish_translation()
    {
        foreach (var item in AllItems(Questionnaire.Item))
        {
            Assert.False(string.IsNullOrWhiteSpace(item.Text), item.LinkId);
            Assert.False(string.IsNullOrWhiteSpace(FhirText.SpanishOf(item.TextElement)), item.LinkId);
        }
    }

    [Fact]
    public void Texts_are_the_words_the_pages_show()
    {
        var fields = Unescape(File.ReadAllText(Path.Combine(Repository.Root, "src/Intake.Functions/wwwroot/assets/fields.js")));
        var form = Unescape(File.ReadAllText(Path.Combine(Repository.Root, "src/Intake.Functions/wwwroot/assets/answers-form.js")));
        var refer = File.ReadAllText(Path.Combine(Repository.Root, "src/Intake.Functions/wwwroot/refer.html"));
        // Words the pages have in no language but English (the referral form's own), whose Spanish is this service's.
        string[] englishOnly = ["researchBiopsyPlan", "researchBiopsyPlan.site", "researchBiopsyPlan.anesthesia", "oncologistConcerns",
            "oncologistConcerns.seriousComorbidity", "oncologistConcerns.biopsySafetyRisk", "oncologistConcerns.hazardousCondition", "patientAwareOfReferral"];
        foreach (var item in AllItems(Questionnaire.Item))
        {
            var text = item.Text!;
            Assert.True(fields.Contains(text) || form.Contains(text) || refer.Contains(text), $"{item.LinkId}: '{item.Text}' is not on the pages");
            var spanish = FhirText.SpanishOf(item.TextElement)!;
            Assert.True(englishOnly.Contains(item.LinkId) || fields.Contains(spanish), $"{item.LinkId}: '{spanish}' is not on the pages");
        }
        foreach (var option in AllItems(Questionnaire.Item).SelectMany(i => i.AnswerOption).Select(o => (Coding)o.Value).DistinctBy(c => (c.System, c.Code)))
        {
            var anesthesia = option.System == ServiceCodeSystems.SystemOf(typeof(Anesthesia));
            Assert.True(fields.Contains(option.Display!), $"{option.Code}: '{option.Display}' is not on the pages");
            Assert.True(anesthesia || fields.Contains(FhirText.SpanishOf(option.DisplayElement)!), $"{option.Code}: its Spanish is not on the pages");
        }
    }

    private static string Unescape(string js) => js.Replace("\\'", "'", StringComparison.Ordinal).Replace("\\\"", "\"", StringComparison.Ordinal);

    private static string SampleJson(Questionnaire.ItemComponent item) => item.Type switch
    {
        Questionnaire.QuestionnaireItemType.Date => "\"2026-12-01\"",
        Questionnaire.QuestionnaireItemType.Boolean => "true",
        _ => $"\"{((Coding)item.AnswerOption[0].Value).Code}\"",
    };

    private static Questionnaire.ItemComponent Item(string linkId) => AllItems(Questionnaire.Item).Single(i => i.LinkId == linkId);
}
