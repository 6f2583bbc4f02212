using System.Globalization;
using System.Text.Json;

namespace Intake.Core.Contract;

/// <summary>
/// Reads one JSON object strictly: every member must be a known field, every value of the
/// expected type. Problems go to <see cref="FieldErrors"/> under the member's JSON path;
/// nothing here throws on any input. A missing member or <c>null</c> reads as "not answered".
/// </summary>
public readonly struct StrictJsonObject
{
    private readonly JsonElement _element;
    private readonly FieldErrors _errors;

    private StrictJsonObject(JsonElement element, string path, FieldErrors errors)
    {
        _element = element;
        Path = path;
        _errors = errors;
    }

    /// <summary>The JSON path of this object (<c>answers</c>, <c>answers.scheduledClinicalBiopsy</c>).</summary>
    public string Path { get; }

    /// <summary>
    /// Opens <paramref name="element"/> as an object whose members must all be in <paramref name="known"/>.
    /// Returns false (with an error at <paramref name="path"/>) when it is not an object; unknown members
    /// are reported and the object is still opened, so that every problem is found in one pass.
    /// </summary>
    public static bool TryOpen(JsonElement element, string path, FieldErrors errors, IReadOnlyCollection<string> known, out StrictJsonObject obj)
    {
        obj = new StrictJsonObject(element, path, errors);
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add(path, "must be a JSON object.");
            return false;
        }
        foreach (var member in element.EnumerateObject())
        {
            if (!TryName(member, out var name))
            {
                // Looking members up by name would throw on it, so the object is not opened.
                errors.Add(path, $"has a member whose name is not valid text (an unpaired surrogate escape); the fields allowed here are: {string.Join(", ", known)}.");
                return false;
            }
            if (!known.Contains(name))
            {
                errors.Add(obj.PathOf(name), $"is not a known field; the fields allowed here are: {string.Join(", ", known)}.");
            }
        }
        return true;
    }

    /// <summary>The JSON path of a member of this object.</summary>
    public string PathOf(string name) => Path.Length == 0 ? name : $"{Path}.{name}";

    /// <summary>True when the member is present and not <c>null</c>.</summary>
    public bool Has(string name) => Get(name) is not null;

    /// <summary>The member's value, or <c>null</c> when it is missing or JSON <c>null</c>.</summary>
    public JsonElement? Get(string name) =>
        _element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    /// <summary>Where this object's problems are recorded, for a reader of a nested value (<see cref="AnswersReader"/>).</summary>
    public FieldErrors Errors => _errors;

    /// <summary>Records a problem with one member.</summary>
    public void Fail(string name, string message) => _errors.Add(PathOf(name), message);

    /// <summary>True when a problem with the member was recorded.</summary>
    public bool Failed(string name) => _errors.ToDictionary().ContainsKey(PathOf(name));

    /// <summary>Records a problem with this object as a whole.</summary>
    public void FailObject(string message) => _errors.Add(Path, message);

    /// <summary>Reads an enumeration member given as its exact JSON string.</summary>
    public T? Enum<T>(string name) where T : struct, Enum =>
        Get(name) is { } value ? ParseEnum<T>(value, PathOf(name), _errors) : null;

    /// <summary>Reads an array of enumeration strings; repeats are dropped, order is kept.</summary>
    public IReadOnlyList<T>? EnumList<T>(string name) where T : struct, Enum
    {
        if (Get(name) is not { } value)
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.Array)
        {
            Fail(name, $"must be a list of: {JsonEnum<T>.Allowed}.");
            return null;
        }
        var list = new List<T>();
        var ok = true;
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (ParseEnum<T>(item, $"{PathOf(name)}[{index}]", _errors) is { } parsed)
            {
                if (!list.Contains(parsed))
                {
                    list.Add(parsed);
                }
            }
            else
            {
                ok = false;
            }
            index++;
        }
        return ok ? list : null;
    }

    /// <summary>Reads an ISO 8601 calendar date (<c>YYYY-MM-DD</c>) that really exists, from 1900-01-01 on.</summary>
    public DateOnly? Date(string name)
    {
        if (Get(name) is not { } value)
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.String)
        {
            Fail(name, "must be a date written as YYYY-MM-DD, for example 1972-03-15.");
            return null;
        }
        var text = StringOf(value);
        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            Fail(name, $"'{Printable(text)}' is not a real date written as YYYY-MM-DD, for example 1972-03-15.");
            return null;
        }
        if (date < Earliest)
        {
            Fail(name, $"'{text}' is too long ago: dates start at {Earliest:yyyy-MM-dd}.");
            return null;
        }
        return date;
    }

    /// <summary>Reads a whole number from <paramref name="min"/> to <paramref name="max"/>.</summary>
    public int? Integer(string name, int min, int max)
    {
        if (Get(name) is not { } value)
        {
            return null;
        }
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) && number >= min && number <= max)
        {
            return number;
        }
        Fail(name, $"must be a whole number from {min} to {max}.");
        return null;
    }

    /// <summary>Reads <c>true</c> or <c>false</c>.</summary>
    public bool? Boolean(string name)
    {
        if (Get(name) is not { } value)
        {
            return null;
        }
        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return value.GetBoolean();
        }
        Fail(name, "must be true or false.");
        return null;
    }

    /// <summary>Reads a string of at most <paramref name="maxLength"/> characters, trimmed; blank reads as missing.</summary>
    public string? Text(string name, int maxLength)
    {
        if (Get(name) is not { } value)
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.String)
        {
            Fail(name, "must be text.");
            return null;
        }
        if (!TryString(value, out var text))
        {
            Fail(name, "must be valid text: it holds an unpaired surrogate escape.");
            return null;
        }
        text = text.Trim();
        if (text.Length > maxLength)
        {
            Fail(name, $"must be at most {maxLength} characters.");
            return null;
        }
        if (text.Any(char.IsControl))
        {
            Fail(name, "must not contain control characters.");
            return null;
        }
        return text.Length == 0 ? null : text;
    }

    /// <summary>Opens a nested object member strictly; false when missing, null or not an object.</summary>
    public bool TryObject(string name, IReadOnlyCollection<string> known, out StrictJsonObject obj)
    {
        obj = default;
        return Get(name) is { } value && TryOpen(value, PathOf(name), _errors, known, out obj);
    }

    private static readonly DateOnly Earliest = new(1900, 1, 1);

    private static T? ParseEnum<T>(JsonElement value, string path, FieldErrors errors) where T : struct, Enum
    {
        if (value.ValueKind == JsonValueKind.String && JsonEnum<T>.TryParse(StringOf(value), out var parsed))
        {
            return parsed;
        }
        errors.Add(path, value.ValueKind == JsonValueKind.String
            ? $"'{Printable(StringOf(value))}' is not allowed; use one of: {JsonEnum<T>.Allowed}."
            : $"must be one of: {JsonEnum<T>.Allowed}.");
        return null;
    }

    /// <summary>
    /// A string value. <see cref="JsonElement.GetString"/> throws on an escaped unpaired surrogate
    /// (<c>"\ud800"</c>), which is valid JSON but not valid text; then this gives false and the
    /// raw escaped text, which no enumeration string, date or field name matches.
    /// </summary>
    internal static bool TryString(JsonElement value, out string text)
    {
        try
        {
            text = value.GetString() ?? "";
            return true;
        }
        catch (InvalidOperationException)
        {
            try
            {
                text = Unquote(value.GetRawText());
            }
            catch (InvalidOperationException)
            {
                // Invalid UTF-8 inside the string: the document does not check string contents until read.
                text = "(not valid text)";
            }
            return false;
        }
    }

    private static string StringOf(JsonElement value) => TryString(value, out var text) ? text : text;

    /// <summary>A member's name, or false when it is not valid text (see <see cref="TryString"/>).</summary>
    private static bool TryName(JsonProperty member, out string name)
    {
        try
        {
            name = member.Name;
            return true;
        }
        catch (InvalidOperationException)
        {
            name = "";
            return false;
        }
    }

    private static string Unquote(string raw) => raw.Length >= 2 && raw[0] == '"' && raw[^1] == '"' ? raw[1..^1] : raw;

    /// <summary>Echoes a bad value back safely: short, with control characters replaced.</summary>
    private static string Printable(string? text)
    {
        if (text is null)
        {
            return "";
        }
        var shown = text.Length > 40 ? text[..40] + "…" : text;
        return string.Create(shown.Length, shown, static (span, s) =>
        {
            for (var i = 0; i < s.Length; i++)
            {
                span[i] = char.IsControl(s[i]) ? '?' : s[i];
            }
        });
    }
}
