using System.Text.Json;

namespace Intake.Core.Contract;

/// <summary>
/// The exact JSON strings of an enumeration: each member's name in camelCase
/// (<c>InvasiveConfirmed</c> is <c>"invasiveConfirmed"</c>), matched case-sensitively.
/// </summary>
/// <typeparam name="T">The enumeration.</typeparam>
public static class JsonEnum<T> where T : struct, Enum
{
    private static readonly T[] Values = Enum.GetValues<T>();
    private static readonly string[] Names = Array.ConvertAll(Values, v => JsonNamingPolicy.CamelCase.ConvertName(v.ToString()));

    /// <summary>Every allowed string, in declaration order, comma-separated (for error messages).</summary>
    public static string Allowed { get; } = string.Join(", ", Names);

    /// <summary>The JSON string of a member.</summary>
    public static string Name(T value) => Names[Array.IndexOf(Values, value)];

    /// <summary>Finds the member whose JSON string is exactly <paramref name="name"/>.</summary>
    public static bool TryParse(string? name, out T value)
    {
        var i = name is null ? -1 : Array.IndexOf(Names, name);
        value = i >= 0 ? Values[i] : default;
        return i >= 0;
    }
}
