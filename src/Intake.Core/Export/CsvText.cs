using System.Text;

namespace Intake.Core.Export;

/// <summary>
/// CSV as RFC 4180 writes it (fields separated by commas, records ended by CRLF, a field holding a
/// comma, a double quote, CR or LF enclosed in double quotes with its quotes doubled), with every cell
/// neutralised against spreadsheet formula injection (OWASP, "CSV Injection"): a cell that begins with
/// <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or a carriage return is prefixed with <c>'</c>, so a
/// spreadsheet shows it as text instead of running it.
/// </summary>
public static class CsvText
{
    /// <summary>The characters that make a spreadsheet read a cell as a formula when it begins with one.</summary>
    public static IReadOnlyList<char> FormulaStarts { get; } = ['=', '+', '-', '@', '\t', '\r'];

    /// <summary>The record separator of RFC 4180.</summary>
    public const string LineEnd = "\r\n";

    /// <summary>The text of a cell as a spreadsheet must show it: <paramref name="value"/>, prefixed with <c>'</c> when it would start a formula.</summary>
    public static string Neutralised(string? value) =>
        value is { Length: > 0 } && FormulaStarts.Contains(value[0]) ? "'" + value : value ?? "";

    /// <summary>One field: neutralised, then quoted when RFC 4180 asks for it.</summary>
    public static string Field(string? value)
    {
        var text = Neutralised(value);
        return text.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? $"\"{text.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : text;
    }

    /// <summary>Appends one record (its fields and the CRLF that ends it) to <paramref name="csv"/>.</summary>
    public static void AppendRecord(StringBuilder csv, IEnumerable<string?> fields)
    {
        ArgumentNullException.ThrowIfNull(csv);
        ArgumentNullException.ThrowIfNull(fields);
        var first = true;
        foreach (var field in fields)
        {
            if (!first)
            {
                csv.Append(',');
            }
            csv.Append(Field(field));
            first = false;
        }
        csv.Append(LineEnd);
    }
}
