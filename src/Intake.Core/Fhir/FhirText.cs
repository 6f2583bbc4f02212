using Hl7.Fhir.Model;

namespace Intake.Core.Fhir;

/// <summary>Spanish translations on FHIR texts, with the core <c>translation</c> extension.</summary>
public static class FhirText
{
    /// <summary>The language of the translations.</summary>
    public const string Spanish = "es";

    /// <summary>Adds <paramref name="spanish"/> as the Spanish translation of <paramref name="text"/>.</summary>
    public static void Translate(Element text, string spanish)
    {
        ArgumentNullException.ThrowIfNull(text);
        text.Extension.Add(new Extension
        {
            Url = FhirCanonical.TranslationExtension,
            Extension =
            [
                new Extension("lang", new Code(Spanish)),
                new Extension("content", new FhirString(spanish)),
            ],
        });
    }

    /// <summary>The Spanish translation on <paramref name="text"/>, or <c>null</c>.</summary>
    public static string? SpanishOf(Element? text) =>
        text?.Extension.Where(e => e.Url == FhirCanonical.TranslationExtension)
            .FirstOrDefault(e => (e.GetExtension("lang")?.Value as Code)?.Value == Spanish)
            ?.GetExtension("content")?.Value is FhirString content ? content.Value : null;
}
