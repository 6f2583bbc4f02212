namespace Intake.Core.Workflows.Receiving;

/// <summary>What became of a posted submission.</summary>
/// <param name="Id">The submission's id.</param>
/// <param name="Accepted">True when it is stored (now or by an identical earlier post); false when the id holds a different body.</param>
/// <param name="Queued">False when it is stored but the queue send failed: the reconciler will queue it.</param>
public sealed record IntakeResult(string Id, bool Accepted, bool Queued = true);
