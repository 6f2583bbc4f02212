namespace Intake.Core.Submissions;

/// <summary>Where a submission is in its life: stored, pre-checked, then on one of the team's two lists.</summary>
public enum SubmissionStatus
{
    /// <summary>Stored and queued for its pre-check.</summary>
    Received,
    /// <summary>Pre-checked; its result is kept.</summary>
    Prechecked,
    /// <summary>On the study team's worklist, with a priority.</summary>
    Routed,
    /// <summary>On the screened-out list, with the reasons.</summary>
    ScreenedOut,
    /// <summary>
    /// Marked not genuine by the team (abuse, a test, spam): off both lists and out of the funnel,
    /// kept <see cref="NotGenuineRemoval.KeptFor"/> for review (reopening puts it back), then removed.
    /// </summary>
    NotGenuine,
}
