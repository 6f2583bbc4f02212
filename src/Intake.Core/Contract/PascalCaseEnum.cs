namespace Intake.Core.Contract;

/// <summary>
/// The exact JSON strings of a result, a priority or a status: each member's name as it is
/// (<c>LikelyEligible</c>, <c>Urgent</c>, <c>NotEligible</c>, <c>UnderReview</c>), matched
/// case-sensitively. The casing rule of the API (docs/api-extensions.md, "Enumerations"): the
/// answers' values and <c>kind</c> are camelCase (<see cref="JsonEnum{T}"/>); results, priorities
/// and statuses are PascalCase (this type).
/// </summary>
/// <typeparam name="T">The enumeration.</typeparam>
public static class PascalCaseEnum<T> where T : struct, Enum
{
    private static readonly string[] Names = Enum.GetNames<T>();

    /// <summary>Every allowed string, in declaration order, comma-separated (for error messages).</summary>
    public static string Allowed { get; } = string.Join(", ", Names);

    /// <summary>The JSON string of a member.</summary>
    public static string Name(T value) => value.ToString();

    /// <summary>
    /// Finds the member whose name is exactly <paramref name="text"/>; when <paramref name="alsoCamelCase"/>,
    /// also one whose camelCase name is (an older spelling clients may still send).
    /// </summary>
    public static bool TryParse(string? text, out T value, bool alsoCamelCase = false)
    {
        if (text is not null && Array.IndexOf(Names, text) is var i and >= 0)
        {
            value = Enum.Parse<T>(Names[i]);
            return true;
        }
        if (alsoCamelCase && JsonEnum<T>.TryParse(text, out value))
        {
            return true;
        }
        value = default;
        return false;
    }
}
