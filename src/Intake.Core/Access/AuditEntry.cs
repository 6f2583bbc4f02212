namespace Intake.Core.Access;

/// <summary>
/// One entry of the audit log (api-2.md, "Audit log"): who read or changed patient data, when, with
/// which role, through which function, on which submission, how many records the answer showed and
/// its status. Ids and counts only, never patient data.
/// </summary>
public sealed record AuditEntry(DateTimeOffset At, string By, string Role, string Action, string? SubmissionId, int Count, int Status);
