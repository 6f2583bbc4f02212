using System.Text;

namespace Intake.Core.People;

/// <summary>Links a submission to the same person's earlier ones (same date of birth and same e-mail, phone or name).</summary>
public sealed class PersonLinking(IPeopleIndex people)
{
    /// <summary>
    /// The person id for <paramref name="submission"/>: the id of the person's earliest submission,
    /// or its own. Records it in the index; the same call twice gives the same answer.
    /// </summary>
    public async Task<string> PersonIdOfAsync(Submission submission, CancellationToken cancellationToken)
    {
        var personId = await FindPersonIdAsync(submission, cancellationToken);
        if (PersonEntry.Of(submission with { PersonId = personId }) is { } entry)
        {
            await people.PutAsync(entry, cancellationToken);
        }
        return personId;
    }

    /// <summary>
    /// The person id for <paramref name="submission"/>, as <see cref="PersonIdOfAsync"/>, without
    /// recording it: the pre-check records it with the submission's first listing
    /// (<see cref="ITeamLists.PutFirstAsync"/>), in the same write.
    /// </summary>
    public async Task<string> FindPersonIdAsync(Submission submission, CancellationToken cancellationToken)
    {
        if (submission.PersonKeys is not { DateOfBirth: { } born } keys)
        {
            return submission.Id;
        }
        var others = (await people.BornOnAsync(born, cancellationToken))
            .Where(e => e.SubmissionId != submission.Id && e.Keys.IsSamePersonAs(keys))
            .ToArray();
        var first = others.Append(new PersonEntry(submission.Id, submission.Id, keys, submission.ReceivedAt))
            .OrderBy(e => e.ReceivedAt).ThenBy(e => e.SubmissionId, StringComparer.Ordinal).First();
        return first.SubmissionId == submission.Id ? submission.Id : first.PersonId;
    }

    /// <summary>
    /// After a correction changed the date of birth: takes the entry out from under the old date and
    /// links the submission again under the new one. Returns the person id to keep.
    /// </summary>
    public async Task<string?> RelinkAsync(Submission before, Submission after, CancellationToken cancellationToken)
    {
        if (before.PersonKeys?.DateOfBirth == after.PersonKeys?.DateOfBirth)
        {
            return after.PersonId;
        }
        if (before.PersonKeys?.DateOfBirth is { } old)
        {
            await people.RemoveAsync(old, before.Id, cancellationToken);
        }
        return await PersonIdOfAsync(after, cancellationToken);
    }

    /// <summary>The ids of the other submissions of the same person.</summary>
    public async Task<IReadOnlyList<string>> LinkedToAsync(Submission submission, CancellationToken cancellationToken)
    {
        if (submission.PersonKeys is not { DateOfBirth: { } born } keys)
        {
            return [];
        }
        return [.. (await people.BornOnAsync(born, cancellationToken))
            .Where(e => e.SubmissionId != submission.Id && e.Keys.IsSamePersonAs(keys))
            .OrderBy(e => e.ReceivedAt)
            .Select(e => e.SubmissionId)];
    }
}
