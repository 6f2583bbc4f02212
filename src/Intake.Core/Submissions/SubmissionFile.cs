namespace Intake.Core.Submissions;

/// <summary>A submission with everything staff may read: contact, referrer and history.</summary>
/// <param name="Submission">The clinical record.</param>
/// <param name="Contact">The patient's contact details.</param>
/// <param name="Referrer">The referring oncologist, for a referral.</param>
/// <param name="History">Every entry, oldest first.</param>
public sealed record SubmissionFile(Submission Submission, Contact Contact, Referrer? Referrer, IReadOnlyList<HistoryEntry> History);
