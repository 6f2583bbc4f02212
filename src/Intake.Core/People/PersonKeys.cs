using System.Text;

namespace Intake.Core.People;

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
