using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Intake.Functions.Http;

/// <summary>
/// Reading a staff route's query parameters, each problem recorded under the parameter's name:
/// a parameter given more than once, a date that is not one.
/// </summary>
public static class StaffQuery
{
    /// <summary>The value of <paramref name="name"/>, or null when absent; given more than once, a problem ("must be given once.") and null.</summary>
    public static string? One(HttpRequest request, string name, FieldErrors errors)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(errors);
        if (!request.Query.TryGetValue(name, out var values))
        {
            return null;
        }
        if (values.Count == 1 && values[0] is { } value)
        {
            return value;
        }
        errors.Add(name, "must be given once.");
        return null;
    }

    /// <summary>
    /// The date <paramref name="name"/> (<c>YYYY-MM-DD</c>, on or after <paramref name="earliest"/>), or null when
    /// absent; otherwise a problem saying it must be <paramref name="what"/> (e.g. "a UTC date") and null.
    /// </summary>
    public static DateOnly? Date(HttpRequest request, string name, FieldErrors errors, DateOnly earliest, string what)
    {
        if (One(request, name, errors) is not { } text)
        {
            return null;
        }
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) && date >= earliest)
        {
            return date;
        }
        errors.Add(name, $"must be {what} as YYYY-MM-DD (e.g. 2026-11-26), on or after {earliest:yyyy-MM-dd}.");
        return null;
    }
}
