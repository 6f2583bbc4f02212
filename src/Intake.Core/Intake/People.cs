using System.Text;

namespace Intake.Core;

/// <summary>
/// Digests of who a person is, to find the same person's other submissions: the date of birth,
/// and keyed digests (<see cref="PersonDigests"/>, HMAC-SHA-256 with the service's person key) of
/// the normalised e-mail, phone (its last ten digits) and name. No contact detail is kept in clear
/// outside the contact entity.
/// </summary>
/// <param name="DateOfBirth">The date of birth; without it no duplicate is looked for.</param>
/// <param name="Email">Digest of the lower-case e-mail.</param>
/// <param name="Phone">Digest of the phone's last ten digits.</param>
/// <param name="Name">Digest of the name in lower case, letters and single spaces only.</param>
public sealed record PersonKeys(DateOnly? DateOfBirth, string? Email, string? Phone, string? Name)
{
    /// <summary>The keys of a submission's person, digested with <paramref name="digests"/>.</summary>
    public static PersonKeys Of(Answers answers, Contact contact, PersonDigests digests)
    {
        ArgumentNullException.ThrowIfNull(answers);
        return Of(answers.DateOfBirth, contact, digests);
    }

    /// <summary>The keys of a person born on <paramref name="dateOfBirth"/> with <paramref name="contact"/>, digested with <paramref name="digests"/>.</summary>
    public static PersonKeys Of(DateOnly? dateOfBirth, Contact contact, PersonDigests digests)
    {
        ArgumentNullException.ThrowIfNull(contact);
        ArgumentNullException.ThrowIfNull(digests);
        return new(
            dateOfBirth,
            digests.Digest(contact.Email?.Trim().ToLowerInvariant()),
            digests.Digest(contact.Phone is { } phone && new string([.. phone.Where(char.IsAsciiDigit)]) is { Length: >= 7 } digits ? digits[^Math.Min(10, digits.Length)..] : null),
            digests.Digest(NormaliseName(contact.Name)));
    }

    /// <summary>Same date of birth, and the same e-mail, phone or name.</summary>
    public bool IsSamePersonAs(PersonKeys other) =>
        DateOfBirth is not null && DateOfBirth == other.DateOfBirth
        && (Same(Email, other.Email) || Same(Phone, other.Phone) || Same(Name, other.Name));

    private static bool Same(string? a, string? b) => a is not null && a == b;

    private static string? NormaliseName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }
        var letters = new string([.. name.Normalize(NormalizationForm.FormD).ToLowerInvariant()
            .Where(c => char.IsLetter(c) || char.IsWhiteSpace(c))]);
        return string.Join(' ', letters.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)) is { Length: > 0 } n ? n : null;
    }
}

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

/// <summary>The index of people by date of birth, to link a person's submissions.</summary>
public interface IPeopleIndex
{
    /// <summary>Every submission of a person born on <paramref name="dateOfBirth"/>.</summary>
    Task<IReadOnlyList<PersonEntry>> BornOnAsync(DateOnly dateOfBirth, CancellationToken cancellationToken);

    /// <summary>Adds (or replaces) a submission's entry.</summary>
    Task PutAsync(PersonEntry entry, CancellationToken cancellationToken);

    /// <summary>Removes a submission's entry under a date of birth; nothing happens when there is none.</summary>
    Task RemoveAsync(DateOnly dateOfBirth, string submissionId, CancellationToken cancellationToken);
}

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
