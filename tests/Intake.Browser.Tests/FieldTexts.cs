using System.Text.Json;
using Microsoft.Playwright;

namespace Intake.Browser.Tests;

/// <summary>
/// The questions' words from <c>assets/fields.js</c> as the page itself loads them (the pages and
/// these tests share one source for the texts): the patient's wording in English and Spanish, the
/// protocol's wording for the referral form, and the body sites' names.
/// </summary>
public sealed class FieldTexts
{
    private readonly JsonElement _fields;
    private readonly JsonElement _sites;

    private FieldTexts(JsonElement fields, JsonElement sites)
    {
        _fields = fields;
        _sites = sites;
    }

    /// <summary>Imports fields.js into <paramref name="page"/> (already on one of the service's pages) and reads it.</summary>
    public static async Task<FieldTexts> LoadAsync(IPage page)
    {
        var both = await page.EvaluateAsync<JsonElement>(
            "async () => { const m = await import('/assets/fields.js'); return JSON.parse(JSON.stringify({ fields: m.FIELDS, sites: m.SITE_LABELS })); }");
        return new FieldTexts(both.GetProperty("fields").Clone(), both.GetProperty("sites").Clone());
    }

    /// <summary>The field with API name <paramref name="name"/>.</summary>
    public JsonElement Field(string name) =>
        _fields.EnumerateArray().FirstOrDefault(f => f.GetProperty("name").GetString() == name) is { ValueKind: JsonValueKind.Object } f
            ? f
            : throw new InvalidOperationException($"fields.js has no field '{name}'.");

    /// <summary>The field's kind (choice, date, sites, biopsy, ecog, plan, concerns).</summary>
    public string Kind(string name) => Field(name).GetProperty("kind").GetString()!;

    /// <summary>The question as the patient reads it, in <paramref name="language"/> (en, es).</summary>
    public string Label(string name, string language) => Field(name).GetProperty(language).GetProperty("label").GetString()!;

    /// <summary>The patient's words for option <paramref name="value"/> (for ECOG the number, "" for not sure).</summary>
    public string Option(string name, string language, string value) => Field(name).GetProperty(language).GetProperty("options").GetProperty(value).GetString()!;

    /// <summary>Another text of the field in <paramref name="language"/>, e.g. the biopsy question's "yes", "no", "site", "date".</summary>
    public string Text(string name, string language, string key) => Field(name).GetProperty(language).GetProperty(key).GetString()!;

    /// <summary>The question in the protocol's words (the referral form).</summary>
    public string Protocol(string name) => Field(name).GetProperty("protocol").GetString()!;

    /// <summary>The protocol's words for option <paramref name="value"/>.</summary>
    public string ProtocolOption(string name, string value) => Field(name).GetProperty("protocolOptions").GetProperty(value).GetString()!;

    /// <summary>A member text of a field in the protocol's words, e.g. oncologistConcerns' members or researchBiopsyPlan's anaesthesia.</summary>
    public string ProtocolText(string name, string group, string key) => Field(name).GetProperty(group).GetProperty(key).GetString()!;

    /// <summary>A body site's name: <paramref name="wording"/> en, es or protocol.</summary>
    public string Site(string site, string wording) => _sites.GetProperty(wording).GetProperty(site).GetString()!;
}
