namespace Intake.Core.Access;

/// <summary>A page of the audit log, newest first, and the cursor of the next page (null on the last).</summary>
public sealed record AuditPage(IReadOnlyList<AuditEntry> Items, string? Next);
