using System.Globalization;

namespace Intake.Functions.Http.Responses;

/// <summary>
/// One entry of <c>GET /api/audit</c> (<see cref="AuditLogPage"/>): <c>at</c> in UTC with seven
/// decimals (<c>2026-11-27T15:30:00.0000000Z</c>), who, with which role, which function, on which
/// submission (<c>null</c> for none), how many records it showed and its status.
/// </summary>
public sealed record AuditLogEntry(string At, string By, string Role, string Action, string? SubmissionId, int Count, int Status)
{
    /// <summary>The answer for <paramref name="entry"/>.</summary>
    public static AuditLogEntry Of(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new(entry.At.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture),
            entry.By, entry.Role, entry.Action, entry.SubmissionId, entry.Count, entry.Status);
    }
}
