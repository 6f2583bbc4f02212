using System.Text;

namespace Intake.Core.People;

/// <summary>One submission in the index of people.</summary>
/// <param name="SubmissionId">The submission.</param>
/// <param name="PersonId">The id of the person's first submission.</param>
/// <param name="Keys">Who the person is.</param>
/// <param name="ReceivedAt">When the submission was received.</param>
public sealed record PersonEntry(string SubmissionId, string PersonId, PersonKeys Keys, DateTimeOffset ReceivedAt)
{
    /// <summary>The index entry of a linked submission; <c>null</c> without a date of birth (such a submission is not indexed).</summary>
    public static PersonEntry? Of(Submission submission) =>
        submission.PersonKeys is { DateOfBirth: not null } keys ? new(submission.Id, submission.PersonId ?? submission.Id, keys, submission.ReceivedAt) : null;
}
