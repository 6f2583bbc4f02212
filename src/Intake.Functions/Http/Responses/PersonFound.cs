namespace Intake.Functions.Http.Responses;

/// <summary>One person of <c>GET /api/people</c> (<see cref="PeopleFound"/>): their id and their listed submissions, newest first.</summary>
public sealed record PersonFound(string PersonId, IReadOnlyList<ListItem> Submissions)
{
    /// <summary>The answer for <paramref name="person"/>; a screened-out submission with its NotMet reasons.</summary>
    public static PersonFound Of(FoundPerson person)
    {
        ArgumentNullException.ThrowIfNull(person);
        return new(person.PersonId, [.. person.Submissions.Select(s => ListItem.Of(s.Item, s.Contact, withReasons: s.Item.List == TeamList.ScreenedOut))]);
    }
}
