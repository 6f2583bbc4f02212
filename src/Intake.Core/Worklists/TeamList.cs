namespace Intake.Core.Worklists;

/// <summary>Which of the study team's lists an item is on.</summary>
public enum TeamList
{
    /// <summary>Likely eligible or needs review (or reopened): the people to call, in priority order.</summary>
    Worklist,
    /// <summary>Likely ineligible, kept with the reasons so the team can reopen one.</summary>
    ScreenedOut,
    /// <summary>
    /// Not a list the team works: the index of submissions marked not genuine, newest first, kept for
    /// review and for their removal (<see cref="NotGenuineRemoval"/>). Its lines are in neither list nor the funnel's counts.
    /// </summary>
    NotGenuine,
    /// <summary>
    /// Not a list the team works: one line per erased submission (<see cref="PersonErasure"/>) with its
    /// tombstone's fields only (kind, receipt month, pre-check result, NotMet criteria ids), so that the
    /// funnel still counts it. Shown by no route.
    /// </summary>
    Erased,
}
