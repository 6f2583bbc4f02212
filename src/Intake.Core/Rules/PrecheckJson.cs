using System.Globalization;
using System.Text.Json;

namespace Intake.Core.Rules;

/// <summary>
/// A pre-check as api.md's JSON: <c>result</c>, <c>priority</c>, <c>rulesetVersion</c>, <c>today</c>,
/// <c>collectionSource</c> and <c>criteria</c> (id, outcome, reason). Outcomes, results and
/// priorities are their member names (<c>NotMet</c>); sites are camelCase (<c>liver</c>).
/// </summary>
public static class PrecheckJson
{
    /// <summary>Writes the pre-check's members into the object being written (no braces).</summary>
    public static void WriteMembers(Utf8JsonWriter writer, Precheck precheck)
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

    /// <summary>The pre-check as a compact JSON object.</summary>
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
