using System.Text.Json;

namespace Intake.Core.Contract;

/// <summary>
/// Writes answers as eligibility.md's JSON, leaving out what was not answered. Not the wire: the
/// staff routes answer with Intake.Functions' <c>AnswersResponse</c> record, and the stored answers
/// have their own versioned shape (<see cref="StoredAnswersJson"/>). It stays because its
/// bytes are hashed into each submission's stored fingerprint (<see cref="Submissions.SubmissionDraft.Fingerprint"/>:
/// a retry of the same body must match a fingerprint stored long ago, so this text must not move),
/// and because the FHIR reading (<see cref="Fhir.FhirAnswers"/>) and the correction diff of
/// <see cref="Workflows.Team.TeamActions"/> compare answers through it, in Core, where no serialiser
/// of the Functions project is.
/// </summary>
public static class AnswersWriter
{
    /// <summary>Writes <paramref name="answers"/> as one JSON object.</summary>
    public static void Write(Utf8JsonWriter writer, Answers answers)
    {
        writer.WriteStartObject();
        if (answers.DateOfBirth is { } dob)
        {
            writer.WriteString("dateOfBirth", dob.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        }
        WriteEnum(writer, "sex", answers.Sex);
        WriteEnum(writer, "breastCancer", answers.BreastCancer);
        WriteEnum(writer, "distantMetastasis", answers.DistantMetastasis);
        if (answers.MetastaticSites is { } sites)
        {
            writer.WriteStartArray("metastaticSites");
            foreach (var site in sites)
            {
                writer.WriteStringValue(JsonEnum<Site>.Name(site));
            }
            writer.WriteEndArray();
        }
        WriteEnum(writer, "diseaseStatus", answers.DiseaseStatus);
        WriteEnum(writer, "primaryTissue", answers.PrimaryTissue);
        if (answers.ScheduledClinicalBiopsy is { } biopsy)
        {
            writer.WriteStartObject("scheduledClinicalBiopsy");
            WriteEnum<Site>(writer, "site", biopsy.Site);
            writer.WriteString("date", biopsy.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            writer.WriteEndObject();
        }
        WriteEnum(writer, "willingResearchBiopsy", answers.WillingResearchBiopsy);
        if (answers.ResearchBiopsyPlan is { } plan)
        {
            writer.WriteStartObject("researchBiopsyPlan");
            WriteEnum<Site>(writer, "site", plan.Site);
            WriteEnum(writer, "anesthesia", plan.Anesthesia);
            writer.WriteEndObject();
        }
        WriteEnum(writer, "effusionCytologyConfirmed", answers.EffusionCytologyConfirmed);
        if (answers.Ecog is { } ecog)
        {
            writer.WriteNumber("ecog", ecog);
        }
        WriteEnum(writer, "canConsent", answers.CanConsent);
        WriteEnum(writer, "pregnant", answers.Pregnant);
        WriteEnum(writer, "localAnestheticAllergy", answers.LocalAnestheticAllergy);
        WriteEnum(writer, "cognitiveImpairment", answers.CognitiveImpairment);
        if (answers.OncologistConcerns is { } concerns)
        {
            writer.WriteStartObject("oncologistConcerns");
            WriteBoolean(writer, "seriousComorbidity", concerns.SeriousComorbidity);
            WriteBoolean(writer, "biopsySafetyRisk", concerns.BiopsySafetyRisk);
            WriteBoolean(writer, "hazardousCondition", concerns.HazardousCondition);
            writer.WriteEndObject();
        }
        writer.WriteEndObject();
    }

    /// <summary>The answers as a compact JSON text.</summary>
    public static string ToJson(Answers answers)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, answers);
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteEnum<T>(Utf8JsonWriter writer, string name, T? value) where T : struct, Enum
    {
        if (value is { } v)
        {
            writer.WriteString(name, JsonEnum<T>.Name(v));
        }
    }

    private static void WriteBoolean(Utf8JsonWriter writer, string name, bool? value)
    {
        if (value is { } v)
        {
            writer.WriteBoolean(name, v);
        }
    }
}
