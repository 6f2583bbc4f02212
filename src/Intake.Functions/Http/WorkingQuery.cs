using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Intake.Functions.Http;

/// <summary>
/// The list filters of working an item (api-2.md, "Working an item"): <c>assignedTo=…</c> (a name,
/// trimmed, 1 to <see cref="TeamActions.MaxAssigneeLength"/> characters, matched exactly) and
/// <c>due=today</c> (a next contact date of the site's today or earlier).
/// </summary>
public static class WorkingQuery
{
    /// <summary>The only value <c>due</c> takes.</summary>
    public const string Today = "today";

    /// <summary>
    /// <paramref name="filter"/> with the request's working filters; each problem goes to <paramref name="errors"/>
    /// under its parameter's name. The site's today comes from the request's services (<see cref="SiteCalendar"/>,
    /// registered by <c>AddIntake</c>), as <see cref="JsonBody"/> takes its clock.
    /// </summary>
    public static WorklistFilter Add(HttpRequest request, WorklistFilter filter, FieldErrors errors)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(errors);
        if (request.Query.TryGetValue("assignedTo", out var names))
        {
            if (names.Count == 1 && names[0]?.Trim() is { Length: > 0 and <= TeamActions.MaxAssigneeLength } name && !name.Any(char.IsControl))
            {
                filter = filter with { AssignedTo = name };
            }
            else
            {
                errors.Add("assignedTo", $"must be given once: a team member's name, 1 to {TeamActions.MaxAssigneeLength} characters.");
            }
        }
        if (request.Query.TryGetValue("due", out var due))
        {
            if (due.Count == 1 && due[0] == Today)
            {
                filter = filter with { ContactDueBy = request.HttpContext.RequestServices.GetRequiredService<SiteCalendar>().Today };
            }
            else
            {
                errors.Add("due", $"must be given once, as {Today}: the items whose next contact is the site's today or earlier.");
            }
        }
        return filter;
    }
}
