namespace Intake.Core.People;

/// <summary>
/// What the team looks a person up by (api-2.md, "Finding a person"): an e-mail, a phone, or a
/// name with a date of birth. Matched exactly on the same normalised forms as the people index
/// (<see cref="PersonKeys"/>): e-mail without regard to case, phone by its digits (the last ten),
/// name without regard to case, accents or repeated spaces.
/// </summary>
/// <param name="Email">The e-mail, or null.</param>
/// <param name="Phone">The phone, or null.</param>
/// <param name="Name">The name (with <paramref name="DateOfBirth"/>), or null.</param>
/// <param name="DateOfBirth">The date of birth (with <paramref name="Name"/>), or null.</param>
public sealed record PersonQuery(string? Email, string? Phone, string? Name, DateOnly? DateOfBirth)
{
    /// <summary>The most people an answer has.</summary>
    public const int MaxPeople = 20;

    /// <summary>The keyed digests the query looks up (<see cref="PersonKeys.Of(DateOnly?, Contact, PersonDigests)"/>), so that it matches the index's.</summary>
    public PersonKeys KeysWith(PersonDigests digests) => PersonKeys.Of(DateOfBirth, new Contact(Name ?? "", Email, Phone, null), digests);
}
