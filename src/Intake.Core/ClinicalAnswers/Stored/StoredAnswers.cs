using System.Globalization;
using System.Text.Json;

namespace Intake.Core.ClinicalAnswers.Stored;

/// <summary>
/// Answers as they are stored, in a versioned shape of their own (<see cref="StoredAnswersDocument"/>),
/// apart from the API's strict reader and writer: a field renamed or tightened in the API never makes
/// stored submissions unreadable. <see cref="Write"/> writes <see cref="CurrentVersion"/>;
/// <see cref="Read"/> reads every version ever written:
/// <list type="bullet">
/// <item>1: the API's JSON of the answers as it was written until the stored shape had a reader of its own (no version member);</item>
/// <item>2: the same members, and <c>"v": 2</c>.</item>
/// </list>
/// Reading takes what was stored as it is: no rule of the API (a date in the past, a member for referrals only) is checked again.
/// </summary>
public static class StoredAnswers
{
    /// <summary>The version <see cref="Write"/> writes.</summary>
    public const int CurrentVersion = 2;

    private const string DateFormat = "yyyy-MM-dd";

    /// <summary>The stored text of <paramref name="answers"/>.</summary>
    public static string Write(Answers answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        var document = new StoredAnswersDocument
        {
            Version = CurrentVersion,
            DateOfBirth = answers.DateOfBirth?.ToString(DateFormat, CultureInfo.InvariantCulture),
            Sex = Of(answers.Sex),
            BreastCancer = Of(answers.BreastCancer),
            DistantMetastasis = Of(answers.DistantMetastasis),
            MetastaticSites = answers.MetastaticSites?.Select(StoredValues.Of).ToArray(),
            DiseaseStatus = Of(answers.DiseaseStatus),
            PrimaryTissue = Of(answers.PrimaryTissue),
            ScheduledClinicalBiopsy = answers.ScheduledClinicalBiopsy is { } biopsy
                ? new StoredBiopsy { Site = StoredValues.Of(biopsy.Site), Date = biopsy.Date.ToString(DateFormat, CultureInfo.InvariantCulture) }
                : null,
            WillingResearchBiopsy = Of(answers.WillingResearchBiopsy),
            ResearchBiopsyPlan = answers.ResearchBiopsyPlan is { } plan
                ? new StoredBiopsy { Site = StoredValues.Of(plan.Site), Anesthesia = Of(plan.Anesthesia) }
                : null,
            EffusionCytologyConfirmed = Of(answers.EffusionCytologyConfirmed),
            Ecog = answers.Ecog,
            CanConsent = Of(answers.CanConsent),
            Pregnant = Of(answers.Pregnant),
            LocalAnestheticAllergy = Of(answers.LocalAnestheticAllergy),
            CognitiveImpairment = Of(answers.CognitiveImpairment),
            OncologistConcerns = answers.OncologistConcerns is { } concerns
                ? new StoredConcerns { SeriousComorbidity = concerns.SeriousComorbidity, BiopsySafetyRisk = concerns.BiopsySafetyRisk, HazardousCondition = concerns.HazardousCondition }
                : null,
        };
        return JsonSerializer.Serialize(document, StoredAnswersJson.Default.StoredAnswersDocument);
    }

    /// <summary>
    /// The answers stored as <paramref name="text"/>, in any version ever written; throws
    /// <see cref="InvalidDataException"/> (naming the member, never quoting a value) for text no version wrote.
    /// </summary>
    public static Answers Read(string? text)
    {
        StoredAnswersDocument? d;
        try
        {
            d = JsonSerializer.Deserialize(text ?? "null", StoredAnswersJson.Default.StoredAnswersDocument);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"Stored answers are not of the stored shape (at {e.Path ?? "$"}).", e);
        }
        if (d is null)
        {
            throw new InvalidDataException("Stored answers are missing.");
        }
        if (d.Version is { } version && version is < 1 or > CurrentVersion)
        {
            throw new InvalidDataException($"Stored answers are of format version {version}, which this service does not know (it reads 1 to {CurrentVersion}).");
        }
        return new Answers
        {
            DateOfBirth = Date(d.DateOfBirth, "dateOfBirth"),
            Sex = StoredValues.Parse<Sex>(d.Sex, "sex"),
            BreastCancer = StoredValues.Parse<BreastCancerDiagnosis>(d.BreastCancer, "breastCancer"),
            DistantMetastasis = StoredValues.Parse<YesNoUnknown>(d.DistantMetastasis, "distantMetastasis"),
            MetastaticSites = d.MetastaticSites?.Select(s => StoredValues.Parse<Site>(s, "metastaticSites")!.Value).ToArray(),
            DiseaseStatus = StoredValues.Parse<DiseaseStatus>(d.DiseaseStatus, "diseaseStatus"),
            PrimaryTissue = StoredValues.Parse<PrimaryTissue>(d.PrimaryTissue, "primaryTissue"),
            ScheduledClinicalBiopsy = d.ScheduledClinicalBiopsy is { } biopsy
                ? new ScheduledClinicalBiopsy(Required(StoredValues.Parse<Site>(biopsy.Site, "scheduledClinicalBiopsy.site"), "scheduledClinicalBiopsy.site"),
                    Required(Date(biopsy.Date, "scheduledClinicalBiopsy.date"), "scheduledClinicalBiopsy.date"))
                : null,
            WillingResearchBiopsy = StoredValues.Parse<YesNoUnknown>(d.WillingResearchBiopsy, "willingResearchBiopsy"),
            ResearchBiopsyPlan = d.ResearchBiopsyPlan is { } plan
                ? new ResearchBiopsyPlan(Required(StoredValues.Parse<Site>(plan.Site, "researchBiopsyPlan.site"), "researchBiopsyPlan.site"),
                    StoredValues.Parse<Anesthesia>(plan.Anesthesia, "researchBiopsyPlan.anesthesia"))
                : null,
            EffusionCytologyConfirmed = StoredValues.Parse<YesNoUnknown>(d.EffusionCytologyConfirmed, "effusionCytologyConfirmed"),
            Ecog = d.Ecog,
            CanConsent = StoredValues.Parse<YesNoUnknown>(d.CanConsent, "canConsent"),
            Pregnant = StoredValues.Parse<YesNoUnknown>(d.Pregnant, "pregnant"),
            LocalAnestheticAllergy = StoredValues.Parse<YesNoUnknown>(d.LocalAnestheticAllergy, "localAnestheticAllergy"),
            CognitiveImpairment = StoredValues.Parse<YesNoUnknown>(d.CognitiveImpairment, "cognitiveImpairment"),
            OncologistConcerns = d.OncologistConcerns is { } c ? new OncologistConcerns(c.SeriousComorbidity, c.BiopsySafetyRisk, c.HazardousCondition) : null,
        };
    }

    private static string? Of<T>(T? value) where T : struct, Enum => value is { } v ? StoredValues.Of(v) : null;

    private static DateOnly? Date(string? text, string member) =>
        text is null ? null
        : DateOnly.TryParseExact(text, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date
        : throw new InvalidDataException($"Stored answers: {member} is not a date of the form YYYY-MM-DD.");

    private static T Required<T>(T? value, string member) where T : struct =>
        value ?? throw new InvalidDataException($"Stored answers: {member} is missing.");
}
