using System.Text;
using System.Text.Json;

namespace Intake.Core.Tests;

/// <summary>
/// Strict reading of a submission's answers (eligibility.md "Answers a submission carries" and
/// "Clarifications"; api.md): each kind of bad input gives a field error at its exact JSON path
/// with a message a person can act on, missing or null means "not answered", and nothing throws.
/// </summary>
public sealed class ReadingTests
{
    private static readonly DateOnly Today = new(2026, 11, 26);

    private const string SiteList = "breast, skinChestWall, lymphNodeSoftTissue, liver, bone, lung, brain, pleuralFluid, ascites, other";
    private const string YesNoList = "yes, no, unknown";

    private static (Answers? Answers, FieldErrors Errors) Parse(string json, SubmissionKind kind = SubmissionKind.Referral)
    {
        var errors = new FieldErrors();
        var answers = AnswersReader.Parse(json, kind, Today, errors);
        return (answers, errors);
    }

    private static string Paths(FieldErrors errors) =>
        string.Join(" | ", errors.ToDictionary().Select(p => $"{p.Key}: {string.Join(" / ", p.Value)}"));

    /// <summary>Asserts the answers were refused with exactly one problem, at <paramref name="path"/>, whose message holds each fragment.</summary>
    private static void AssertRefused(string json, string path, SubmissionKind kind, params string[] fragments)
    {
        var (answers, errors) = Parse(json, kind);
        Assert.Null(answers);
        Assert.True(errors.Count == 1 && errors.For(path).Count == 1, $"expected one error at {path}, got: {Paths(errors)}");
        var message = errors.For(path)[0];
        foreach (var fragment in fragments)
        {
            Assert.Contains(fragment, message, StringComparison.Ordinal);
        }
    }

    private static void AssertRefused(string json, string path, params string[] fragments) =>
        AssertRefused(json, path, SubmissionKind.Referral, fragments);

    private static Answers AssertAccepted(string json, SubmissionKind kind = SubmissionKind.Referral)
    {
        var (answers, errors) = Parse(json, kind);
        Assert.True(errors.IsEmpty, $"expected no errors, got: {Paths(errors)}");
        Assert.NotNull(answers);
        return answers;
    }

    // ---- unknown members ----------------------------------------------------------------

    [Theory]
    [InlineData("""{ "ecg": 1 }""", "answers.ecg", "ecog")]
    [InlineData("""{ "dateOfbirth": "1972-03-15" }""", "answers.dateOfbirth", "dateOfBirth")]
    [InlineData("""{ "scheduledClinicalBiopsy": { "site": "liver", "date": "2026-12-01", "time": "09:00" } }""", "answers.scheduledClinicalBiopsy.time", "site, date")]
    [InlineData("""{ "researchBiopsyPlan": { "site": "liver", "anaesthesia": "local" } }""", "answers.researchBiopsyPlan.anaesthesia", "site, anesthesia")]
    [InlineData("""{ "oncologistConcerns": { "seriousComorbidity": false, "comorbidity": true } }""", "answers.oncologistConcerns.comorbidity", "seriousComorbidity, biopsySafetyRisk, hazardousCondition")]
    public void Unknown_member_is_refused_and_named_with_the_allowed_fields(string json, string path, string allowed) =>
        AssertRefused(json, path, "is not a known field", allowed);

    // ---- wrong JSON types ---------------------------------------------------------------

    [Theory]
    [InlineData("""{ "sex": 1 }""", "answers.sex", "must be one of: female, male, other, undisclosed")]
    [InlineData("""{ "pregnant": true }""", "answers.pregnant", "must be one of: " + YesNoList)]
    [InlineData("""{ "breastCancer": ["invasiveConfirmed"] }""", "answers.breastCancer", "must be one of: invasiveConfirmed, invasiveSuspected, inSituOnly, none, unknown")]
    [InlineData("""{ "ecog": "2" }""", "answers.ecog", "must be a whole number from 0 to 4")]
    [InlineData("""{ "ecog": true }""", "answers.ecog", "must be a whole number from 0 to 4")]
    [InlineData("""{ "metastaticSites": { "bone": true } }""", "answers.metastaticSites", "must be a list of: " + SiteList)]
    [InlineData("""{ "metastaticSites": "bone" }""", "answers.metastaticSites", "must be a list of: " + SiteList)]
    [InlineData("""{ "metastaticSites": ["bone", null] }""", "answers.metastaticSites[1]", "must be one of: " + SiteList)]
    [InlineData("""{ "metastaticSites": [["bone"]] }""", "answers.metastaticSites[0]", "must be one of: " + SiteList)]
    [InlineData("""{ "dateOfBirth": 19720315 }""", "answers.dateOfBirth", "must be a date written as YYYY-MM-DD")]
    [InlineData("""{ "scheduledClinicalBiopsy": ["liver", "2026-12-01"] }""", "answers.scheduledClinicalBiopsy", "must be a JSON object")]
    [InlineData("""{ "scheduledClinicalBiopsy": "2026-12-01" }""", "answers.scheduledClinicalBiopsy", "must be a JSON object")]
    [InlineData("""{ "researchBiopsyPlan": true }""", "answers.researchBiopsyPlan", "must be a JSON object")]
    [InlineData("""{ "oncologistConcerns": [false, false, false] }""", "answers.oncologistConcerns", "must be a JSON object")]
    [InlineData("""[]""", "answers", "must be a JSON object")]
    [InlineData("""  "answers"  """, "answers", "must be a JSON object")]
    [InlineData("""null""", "answers", "must be a JSON object")]
    public void Value_of_the_wrong_type_is_refused_saying_what_is_allowed(string json, string path, string fragment) =>
        AssertRefused(json, path, fragment);

    // ---- enumeration values outside the spec ----------------------------------------------

    [Theory]
    [InlineData("""{ "breastCancer": "invasive" }""", "answers.breastCancer", "'invasive' is not allowed", "invasiveConfirmed, invasiveSuspected, inSituOnly, none, unknown")]
    [InlineData("""{ "sex": "Female" }""", "answers.sex", "'Female' is not allowed", "female, male, other, undisclosed")]
    [InlineData("""{ "canConsent": "YES" }""", "answers.canConsent", "'YES' is not allowed", YesNoList)]
    [InlineData("""{ "willingResearchBiopsy": "maybe" }""", "answers.willingResearchBiopsy", "'maybe' is not allowed", YesNoList)]
    [InlineData("""{ "diseaseStatus": "deNovoStageIv" }""", "answers.diseaseStatus", "'deNovoStageIv' is not allowed", "progressing, deNovoStageIV, stable, unknown")]
    [InlineData("""{ "primaryTissue": "" }""", "answers.primaryTissue", "'' is not allowed", "freshFrozen, ffpe, availableTypeUnknown, none, unknown")]
    [InlineData("""{ "primaryTissue": "FFPE" }""", "answers.primaryTissue", "'FFPE' is not allowed", "freshFrozen, ffpe, availableTypeUnknown, none, unknown")]
    [InlineData("""{ "sex": " female" }""", "answers.sex", "' female' is not allowed", "female, male, other, undisclosed")]
    [InlineData("""{ "metastaticSites": ["bone", "Liver"] }""", "answers.metastaticSites[1]", "'Liver' is not allowed", SiteList)]
    [InlineData("""{ "metastaticSites": ["kidney"] }""", "answers.metastaticSites[0]", "'kidney' is not allowed", SiteList)]
    [InlineData("""{ "scheduledClinicalBiopsy": { "site": "Lung", "date": "2026-12-01" } }""", "answers.scheduledClinicalBiopsy.site", "'Lung' is not allowed", SiteList)]
    [InlineData("""{ "researchBiopsyPlan": { "site": "liver", "anesthesia": "sedation" } }""", "answers.researchBiopsyPlan.anesthesia", "'sedation' is not allowed", "local, ivConsciousSedation, general, unknown")]
    [InlineData("""{ "researchBiopsyPlan": { "site": "liver", "anesthesia": "IVConsciousSedation" } }""", "answers.researchBiopsyPlan.anesthesia", "'IVConsciousSedation' is not allowed", "local, ivConsciousSedation, general, unknown")]
    public void Enumeration_value_outside_the_spec_is_refused_with_the_allowed_values(string json, string path, string echoed, string allowed) =>
        AssertRefused(json, path, echoed, "use one of: " + allowed);

    [Fact]
    public void Bad_value_is_echoed_short_and_without_control_characters()
    {
        var (_, errors) = Parse($$"""{ "sex": "{{new string('x', 100)}}\n\u0007" }""");
        var message = Assert.Single(errors.For("answers.sex"));
        Assert.Contains("'" + new string('x', 40) + "…'", message, StringComparison.Ordinal);
        Assert.DoesNotContain(message, char.IsControl);
    }

    // ---- dates ----------------------------------------------------------------------------

    [Theory]
    [InlineData("2026-02-30")]
    [InlineData("2025-02-29")]
    [InlineData("0000-00-00")]
    [InlineData("26-11-2026")]
    [InlineData("1972-13-01")]
    [InlineData("1972-3-15")]
    [InlineData("15/03/1972")]
    [InlineData("1972-03-15T00:00:00")]
    [InlineData("1972-03-15 ")]
    [InlineData("")]
    public void Impossible_date_of_birth_is_refused(string date) =>
        AssertRefused($$"""{ "dateOfBirth": "{{date}}" }""", "answers.dateOfBirth", $"'{date}' is not a real date", "YYYY-MM-DD");

    [Theory]
    [InlineData("2026-02-30")]
    [InlineData("0000-00-00")]
    [InlineData("26-11-2026")]
    public void Impossible_scheduled_biopsy_date_is_refused(string date) =>
        AssertRefused($$"""{ "scheduledClinicalBiopsy": { "site": "liver", "date": "{{date}}" } }""",
            "answers.scheduledClinicalBiopsy.date", $"'{date}' is not a real date", "YYYY-MM-DD");

    [Fact]
    public void Leap_day_in_a_leap_year_is_a_real_date()
    {
        var answers = AssertAccepted("""{ "dateOfBirth": "2004-02-29" }""");
        Assert.Equal(new DateOnly(2004, 2, 29), answers.DateOfBirth);
    }

    [Fact]
    public void Date_before_1900_is_refused_as_too_long_ago() =>
        AssertRefused("""{ "dateOfBirth": "1899-12-31" }""", "answers.dateOfBirth", "too long ago", "1900-01-01");

    [Theory]
    [InlineData("2026-11-27")]
    [InlineData("2027-01-01")]
    [InlineData("9999-12-31")]
    public void Date_of_birth_after_today_is_refused_naming_today(string date) =>
        AssertRefused($$"""{ "dateOfBirth": "{{date}}" }""", "answers.dateOfBirth", "cannot be after today", "2026-11-26");

    [Fact]
    public void Date_of_birth_today_is_accepted()
    {
        var answers = AssertAccepted("""{ "dateOfBirth": "2026-11-26" }""");
        Assert.Equal(Today, answers.DateOfBirth);
    }

    // ---- ECOG -----------------------------------------------------------------------------

    [Theory]
    [InlineData("5")]
    [InlineData("-1")]
    [InlineData("2.5")]
    [InlineData("\"2\"")]
    [InlineData("4294967298")]
    [InlineData("1e400")]
    public void Ecog_that_is_not_a_whole_number_from_0_to_4_is_refused(string value) =>
        AssertRefused($$"""{ "ecog": {{value}} }""", "answers.ecog", "must be a whole number from 0 to 4");

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Ecog_from_0_to_4_is_read(int ecog) =>
        Assert.Equal(ecog, AssertAccepted($$"""{ "ecog": {{ecog}} }""").Ecog);

    // ---- scheduled clinical biopsy and research biopsy plan ---------------------------------

    [Fact]
    public void Scheduled_biopsy_without_site_is_refused() =>
        AssertRefused("""{ "scheduledClinicalBiopsy": { "date": "2026-12-01" } }""", "answers.scheduledClinicalBiopsy.site", "needs its site", SiteList);

    [Fact]
    public void Scheduled_biopsy_with_null_site_is_refused() =>
        AssertRefused("""{ "scheduledClinicalBiopsy": { "site": null, "date": "2026-12-01" } }""", "answers.scheduledClinicalBiopsy.site", "needs its site");

    [Fact]
    public void Scheduled_biopsy_without_date_is_refused() =>
        AssertRefused("""{ "scheduledClinicalBiopsy": { "site": "liver" } }""", "answers.scheduledClinicalBiopsy.date", "needs its date", "YYYY-MM-DD");

    [Fact]
    public void Scheduled_biopsy_with_a_bad_site_is_refused() =>
        AssertRefused("""{ "scheduledClinicalBiopsy": { "site": "kidney", "date": "2026-12-01" } }""", "answers.scheduledClinicalBiopsy.site", "'kidney' is not allowed", SiteList);

    [Fact]
    public void Empty_scheduled_biopsy_is_refused_for_both_site_and_date()
    {
        var (answers, errors) = Parse("""{ "scheduledClinicalBiopsy": {} }""");
        Assert.Null(answers);
        Assert.Equal(["answers.scheduledClinicalBiopsy.date", "answers.scheduledClinicalBiopsy.site"], errors.ToDictionary().Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Scheduled_biopsy_with_site_and_date_is_read()
    {
        var answers = AssertAccepted("""{ "scheduledClinicalBiopsy": { "date": "2026-12-01", "site": "brain" } }""", SubmissionKind.SelfScreening);
        Assert.Equal(new ScheduledClinicalBiopsy(Site.Brain, new DateOnly(2026, 12, 1)), answers.ScheduledClinicalBiopsy);
    }

    [Fact]
    public void Scheduled_biopsy_in_the_past_is_still_read()
    {
        // Step 4 of I5 (a past biopsy counts as absent) belongs to the rules, not to reading.
        var answers = AssertAccepted("""{ "scheduledClinicalBiopsy": { "site": "liver", "date": "2026-01-01" } }""");
        Assert.Equal(new DateOnly(2026, 1, 1), answers.ScheduledClinicalBiopsy!.Date);
    }

    [Fact]
    public void Research_biopsy_plan_without_site_is_refused() =>
        AssertRefused("""{ "researchBiopsyPlan": { "anesthesia": "local" } }""", "answers.researchBiopsyPlan.site", "needs its site", SiteList);

    [Fact]
    public void Research_biopsy_plan_with_a_bad_site_is_refused() =>
        AssertRefused("""{ "researchBiopsyPlan": { "site": "Bone", "anesthesia": "local" } }""", "answers.researchBiopsyPlan.site", "'Bone' is not allowed", SiteList);

    [Theory]
    [InlineData("""{ "researchBiopsyPlan": { "site": "liver" } }""")]
    [InlineData("""{ "researchBiopsyPlan": { "site": "liver", "anesthesia": null } }""")]
    public void Research_biopsy_plan_without_anaesthesia_reads_as_not_stated(string json) =>
        Assert.Equal(new ResearchBiopsyPlan(Site.Liver, null), AssertAccepted(json).ResearchBiopsyPlan);

    // ---- the oncologist's fields ------------------------------------------------------------

    [Theory]
    [InlineData("oncologistConcerns", """{ "seriousComorbidity": false, "biopsySafetyRisk": false, "hazardousCondition": false }""")]
    [InlineData("oncologistConcerns", """{}""")]
    [InlineData("researchBiopsyPlan", """{ "site": "liver", "anesthesia": "local" }""")]
    public void Self_screening_carrying_an_oncologist_field_is_refused_naming_it(string field, string value) =>
        AssertRefused($$"""{ "ecog": 1, "{{field}}": {{value}} }""", $"answers.{field}", SubmissionKind.SelfScreening, "a self-screening cannot carry this field");

    [Fact]
    public void Self_screening_carrying_both_oncologist_fields_is_refused_for_each()
    {
        var (answers, errors) = Parse("""
            { "oncologistConcerns": { "seriousComorbidity": false }, "researchBiopsyPlan": { "site": "bone", "anesthesia": "local" } }
            """, SubmissionKind.SelfScreening);
        Assert.Null(answers);
        Assert.Equal(2, errors.Count);
        Assert.Contains("self-screening", Assert.Single(errors.For("answers.oncologistConcerns")), StringComparison.Ordinal);
        Assert.Contains("self-screening", Assert.Single(errors.For("answers.researchBiopsyPlan")), StringComparison.Ordinal);
    }

    [Fact]
    public void Referral_may_carry_both_oncologist_fields()
    {
        var answers = AssertAccepted("""
            {
              "researchBiopsyPlan": { "site": "lymphNodeSoftTissue", "anesthesia": "ivConsciousSedation" },
              "oncologistConcerns": { "seriousComorbidity": false, "biopsySafetyRisk": true, "hazardousCondition": null }
            }
            """, SubmissionKind.Referral);
        Assert.Equal(new ResearchBiopsyPlan(Site.LymphNodeSoftTissue, Anesthesia.IvConsciousSedation), answers.ResearchBiopsyPlan);
        Assert.Equal(new OncologistConcerns(false, true, null), answers.OncologistConcerns);
    }

    [Fact]
    public void Referral_concerns_may_leave_every_member_out()
    {
        var answers = AssertAccepted("""{ "oncologistConcerns": {} }""");
        Assert.Equal(new OncologistConcerns(null, null, null), answers.OncologistConcerns);
    }

    [Theory]
    [InlineData("seriousComorbidity", "\"yes\"")]
    [InlineData("seriousComorbidity", "\"true\"")]
    [InlineData("biopsySafetyRisk", "0")]
    [InlineData("biopsySafetyRisk", "1")]
    [InlineData("hazardousCondition", "[]")]
    [InlineData("hazardousCondition", "{}")]
    public void Oncologist_concern_that_is_not_a_boolean_is_refused(string member, string value) =>
        AssertRefused($$"""{ "oncologistConcerns": { "{{member}}": {{value}} } }""", $"answers.oncologistConcerns.{member}", "must be true or false");

    // ---- several problems, duplicates, not answered --------------------------------------------

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var (answers, errors) = Parse("""
            {
              "ecg": 1,
              "sex": "F",
              "ecog": 7,
              "dateOfBirth": "2030-01-01",
              "metastaticSites": ["bone", "kidney", "lungs"],
              "scheduledClinicalBiopsy": { "site": "liver" },
              "oncologistConcerns": { "seriousComorbidity": "no" },
              "pregnant": "No"
            }
            """, SubmissionKind.SelfScreening);

        Assert.Null(answers);
        Assert.Equal(
            new[]
            {
                "answers.dateOfBirth", "answers.ecg", "answers.ecog", "answers.metastaticSites[1]", "answers.metastaticSites[2]",
                "answers.oncologistConcerns", "answers.pregnant", "answers.scheduledClinicalBiopsy.date", "answers.sex",
            },
            errors.ToDictionary().Keys.Order(StringComparer.Ordinal));
        Assert.Contains("not a known field", Assert.Single(errors.For("answers.ecg")), StringComparison.Ordinal);
        Assert.Contains("2026-11-26", Assert.Single(errors.For("answers.dateOfBirth")), StringComparison.Ordinal);
        Assert.Contains("'lungs'", Assert.Single(errors.For("answers.metastaticSites[2]")), StringComparison.Ordinal);
        Assert.Contains("self-screening", Assert.Single(errors.For("answers.oncologistConcerns")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "ecog": 1, "ecog": 4 }""")]
    [InlineData("""{ "sex": "female", "sex": "female" }""")]
    [InlineData("""{ "scheduledClinicalBiopsy": { "site": "liver", "date": "2026-12-01", "date": "2026-12-24" } }""")]
    [InlineData("""{ "oncologistConcerns": { "seriousComorbidity": true, "seriousComorbidity": false } }""")]
    public void Duplicate_keys_are_refused(string json)
    {
        var (answers, errors) = Parse(json);
        Assert.Null(answers);
        var message = Assert.Single(errors.For("answers"));
        Assert.Contains("is not valid JSON", message, StringComparison.Ordinal);
        Assert.Contains("duplicate", message, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData(SubmissionKind.SelfScreening)]
    [InlineData(SubmissionKind.Referral)]
    public void Missing_fields_mean_not_answered(SubmissionKind kind) =>
        Assert.Equal(new Answers(), AssertAccepted("{}", kind));

    [Theory]
    [InlineData(SubmissionKind.SelfScreening)]
    [InlineData(SubmissionKind.Referral)]
    public void Explicit_null_means_not_answered(SubmissionKind kind)
    {
        var json = "{" + string.Join(", ", AnswersReader.Fields.Select(f => $"\"{f}\": null")) + "}";
        var answers = AssertAccepted(json, kind);
        Assert.Equal(new Answers(), answers);
        Assert.Null(answers.Ecog);
        Assert.Null(answers.MetastaticSites);
        Assert.Null(answers.OncologistConcerns);
    }

    [Fact]
    public void Empty_site_list_is_an_answer_distinct_from_no_answer() =>
        Assert.Equal([], AssertAccepted("""{ "metastaticSites": [] }""").MetastaticSites!);

    [Fact]
    public void Repeated_sites_are_dropped_keeping_the_order_given() =>
        Assert.Equal([Site.Lung, Site.Bone], AssertAccepted("""{ "metastaticSites": ["lung", "bone", "lung"] }""").MetastaticSites!);

    [Fact]
    public void Read_reports_problems_under_the_path_it_is_given()
    {
        using var document = JsonDocument.Parse("""{ "answers": { "ecog": 9 } }""");
        var errors = new FieldErrors();
        var answers = AnswersReader.Read(document.RootElement.GetProperty("answers"), "body.answers", SubmissionKind.Referral, Today, errors);
        Assert.Null(answers);
        Assert.Contains("whole number from 0 to 4", Assert.Single(errors.For("body.answers.ecog")), StringComparison.Ordinal);
    }

    [Fact]
    public void Field_list_is_the_spec_table_in_order() =>
        Assert.Equal(
            [
                "dateOfBirth", "sex", "breastCancer", "distantMetastasis", "metastaticSites", "diseaseStatus", "primaryTissue",
                "scheduledClinicalBiopsy", "willingResearchBiopsy", "researchBiopsyPlan", "effusionCytologyConfirmed", "ecog",
                "canConsent", "pregnant", "localAnestheticAllergy", "cognitiveImpairment", "oncologistConcerns",
            ],
            AnswersReader.Fields);

    // ---- every enumeration string of eligibility.md -------------------------------------------

    /// <summary>Each row: a field, one of its spec strings, and the member it must read to.</summary>
    public static TheoryData<string, string, Enum> SpecStrings
    {
        get
        {
            var data = new TheoryData<string, string, Enum>
            {
                { "sex", "female", Sex.Female }, { "sex", "male", Sex.Male }, { "sex", "other", Sex.Other }, { "sex", "undisclosed", Sex.Undisclosed },
                { "breastCancer", "invasiveConfirmed", BreastCancerDiagnosis.InvasiveConfirmed },
                { "breastCancer", "invasiveSuspected", BreastCancerDiagnosis.InvasiveSuspected },
                { "breastCancer", "inSituOnly", BreastCancerDiagnosis.InSituOnly },
                { "breastCancer", "none", BreastCancerDiagnosis.None },
                { "breastCancer", "unknown", BreastCancerDiagnosis.Unknown },
                { "diseaseStatus", "progressing", DiseaseStatus.Progressing },
                { "diseaseStatus", "deNovoStageIV", DiseaseStatus.DeNovoStageIV },
                { "diseaseStatus", "stable", DiseaseStatus.Stable },
                { "diseaseStatus", "unknown", DiseaseStatus.Unknown },
                { "primaryTissue", "freshFrozen", PrimaryTissue.FreshFrozen },
                { "primaryTissue", "ffpe", PrimaryTissue.Ffpe },
                { "primaryTissue", "availableTypeUnknown", PrimaryTissue.AvailableTypeUnknown },
                { "primaryTissue", "none", PrimaryTissue.None },
                { "primaryTissue", "unknown", PrimaryTissue.Unknown },
                { "researchBiopsyPlan.anesthesia", "local", Anesthesia.Local },
                { "researchBiopsyPlan.anesthesia", "ivConsciousSedation", Anesthesia.IvConsciousSedation },
                { "researchBiopsyPlan.anesthesia", "general", Anesthesia.General },
                { "researchBiopsyPlan.anesthesia", "unknown", Anesthesia.Unknown },
            };
            string[] yesNoFields =
            [
                "distantMetastasis", "willingResearchBiopsy", "effusionCytologyConfirmed", "canConsent", "pregnant",
                "localAnestheticAllergy", "cognitiveImpairment",
            ];
            foreach (var name in yesNoFields)
            {
                data.Add(name, "yes", YesNoUnknown.Yes);
                data.Add(name, "no", YesNoUnknown.No);
                data.Add(name, "unknown", YesNoUnknown.Unknown);
            }
            (string Name, Site Site)[] sites =
            [
                ("breast", Site.Breast), ("skinChestWall", Site.SkinChestWall), ("lymphNodeSoftTissue", Site.LymphNodeSoftTissue),
                ("liver", Site.Liver), ("bone", Site.Bone), ("lung", Site.Lung), ("brain", Site.Brain),
                ("pleuralFluid", Site.PleuralFluid), ("ascites", Site.Ascites), ("other", Site.Other),
            ];
            foreach (var (name, site) in sites)
            {
                data.Add("metastaticSites", name, site);
                data.Add("scheduledClinicalBiopsy.site", name, site);
                data.Add("researchBiopsyPlan.site", name, site);
            }
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(SpecStrings))]
    public void Every_spec_enumeration_string_reads_to_its_member(string field, string value, Enum expected)
    {
        var json = field switch
        {
            "metastaticSites" => $$"""{ "metastaticSites": ["{{value}}"] }""",
            "scheduledClinicalBiopsy.site" => $$"""{ "scheduledClinicalBiopsy": { "site": "{{value}}", "date": "2026-12-01" } }""",
            "researchBiopsyPlan.site" => $$"""{ "researchBiopsyPlan": { "site": "{{value}}" } }""",
            "researchBiopsyPlan.anesthesia" => $$"""{ "researchBiopsyPlan": { "site": "liver", "anesthesia": "{{value}}" } }""",
            _ => $$"""{ "{{field}}": "{{value}}" }""",
        };
        var answers = AssertAccepted(json);
        object? actual = field switch
        {
            "sex" => answers.Sex,
            "breastCancer" => answers.BreastCancer,
            "distantMetastasis" => answers.DistantMetastasis,
            "metastaticSites" => Assert.Single(answers.MetastaticSites!),
            "diseaseStatus" => answers.DiseaseStatus,
            "primaryTissue" => answers.PrimaryTissue,
            "scheduledClinicalBiopsy.site" => answers.ScheduledClinicalBiopsy?.Site,
            "willingResearchBiopsy" => answers.WillingResearchBiopsy,
            "researchBiopsyPlan.site" => answers.ResearchBiopsyPlan?.Site,
            "researchBiopsyPlan.anesthesia" => answers.ResearchBiopsyPlan?.Anesthesia,
            "effusionCytologyConfirmed" => answers.EffusionCytologyConfirmed,
            "canConsent" => answers.CanConsent,
            "pregnant" => answers.Pregnant,
            "localAnestheticAllergy" => answers.LocalAnestheticAllergy,
            "cognitiveImpairment" => answers.CognitiveImpairment,
            _ => throw new ArgumentOutOfRangeException(nameof(field), field, null),
        };
        Assert.Equal<object>(expected, actual!);
        // And back: the writer uses the same spec string.
        Assert.Contains($"\"{value}\"", AnswersWriter.ToJson(answers), StringComparison.Ordinal);
    }

    [Fact]
    public void Spec_strings_cover_every_enumeration_member_and_no_other()
    {
        var byType = SpecStrings.Select(row => (Enum)row[2]).Distinct().GroupBy(e => e.GetType()).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(Enum.GetValues<Sex>().Length, byType[typeof(Sex)]);
        Assert.Equal(Enum.GetValues<BreastCancerDiagnosis>().Length, byType[typeof(BreastCancerDiagnosis)]);
        Assert.Equal(Enum.GetValues<YesNoUnknown>().Length, byType[typeof(YesNoUnknown)]);
        Assert.Equal(Enum.GetValues<DiseaseStatus>().Length, byType[typeof(DiseaseStatus)]);
        Assert.Equal(Enum.GetValues<PrimaryTissue>().Length, byType[typeof(PrimaryTissue)]);
        Assert.Equal(Enum.GetValues<Site>().Length, byType[typeof(Site)]);
        Assert.Equal(Enum.GetValues<Anesthesia>().Length, byType[typeof(Anesthesia)]);
    }

    // ---- writing and reading back ----------------------------------------------------------------

    public static TheoryData<string, Answers> RoundTripSets => new()
    {
        { "baseline", AnswerSets.Baseline },
        { "nothing answered", new Answers() },
        { "empty site list", new Answers { MetastaticSites = [] } },
        {
            "full referral",
            AnswerSets.Baseline with
            {
                Sex = Sex.Undisclosed,
                MetastaticSites = [Site.Other, Site.PleuralFluid, Site.Brain],
                DiseaseStatus = DiseaseStatus.DeNovoStageIV,
                PrimaryTissue = PrimaryTissue.AvailableTypeUnknown,
                ScheduledClinicalBiopsy = new(Site.Ascites, new DateOnly(2026, 12, 9)),
                ResearchBiopsyPlan = new(Site.SkinChestWall, Anesthesia.IvConsciousSedation),
                EffusionCytologyConfirmed = YesNoUnknown.Unknown,
                Ecog = 0,
                OncologistConcerns = new(true, null, false),
            }
        },
        { "plan without anaesthesia", new Answers { ResearchBiopsyPlan = new(Site.Liver, null), OncologistConcerns = new(null, null, null) } },
        { "leap-day birth", new Answers { DateOfBirth = new DateOnly(2000, 2, 29), Ecog = 4 } },
    };

    [Theory]
    [MemberData(nameof(RoundTripSets))]
    public void Written_answers_read_back_equal(string name, Answers answers)
    {
        var json = AnswersWriter.ToJson(answers);
        var (read, errors) = Parse(json, SubmissionKind.Referral);
        Assert.True(errors.IsEmpty, $"{name}: {json} gave {Paths(errors)}");
        Assert.Equal(answers, read);
    }

    // ---- hostile texts ---------------------------------------------------------------------------

    private static IEnumerable<(string Name, string Text)> HostileTexts()
    {
        var megabyte = new string('a', 1 << 20);
        yield return ("empty", "");
        yield return ("whitespace", "   \n\t ");
        yield return ("truncated object", """{ "ecog": 1, "sex": "fem""");
        yield return ("truncated after colon", """{ "ecog": """);
        yield return ("unclosed array", """{ "metastaticSites": ["bone", """);
        yield return ("only an opening brace", "{");
        yield return ("trailing comma", """{ "ecog": 1, }""");
        yield return ("comment", """{ /* hi */ "ecog": 1 }""");
        yield return ("single quotes", "{ 'ecog': 1 }");
        yield return ("two documents", """{ "ecog": 1 } { "ecog": 2 }""");
        yield return ("NaN", """{ "ecog": NaN }""");
        yield return ("deep arrays", new string('[', 100_000) + new string(']', 100_000));
        yield return ("deep objects", string.Concat(Enumerable.Repeat("{\"a\":", 10_000)) + "1" + new string('}', 10_000));
        yield return ("deep within a known field", "{ \"metastaticSites\": " + new string('[', 64) + new string(']', 64) + " }");
        yield return ("deep concerns", "{ \"oncologistConcerns\": { \"seriousComorbidity\": " + new string('[', 40) + new string(']', 40) + " } }");
        yield return ("huge integer", """{ "ecog": 123456789012345678901234567890123456789012345678901234567890 }""");
        yield return ("huge exponent", """{ "ecog": 1e999999999 }""");
        yield return ("tiny exponent", """{ "ecog": 1e-999999999 }""");
        yield return ("negative zero point", """{ "ecog": -0.0 }""");
        yield return ("1 MB enum string", $$"""{ "sex": "{{megabyte}}" }""");
        yield return ("1 MB date string", $$"""{ "dateOfBirth": "{{megabyte}}" }""");
        yield return ("1 MB site in a list", $$"""{ "metastaticSites": ["{{megabyte}}"] }""");
        yield return ("1 MB member name", $$"""{ "{{megabyte}}": 1 }""");
        yield return ("1 MB number", "{ \"ecog\": " + new string('9', 1 << 20) + " }");
        yield return ("many members", "{" + string.Join(",", Enumerable.Range(0, 20_000).Select(i => $"\"m{i}\":{i}")) + "}");
        yield return ("long list", "{ \"metastaticSites\": [" + string.Join(",", Enumerable.Repeat("\"bone\",\"x\"", 20_000)) + "] }");
        yield return ("escaped lone surrogate in a value", """{ "sex": "\ud800" }""");
        yield return ("escaped lone surrogate in a date", """{ "dateOfBirth": "\udfff" }""");
        yield return ("escaped lone surrogate in a member name", """{ "\ud800": 1 }""");
        yield return ("escaped lone surrogate in a nested member name", """{ "oncologistConcerns": { "\udc00x": true } }""");
        yield return ("raw lone surrogate", "{ \"sex\": \"\ud800\" }");
        yield return ("control character in a string", "{ \"sex\": \"fe\u0000male\" }");
        yield return ("bad escape", """{ "sex": "\x" }""");
        yield return ("escaped null character", """{ "sex": "female\u0000" }""");
        yield return ("a bare string", "\"answers\"");
        yield return ("a bare number", "42");
        yield return ("byte order mark", "\uFEFF{ \"ecog\": 1, \"ecog\": 1 }");
    }

    [Fact]
    public void Hostile_texts_return_null_with_errors_and_never_throw()
    {
        foreach (var (name, text) in HostileTexts())
        {
            var errors = new FieldErrors();
            Answers? answers = null;
            var thrown = Record.Exception(() => answers = AnswersReader.Parse(text, SubmissionKind.Referral, Today, errors));
            Assert.True(thrown is null, $"{name}: threw {thrown}");
            Assert.True(answers is null, $"{name}: was accepted as {answers}");
            Assert.False(errors.IsEmpty, $"{name}: refused without an error");
            foreach (var (path, messages) in errors.ToDictionary())
            {
                Assert.StartsWith("answers", path, StringComparison.Ordinal);
                Assert.All(messages, m => Assert.True(m.Length < 2_000, $"{name}: a message of {m.Length} characters at {path}"));
            }
        }
    }

    [Fact]
    public void Hostile_texts_never_throw_from_a_self_screening_either()
    {
        foreach (var (name, text) in HostileTexts())
        {
            var thrown = Record.Exception(() => AnswersReader.Parse(text, SubmissionKind.SelfScreening, Today, new FieldErrors()));
            Assert.True(thrown is null, $"{name}: threw {thrown}");
        }
    }

    [Fact]
    public void Hostile_utf8_read_through_a_document_never_throws()
    {
        // Read may be handed an element of a document parsed without the duplicate-key check (which
        // itself refuses such member names): escaped lone surrogates must still give field errors.
        var bytes = Encoding.UTF8.GetBytes("""{ "sex": "\ud800", "\udc00": 1, "metastaticSites": ["\ud800"], "dateOfBirth": "\udfff" }""");
        using var document = JsonDocument.Parse(bytes);
        var errors = new FieldErrors();
        Answers? answers = null;
        var thrown = Record.Exception(() => answers = AnswersReader.Read(document.RootElement, "answers", SubmissionKind.Referral, Today, errors));
        Assert.Null(thrown);
        Assert.Null(answers);
        Assert.Contains("not valid text", Assert.Single(errors.For("answers")), StringComparison.Ordinal);
    }

    [Fact]
    public void Escaped_lone_surrogate_in_values_is_refused_at_each_field()
    {
        var bytes = Encoding.UTF8.GetBytes("""{ "sex": "\ud800", "metastaticSites": ["bone", "\ud800"], "dateOfBirth": "\udfff" }""");
        using var document = JsonDocument.Parse(bytes);
        var errors = new FieldErrors();
        Assert.Null(AnswersReader.Read(document.RootElement, "answers", SubmissionKind.Referral, Today, errors));
        Assert.Equal(3, errors.Count);
        Assert.Contains("is not allowed", Assert.Single(errors.For("answers.sex")), StringComparison.Ordinal);
        Assert.Contains("is not allowed", Assert.Single(errors.For("answers.metastaticSites[1]")), StringComparison.Ordinal);
        Assert.Contains("is not a real date", Assert.Single(errors.For("answers.dateOfBirth")), StringComparison.Ordinal);
    }
}
