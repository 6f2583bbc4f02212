namespace Intake.Core.Access;

/// <summary>
/// The append-only audit log. It has no way to change or remove an entry: an entry once appended
/// stays as it was written.
/// </summary>
public interface IAuditLog
{
    /// <summary>Appends <paramref name="entry"/>; throws when it could not be stored (the request then fails).</summary>
    Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken);

    /// <summary>A page of entries, newest first; null when the query's cursor is not one this log made for the same query.</summary>
    Task<AuditPage?> ReadAsync(AuditQuery query, CancellationToken cancellationToken);
}
