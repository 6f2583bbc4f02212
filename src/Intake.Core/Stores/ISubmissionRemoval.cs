namespace Intake.Core.Stores;

/// <summary>Removes a submission for good (one marked not genuine, once its review time is over).</summary>
public interface ISubmissionRemoval
{
    /// <summary>
    /// Deletes the clinical record of <paramref name="expected"/> only while it is still at that
    /// version; false, deleting nothing, when it changed meanwhile (e.g. it was reopened). True
    /// when it is already gone.
    /// </summary>
    Task<bool> TryRemoveRecordAsync(Submission expected, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes everything else of the submission of <paramref name="line"/>: its contact, referrer
    /// and history, its people index entries, its pending mark and, last, the line itself; leaves a
    /// tombstone with no patient data (id, kind, when received, when removed). Safe to repeat.
    /// </summary>
    /// <param name="line">The submission's line in the not-genuine index.</param>
    /// <param name="dateOfBirth">The date of birth its people index entry is under, when the record still told it; otherwise its entries are looked for by id.</param>
    /// <param name="removedAt">When.</param>
    /// <param name="cancellationToken">Cancels the removal (it can be taken up again).</param>
    Task RemoveRestAsync(WorklistItem line, DateOnly? dateOfBirth, DateTimeOffset removedAt, CancellationToken cancellationToken);
}
