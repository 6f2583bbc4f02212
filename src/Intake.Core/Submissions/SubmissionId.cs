namespace Intake.Core.Submissions;

/// <summary>
/// A submission's id: a UUID in its canonical lower-case form (<c>D</c> format, 36 characters). Ids
/// become storage keys, so only a UUID is one: it cannot hold a character a key refuses.
/// </summary>
public readonly record struct SubmissionId
{
    private SubmissionId(string value) => Value = value;

    /// <summary>The canonical text, e.g. <c>6a1d8f2e-3b4c-4d5e-9f60-718293a4b5c6</c>.</summary>
    public string Value { get; }

    /// <summary>A new random id.</summary>
    public static SubmissionId New() => new(Guid.NewGuid().ToString("D"));

    /// <summary>Reads <paramref name="text"/> as an id: exactly 36 characters of a UUID (any case), nothing around it.</summary>
    public static bool TryParse(string? text, out SubmissionId id)
    {
        // The length first: the parser forgives surrounding white space, and an id is exactly its 36 characters.
        if (text is { Length: 36 } && Guid.TryParseExact(text, "D", out var uuid))
        {
            id = new SubmissionId(uuid.ToString("D"));
            return true;
        }
        id = default;
        return false;
    }

    /// <summary>The canonical text of the id <paramref name="text"/> is, or null when it is none.</summary>
    public static string? Normalise(string? text) => TryParse(text, out var id) ? id.Value : null;

    /// <inheritdoc />
    public override string ToString() => Value ?? "";
}
