namespace Intake.Core.Erasure;

/// <summary>When, by whom and why a person's data is erased.</summary>
/// <param name="At">When the erasure was asked for.</param>
/// <param name="By">The manager who asked, or <c>system</c> for retention.</param>
/// <param name="Reason">Why (1–500 characters), or <see cref="PersonErasure.RetentionReason"/>.</param>
public sealed record ErasureMark(DateTimeOffset At, string By, string Reason);
