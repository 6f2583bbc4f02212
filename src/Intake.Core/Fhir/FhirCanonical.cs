namespace Intake.Core.Fhir;

/// <summary>
/// The canonical URLs of the service's FHIR definitions: the referral Questionnaire and the code
/// systems its answers and the pre-check use. Canonical URLs are names, not addresses: they stay
/// the same on every deployment; each deployment serves the definitions under its own
/// <c>/fhir/Questionnaire/referral</c> and <c>/fhir/CodeSystem/{id}</c>.
/// </summary>
public static class FhirCanonical
{
    /// <summary>The root of every canonical URL of the service.</summary>
    public const string Base = "https://mbc-intake.example.org/fhir";

    /// <summary>The referral Questionnaire's <c>url</c>.</summary>
    public const string QuestionnaireUrl = Base + "/Questionnaire/referral";

    /// <summary>
    /// The referral Questionnaire's <c>version</c>; a response names <c>url|version</c>. Raise it
    /// whenever <see cref="Questions"/> changes what can be answered.
    /// </summary>
    public const string QuestionnaireVersion = "2026.1";

    /// <summary>What a QuestionnaireResponse's <c>questionnaire</c> must be.</summary>
    public const string QuestionnaireReference = QuestionnaireUrl + "|" + QuestionnaireVersion;

    /// <summary>The study's identifier system (api-2.md).</summary>
    public const string StudyIdentifierSystem = "https://clinicaltrials.gov";

    /// <summary>The study's identifier (api-2.md).</summary>
    public const string StudyIdentifier = "NCT03737695";

    /// <summary>BCP 47 language tags, the system of a patient's preferred language.</summary>
    public const string LanguageSystem = "urn:ietf:bcp:47";

    /// <summary>The core extension that carries a text's translation.</summary>
    public const string TranslationExtension = "http://hl7.org/fhir/StructureDefinition/translation";

    /// <summary>The canonical URL of the code system with id <paramref name="id"/>.</summary>
    public static string CodeSystemUrl(string id) => $"{Base}/CodeSystem/{id}";
}
