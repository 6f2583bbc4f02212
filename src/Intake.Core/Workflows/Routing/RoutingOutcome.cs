namespace Intake.Core.Workflows.Routing;

/// <summary>What the pre-check of one queued submission did.</summary>
public enum RoutingOutcome
{
    /// <summary>Pre-checked now and put on its list.</summary>
    Routed,
    /// <summary>Already pre-checked by an earlier delivery; its list entry was made sure of.</summary>
    AlreadyRouted,
}
