using System.Text.Json;

namespace Intake.Core.Contract;

/// <summary>
/// Reads a submission's <c>answers</c> object strictly, as eligibility.md defines it: an unknown
/// member, a wrong type, a value outside an enumeration, an impossible date, an ECOG outside 0–4
/// or a date of birth after today each give a field error naming the JSON path and what is allowed.
/// Missing members mean "not answered". A self-screening may not carry the oncologist's fields.
/// </summary>
public static class AnswersReader
{
    /// <summary>The JSON members of <c>answers</c>, in the spec's order (from <see cref="Questions"/>).</summary>
    public static IReadOnlyList<string> Fields { get; } = Questions.All.Select(q => q.Name).ToArray();

    /// <summary>The members only a referral may carry: a patient cannot speak for the oncologist.</summary>
    public static IReadOnlyList<string> ReferralOnlyFields { get; } = Questions.All.Where(q => q.ReferralOnly).Select(q => q.Name).ToArray();

    private static readonly IReadOnlyList<string> BiopsyFields = Questions.Named("scheduledClinicalBiopsy").ItemNames;
    private static readonly IReadOnlyList<string> PlanFields = Questions.Named("researchBiopsyPlan").ItemNames;
    private static readonly IReadOnlyList<string> ConcernFields = Questions.Named("oncologistConcerns").ItemNames;

    /// <summary>
    /// Reads the answers at <paramref name="path"/>. Returns them when nothing was wrong, else
    /// <c>null</c> with every problem in <paramref name="errors"/>.
    /// </summary>
    /// <param name="element">The <c>answers</c> JSON value.</param>
    /// <param name="path">Its JSON path, e.g. <c>answers</c>.</param>
    /// <param name="kind">The kind of submission: a self-screening may not carry <see cref="ReferralOnlyFields"/>.</param>
    /// <param name="today">The site's date today: a date of birth after it is refused.</param>
    /// <param name="errors">Where problems are recorded.</param>
    public static Answers? Read(JsonElement element, string path, SubmissionKind kind, DateOnly today, FieldErrors errors)
    {
        var before = errors.Count;
        if (!StrictJsonObject.TryOpen(element, path, errors, Fields, out var json))
        {
            return null;
        }
        if (kind == SubmissionKind.SelfScreening)
        {
            foreach (var field in ReferralOnlyFields)
            {
                if (json.Has(field))
                {
                    json.Fail(field, "a self-screening cannot carry this field: only the referring oncologist can answer it.");
                }
            }
        }

        var dateOfBirth = json.Date("dateOfBirth");
        if (dateOfBirth > today)
        {
            json.Fail("dateOfBirth", $"a date of birth cannot be after today ({today:yyyy-MM-dd}).");
        }

        var answers = new Answers
        {
            DateOfBirth = dateOfBirth,
            Sex = json.Enum<Sex>("sex"),
            BreastCancer = json.Enum<BreastCancerDiagnosis>("breastCancer"),
            DistantMetastasis = json.Enum<YesNoUnknown>("distantMetastasis"),
            MetastaticSites = json.EnumList<Site>("metastaticSites"),
            DiseaseStatus = json.Enum<DiseaseStatus>("diseaseStatus"),
            PrimaryTissue = json.Enum<PrimaryTissue>("primaryTissue"),
            ScheduledClinicalBiopsy = ReadBiopsy(json),
            WillingResearchBiopsy = json.Enum<YesNoUnknown>("willingResearchBiopsy"),
            ResearchBiopsyPlan = kind == SubmissionKind.Referral ? ReadPlan(json) : null,
            EffusionCytologyConfirmed = json.Enum<YesNoUnknown>("effusionCytologyConfirmed"),
            Ecog = json.Integer("ecog", 0, 4),
            CanConsent = json.Enum<YesNoUnknown>("canConsent"),
            Pregnant = json.Enum<YesNoUnknown>("pregnant"),
            LocalAnestheticAllergy = json.Enum<YesNoUnknown>("localAnestheticAllergy"),
            CognitiveImpairment = json.Enum<YesNoUnknown>("cognitiveImpairment"),
            OncologistConcerns = kind == SubmissionKind.Referral ? ReadConcerns(json) : null,
        };
        return errors.Count == before ? answers : null;
    }

    /// <summary>Parses a JSON text holding only an answers object (tests, tools).</summary>
    public static Answers? Parse(string json, SubmissionKind kind, DateOnly today, FieldErrors errors)
    {
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowDuplicateProperties = false, MaxDepth = 16 });
            return Read(document.RootElement, "answers", kind, today, errors);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or ArgumentException)
        {
            // Beyond JsonException: InvalidOperationException when the duplicate-key check meets a
            // member name that is an escaped unpaired surrogate ("\ud800"), valid JSON but not valid
            // text; ArgumentException when the string itself holds an unpaired surrogate.
            errors.Add("answers", $"is not valid JSON: {e.Message}");
            return null;
        }
    }

    private static ScheduledClinicalBiopsy? ReadBiopsy(StrictJsonObject json)
    {
        const string name = "scheduledClinicalBiopsy";
        if (!json.TryObject(name, BiopsyFields, out var biopsy))
        {
            return null;
        }
        var site = biopsy.Enum<Site>("site");
        var date = biopsy.Date("date");
        if (!biopsy.Has("site"))
        {
            biopsy.Fail("site", $"a scheduled biopsy needs its site, one of: {JsonEnum<Site>.Allowed}.");
        }
        if (!biopsy.Has("date"))
        {
            biopsy.Fail("date", "a scheduled biopsy needs its date, written as YYYY-MM-DD.");
        }
        return site is { } s && date is { } d ? new ScheduledClinicalBiopsy(s, d) : null;
    }

    private static ResearchBiopsyPlan? ReadPlan(StrictJsonObject json)
    {
        if (!json.TryObject("researchBiopsyPlan", PlanFields, out var plan))
        {
            return null;
        }
        var site = plan.Enum<Site>("site");
        var anesthesia = plan.Enum<Anesthesia>("anesthesia");
        if (!plan.Has("site"))
        {
            plan.Fail("site", $"a research biopsy plan needs its site, one of: {JsonEnum<Site>.Allowed}.");
        }
        return site is { } s ? new ResearchBiopsyPlan(s, anesthesia) : null;
    }

    private static OncologistConcerns? ReadConcerns(StrictJsonObject json)
    {
        if (!json.TryObject("oncologistConcerns", ConcernFields, out var concerns))
        {
            return null;
        }
        return new OncologistConcerns(
            concerns.Boolean("seriousComorbidity"),
            concerns.Boolean("biopsySafetyRisk"),
            concerns.Boolean("hazardousCondition"));
    }
}
