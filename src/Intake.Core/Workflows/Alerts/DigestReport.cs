namespace Intake.Core.Workflows.Alerts;

/// <summary>What one digest pass did.</summary>
/// <param name="DigestsSent">Digest e-mails sent (again, after a crash, with the same Message-Id).</param>
/// <param name="ItemsAnnounced">Held items whose history now records their digest.</param>
/// <param name="Failures">Hours or items it could not finish; each is tried again on the next pass.</param>
public sealed record DigestReport(int DigestsSent, int ItemsAnnounced, IReadOnlyList<DigestFailure> Failures);
