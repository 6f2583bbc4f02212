using System.Globalization;
using System.Text.Json;

namespace Intake.Core.Rules;

/// <summary>
/// The STORED shape of a pre-check: the <c>Precheck</c> column of a submission's record, read back
/// by <see cref="Parse"/>: <c>result</c>, <c>priority</c>, <c>rulesetVersion</c>, <c>today</c>,
/// <c>collectionSource</c> and <c>criteria</c> (id, outcome, reason). Outcomes, results and
/// priorities are their member names (<c>NotMet</c>); sites are camelCase (<c>liver</c>). It stays
/// hand-written and byte-stable because rows written years ago must still read; the answer of
/// <c>GET /api/submissions/{id}</c> has its own record (Intake.Functions' <c>PrecheckResponse</c>),
/// which happens to share these members today but may change without touching what is stored.
/// </summary>
public static class PrecheckJson
{
    // The pre-check's members into the object being written (no braces).
    private static void WriteMembers(Utf8JsonWriter writer, Precheck precheck)
    {
        writer.WriteString("result", precheck.Result.ToString());
        if (precheck.Priority is { } priority)
        {
            writer.WriteString("priority", priority.ToString());
        }
        else
        {
            writer.WriteNull("priority");
        }
        writer.WriteString("rulesetVersion", precheck.RulesetVersion);
        writer.WriteString("today", precheck.Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        if (precheck.CollectionSource is { } source)
        {
            writer.WriteString("collectionSource", JsonEnum<Site>.Name(source));
        }
        else
        {
            writer.WriteNull("collectionSource");
        }
        writer.WriteStartArray("criteria");
        foreach (var criterion in precheck.Criteria)
        {
            writer.WriteStartObject();
            writer.WriteString("id", criterion.Id);
            writer.WriteString("outcome", criterion.Outcome.ToString());
            writer.WriteString("reason", criterion.Reason);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    }

    /// <summary>The pre-check as the compact JSON object stored in its record's <c>Precheck</c> column.</summary>
    public static string ToJson(Precheck precheck)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            WriteMembers(writer, precheck);
            writer.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Reads a pre-check written by <see cref="ToJson"/>.</summary>
    /// <exception cref="JsonException">The text is not such a pre-check.</exception>
    public static Precheck Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var criteria = root.GetProperty("criteria").EnumerateArray()
            .Select(c => new CriterionOutcome(
                c.GetProperty("id").GetString()!,
                Enum.Parse<Outcome>(c.GetProperty("outcome").GetString()!),
                c.GetProperty("reason").GetString()!))
            .ToArray();
        var priority = root.GetProperty("priority");
        var source = root.GetProperty("collectionSource");
        return new Precheck(
            Enum.Parse<PrecheckResult>(root.GetProperty("result").GetString()!),
            priority.ValueKind == JsonValueKind.Null ? null : Enum.Parse<Priority>(priority.GetString()!),
            source.ValueKind == JsonValueKind.Null ? null : JsonEnum<Site>.TryParse(source.GetString(), out var site) ? site : throw new JsonException("Unknown collection source."),
            criteria,
            root.GetProperty("rulesetVersion").GetString()!,
            DateOnly.ParseExact(root.GetProperty("today").GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture));
    }
}
