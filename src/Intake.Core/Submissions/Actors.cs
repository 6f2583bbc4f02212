namespace Intake.Core.Submissions;

/// <summary>Who a history entry and an audit entry name when no staff member acted.</summary>
public static class Actors
{
    /// <summary>The service itself: pre-check routing, re-evaluation, alerts, retention.</summary>
    public const string System = "system";

    /// <summary>A person using a public form (or a partner system posting for one).</summary>
    public const string Public = "public";
}
