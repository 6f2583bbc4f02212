using System.Globalization;
using Azure.Data.Tables;

namespace Intake.Functions.Storage;

/// <summary>
/// The rows of the <see cref="StorageNames.PeopleTable"/> table (docs/storage.md, "The people table"),
/// all in one partition so that a person's rows are written in one transaction:
/// <list type="bullet">
/// <item><c>b-{birth digest}</c>: every submission of a person born on that date, one property per
/// submission (<c>s{id without dashes}</c>) whose value holds its person id, receipt time and keyed
/// e-mail, phone and name digests. Linking a new submission reads this one row.</item>
/// <item><c>e-{e-mail digest}</c>, <c>p-{phone digest}</c>: the birth dates under which that e-mail or
/// phone is recorded, one property per date (<c>b{birth digest}</c>), so a search by e-mail or phone
/// alone is a point read and then one point read of each date's row.</item>
/// </list>
/// A row holds at most <see cref="PageSize"/> such properties (Azure allows 252 of an entity's own);
/// the rest go to the row's next pages (<c>…-1</c>, <c>…-2</c>), and a page that has a next one says so
/// (<see cref="MoreProperty"/>). Keyed digests and ids only: nothing in clear.
/// </summary>
internal static class PeopleRows
{
    /// <summary>The partition key.</summary>
    public const string Partition = "people";

    /// <summary>The most entries a row holds before its next page is started: under Azure's 252, with room for writers racing past it.</summary>
    public const int PageSize = 200;

    /// <summary>On a page that has a next page.</summary>
    public const string MoreProperty = "More";

    /// <summary>A kind of paged row: its row key prefix and the prefix of its entries' property names.</summary>
    public sealed record Kind(string KeyPrefix, char EntryPrefix)
    {
        /// <summary>The row key of page <paramref name="page"/> of the row of <paramref name="digest"/>.</summary>
        public string Key(string digest, int page) => page == 0 ? KeyPrefix + digest : $"{KeyPrefix}{digest}-{page.ToString(CultureInfo.InvariantCulture)}";

        /// <summary>Whether <paramref name="property"/> is one of this kind's entries.</summary>
        public bool IsEntry(string property) => property.Length > 1 && property[0] == EntryPrefix && property.Skip(1).All(char.IsAsciiHexDigitLower);
    }

    /// <summary>The submissions of the people born on a date.</summary>
    public static readonly Kind BornOn = new("b-", 's');

    /// <summary>The birth dates recorded with an e-mail.</summary>
    public static readonly Kind ByEmail = new("e-", 'b');

    /// <summary>The birth dates recorded with a phone.</summary>
    public static readonly Kind ByPhone = new("p-", 'b');

    /// <summary>The property of a submission on its birth date's row.</summary>
    public static string SubmissionProperty(string submissionId) => "s" + Guid.ParseExact(submissionId, "D").ToString("N");

    /// <summary>The submission id of a birth date row's property.</summary>
    public static string SubmissionIdOf(string property) => Guid.ParseExact(property[1..], "N").ToString("D");

    /// <summary>The property of a birth date on an e-mail's or phone's row.</summary>
    public static string BirthProperty(string birthDigest) => "b" + birthDigest;

    /// <summary>The birth digest of an e-mail's or phone's row's property.</summary>
    public static string BirthDigestOf(string property) => property[1..];

    /// <summary>The value of a submission's property: its person id, receipt time and key digests.</summary>
    public static string Value(PersonEntry entry) => string.Join('|',
        entry.PersonId, entry.ReceivedAt.ToString("O", CultureInfo.InvariantCulture), entry.Keys.Email ?? "", entry.Keys.Phone ?? "", entry.Keys.Name ?? "");

    /// <summary>The entry of a submission's property, for a person born on <paramref name="dateOfBirth"/>.</summary>
    public static PersonEntry Entry(string property, string value, DateOnly dateOfBirth)
    {
        var parts = value.Split('|');
        if (parts.Length != 5)
        {
            throw new InvalidDataException("A people row entry is not person|received|email|phone|name.");
        }
        return new PersonEntry(SubmissionIdOf(property), parts[0],
            new PersonKeys(dateOfBirth, Empty(parts[2]), Empty(parts[3]), Empty(parts[4])),
            DateTimeOffset.ParseExact(parts[1], "O", CultureInfo.InvariantCulture));
    }

    /// <summary>The entries (property name and value) of a page.</summary>
    public static IEnumerable<KeyValuePair<string, string>> EntriesOf(Kind kind, TableEntity page) =>
        page.Where(p => kind.IsEntry(p.Key) && p.Value is string).Select(p => KeyValuePair.Create(p.Key, (string)p.Value));

    /// <summary>Whether a page has a next page.</summary>
    public static bool HasMore(TableEntity page) => page.GetBoolean(MoreProperty) is true;

    private static string? Empty(string text) => text.Length == 0 ? null : text;
}
