namespace Intake.Core.Stores;

/// <summary>Submissions, their contact details and their append-only history.</summary>
public interface ISubmissionStore
{
    /// <summary>
    /// Stores a new submission with its contact details, referrer and first history entry, all or
    /// nothing. Nothing is overwritten when the id exists.
    /// </summary>
    Task<AddResult> AddAsync(Submission submission, Contact contact, Referrer? referrer, HistoryEntry received, CancellationToken cancellationToken);

    /// <summary>The clinical record, or <c>null</c> for an unknown id.</summary>
    Task<Submission?> GetAsync(string id, CancellationToken cancellationToken);

    /// <summary>Everything staff may read about a submission, or <c>null</c> for an unknown id.</summary>
    Task<SubmissionFile?> GetFileAsync(string id, CancellationToken cancellationToken);

    /// <summary>
    /// Only the patient's contact details of a submission (one point read), or <c>null</c> for an
    /// unknown or erased id: for a reader that needs a person's name and how to reach them, not the file.
    /// </summary>
    Task<Contact?> GetContactAsync(string id, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the record with <paramref name="updated"/> (whose <see cref="Submission.Version"/> is one
    /// more than the stored one) and appends <paramref name="entry"/>, all or nothing. Returns false,
    /// changing nothing, when someone else changed the record first.
    /// </summary>
    Task<bool> TryUpdateAsync(Submission updated, HistoryEntry entry, CancellationToken cancellationToken);
}
