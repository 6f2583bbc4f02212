namespace Intake.Core.Worklists;

/// <summary>Filters of the worklist.</summary>
/// <param name="Priority">Only items of this priority.</param>
/// <param name="TeamStatus">Only items with this team status.</param>
/// <param name="AssignedTo">Only items assigned to this name (exactly).</param>
/// <param name="ContactDueBy">Only items whose <see cref="WorklistItem.NextContactOn"/> is this date or earlier (<c>due=today</c>: the site's today).</param>
public sealed record WorklistFilter(Priority? Priority = null, TeamStatus? TeamStatus = null, string? AssignedTo = null, DateOnly? ContactDueBy = null);
