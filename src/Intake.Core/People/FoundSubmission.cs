namespace Intake.Core.People;

/// <summary>A found person's submission: its list line and its contact details (null when they are gone).</summary>
/// <param name="Item">The submission as a list item.</param>
/// <param name="Contact">Its contact details.</param>
public sealed record FoundSubmission(WorklistItem Item, Contact? Contact);
