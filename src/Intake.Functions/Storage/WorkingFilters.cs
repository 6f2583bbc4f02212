using System.Globalization;
using Azure.Data.Tables;

namespace Intake.Functions.Storage;

/// <summary>
/// The filters of working an item (api-2.md, "Working an item") over a list query: on the line's
/// <c>AssignedTo</c> and <c>NextContactOn</c> properties, parameterised, so that a name is a value and
/// never text of the filter. Added to whatever range query reads a list.
/// </summary>
internal static class WorkingFilters
{
    /// <summary>The line property of <see cref="WorklistItem.AssignedTo"/>.</summary>
    public const string AssignedToProperty = "AssignedTo";

    /// <summary>The line property of <see cref="WorklistItem.NextContactOn"/> (<c>yyyy-MM-dd</c>, whose order as text is its order in time).</summary>
    public const string NextContactOnProperty = "NextContactOn";

    /// <summary>The clauses to add to a list's query, each starting with <c> and </c>; empty when the filter asks for neither.</summary>
    public static string Of(WorklistFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var clauses = "";
        if (filter.AssignedTo is { } name)
        {
            clauses += " and " + TableClient.CreateQueryFilter($"AssignedTo eq {name}");
        }
        if (filter.ContactDueBy is { } day)
        {
            // A line without a next contact date has no such property, and the comparison leaves it out.
            clauses += " and " + TableClient.CreateQueryFilter($"NextContactOn le {day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}");
        }
        return clauses;
    }
}
