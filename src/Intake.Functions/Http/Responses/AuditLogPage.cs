namespace Intake.Functions.Http.Responses;

/// <summary>The answer of <c>GET /api/audit</c> (api-2.md, "Audit log"): entries newest first, and the cursor of the next page (<c>null</c> on the last).</summary>
public sealed record AuditLogPage(IReadOnlyList<AuditLogEntry> Items, string? Next)
{
    /// <summary>The answer for <paramref name="page"/>.</summary>
    public static AuditLogPage Of(AuditPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        return new([.. page.Items.Select(AuditLogEntry.Of)], page.Next);
    }
}
