namespace Intake.Core.Workflows.Alerts;

/// <summary>The decision for one urgent alert.</summary>
/// <param name="Delivery">On its own, or in the digest.</param>
/// <param name="Window">The start of the hour (UTC) whose budget it was counted in.</param>
public sealed record AlertSlot(AlertDelivery Delivery, DateTimeOffset Window);
