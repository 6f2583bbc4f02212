namespace Intake.Core.Workflows.Alerts;

/// <summary>Where one hour's urgent alerts stand.</summary>
public enum AlertWindowState
{
    /// <summary>Alerts are still counted in it.</summary>
    Open,
    /// <summary>The hour is over and closed: its count of held alerts is final, its digest not yet sent.</summary>
    Closed,
    /// <summary>The digest went out; the held items' histories may not all say so yet.</summary>
    DigestSent,
    /// <summary>Nothing left to do.</summary>
    Done,
}
