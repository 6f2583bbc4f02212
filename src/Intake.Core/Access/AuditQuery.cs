namespace Intake.Core.Access;

/// <summary>
/// A page of the audit log to read: the entries of the UTC days <see cref="From"/> to <see cref="To"/>
/// (both included), optionally only those by one person or about one submission, newest first, at
/// most <see cref="Limit"/>, after <see cref="Cursor"/> (a page's <c>next</c>) when given.
/// </summary>
public sealed record AuditQuery(DateOnly From, DateOnly To, string? By, string? SubmissionId, int Limit, string? Cursor)
{
    /// <summary>The most entries one page may ask for.</summary>
    public const int MaxLimit = 200;

    /// <summary>Entries on a page when the query says nothing.</summary>
    public const int DefaultLimit = 50;

    /// <summary>The most days one query may span (a year and a day).</summary>
    public const int MaxDays = 366;
}
