using Azure.Data.Tables;

namespace Intake.Functions.Storage;

/// <summary>
/// The one partition of the <see cref="StorageNames.TeamListsTable"/> table, and the kinds of row
/// it holds: the not-genuine index (<c>n-…</c>, in list order, see <see cref="TableTeamLists"/>), the
/// pending marks (<c>p-{id}</c>, written by <see cref="TableTeamLists"/>), the marks of moves of a line
/// between shelves (<c>m-{id}</c>, with the key of the line it leaves), the erased submissions' lines
/// (<c>x-{id}</c>, tombstone fields only, for the funnel) and the intents of erasures under way
/// (<c>e-{person id}</c>, <see cref="TableSubmissionErasure"/>). The worklist's and screened-out list's lines
/// (<c>w-…</c>, <c>s-…</c>) live on their shelves (<see cref="ListShelves"/>); those kept here before the
/// shelves are read until the <c>ShelveLines</c> pass has moved them. The people index it held
/// before the people table (<c>k-{keyed birth digest}-{id}</c> entries with their find rows, and
/// <c>b-{plain birth digest}-{id}</c> from before person keys) is no longer written: this class only
/// reads it, for <see cref="TableTeamLists"/> and for <see cref="PersonKeysMigration"/>, which moves it
/// into <see cref="StorageNames.PeopleTable"/>.
/// </summary>
internal static class ListsPartition
{
    /// <summary>The partition key.</summary>
    public const string Key = "lists";

    private const string PendingPrefix = "p-";
    private const string MovePrefix = "m-";
    private const string PersonPrefix = "k-";
    private const string PlainPersonPrefix = "b-";
    private const string ErasurePrefix = "e-";
    private const string ErasedPrefix = "x-";

    /// <summary>The row key of the intent of an erasure under way (<see cref="ErasureIntent.Key"/>).</summary>
    public static string ErasureKey(string key) => ErasurePrefix + key;

    /// <summary>A filter for every erasure intent.</summary>
    public static string ErasureRange => RowsStartingWith(ErasurePrefix);

    /// <summary>The row key of an erased submission's line (<see cref="TeamList.Erased"/>).</summary>
    public static string ErasedKey(string id) => ErasedPrefix + id;

    /// <summary>Whether a row is one an erasure writes (an intent or an erased line), not a submission's data.</summary>
    public static bool IsErasureRow(string rowKey) =>
        rowKey.StartsWith(ErasurePrefix, StringComparison.Ordinal) || rowKey.StartsWith(ErasedPrefix, StringComparison.Ordinal);

    /// <summary>The row key of a submission's pending mark.</summary>
    public static string PendingKey(string id) => PendingPrefix + id;

    /// <summary>The id of a pending mark's row key.</summary>
    public static string IdOfPending(string rowKey) => rowKey[PendingPrefix.Length..];

    /// <summary>A filter for the partition's rows whose key starts with <paramref name="prefix"/> (one range of it).</summary>
    public static string RowsStartingWith(string prefix) =>
        TableClient.CreateQueryFilter($"PartitionKey eq {Key} and RowKey ge {prefix} and RowKey lt {prefix + "~"}");

    /// <summary>
    /// Deletes the partition's row <paramref name="rowKey"/>, if it is there, as a transaction of one
    /// action, so that its key travels in the request's body and never in its address: the storage
    /// client's log and the exported trace spans record addresses, and a people index key of the
    /// format before person keys holds a plain birth digest, reversed in about 40,000 guesses.
    /// </summary>
    public static async Task DeleteByBodyAsync(TableClient table, string rowKey, CancellationToken cancellationToken)
    {
        try
        {
            await table.SubmitTransactionAsync([new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(Key, rowKey), Azure.ETag.All)], cancellationToken);
        }
        catch (TableTransactionFailedException e) when (e.Status == 404)
        {
            // Already gone.
        }
    }

    /// <summary>The row key of the mark of a move of a submission's line between shelves (<see cref="TableTeamLists"/>).</summary>
    public static string MoveKey(string id) => MovePrefix + id;

    /// <summary>The id of a move mark's row key.</summary>
    public static string IdOfMove(string rowKey) => rowKey[MovePrefix.Length..];

    /// <summary>A filter for every move mark.</summary>
    public static string MoveRange => RowsStartingWith(MovePrefix);

    /// <summary>A filter for every pending mark.</summary>
    public static string PendingRange => RowsStartingWith(PendingPrefix);

    /// <summary>A pending mark.</summary>
    public static TableEntity Pending(string id, DateTimeOffset since) => new(Key, PendingKey(id)) { ["Since"] = since };

    /// <summary>A filter for the whole people index (keyed entries).</summary>
    public static string PeopleRange => RowsStartingWith(PersonPrefix);

    /// <summary>A filter for the entries written before person keys, under plain SHA-256 digests.</summary>
    public static string PlainPeopleRange => RowsStartingWith(PlainPersonPrefix);

    /// <summary>The row key prefix of the people born on a date.</summary>
    public static string BornOnPrefix(DateOnly dateOfBirth, PersonDigests digests) => $"{PersonPrefix}{digests.BirthDigest(dateOfBirth)}-";

    /// <summary>The row key of a submission's entry in the people index.</summary>
    public static string PersonKey(DateOnly dateOfBirth, string submissionId, PersonDigests digests) => BornOnPrefix(dateOfBirth, digests) + submissionId;

    /// <summary>The row key prefix the people born on a date had before person keys.</summary>
    public static string PlainBornOnPrefix(DateOnly dateOfBirth) => $"{PlainPersonPrefix}{PersonDigests.PlainBirthDigest(dateOfBirth)}-";

    /// <summary>The row key a submission's entry had before person keys.</summary>
    public static string PlainPersonKey(DateOnly dateOfBirth, string submissionId) => PlainBornOnPrefix(dateOfBirth) + submissionId;

    /// <summary>A filter for the people born on a date.</summary>
    public static string BornOnRange(DateOnly dateOfBirth, PersonDigests digests) => RowsStartingWith(BornOnPrefix(dateOfBirth, digests));

    /// <summary>A filter for the people born on a date, among the entries written before person keys.</summary>
    public static string PlainBornOnRange(DateOnly dateOfBirth) => RowsStartingWith(PlainBornOnPrefix(dateOfBirth));

    // ------------------------------------------------------------------ finding a person (api-2.md)

    private const string FindPrefix = "f";

    /// <summary>A filter for every find row.</summary>
    public static string FindRange => RowsStartingWith(FindPrefix);

    /// <summary>The find rows of the people with this e-mail digest (<see cref="PersonKeys.Email"/>).</summary>
    public static string ByEmailPrefix(string emailDigest) => $"fm-{emailDigest}-";

    /// <summary>The find rows of the people with this phone digest (<see cref="PersonKeys.Phone"/>).</summary>
    public static string ByPhonePrefix(string phoneDigest) => $"fp-{phoneDigest}-";

    /// <summary>The find rows of the people with this name digest born on the date of this birth digest.</summary>
    public static string ByNamePrefix(string birthDigest, string nameDigest) => $"fn-{birthDigest}-{nameDigest}-";

    /// <summary>The find rows of a person's submissions.</summary>
    public static string OfPersonPrefix(string personId) => $"fi-{personId}-";

    /// <summary>
    /// The rows that find a submission's person: one a key (e-mail, phone, name with the birth date,
    /// and the person id), each a small range of its own, so a search or a person's submissions are one
    /// short range query and never a scan of the index. Keyed digests and ids only, like the entry.
    /// </summary>
    public static IEnumerable<TableEntity> FindRows(string birthDigest, string submissionId, string personId,
        string? emailDigest, string? phoneDigest, string? nameDigest, DateTimeOffset receivedAt)
    {
        var keys = new List<string> { OfPersonPrefix(personId) + submissionId };
        if (emailDigest is not null)
        {
            keys.Add(ByEmailPrefix(emailDigest) + submissionId);
        }
        if (phoneDigest is not null)
        {
            keys.Add(ByPhonePrefix(phoneDigest) + submissionId);
        }
        if (nameDigest is not null)
        {
            keys.Add(ByNamePrefix(birthDigest, nameDigest) + submissionId);
        }
        return keys.Select(key => new TableEntity(Key, key)
        {
            ["SubmissionId"] = submissionId,
            ["PersonId"] = personId,
            ["ReceivedAt"] = receivedAt,
        });
    }

    /// <summary>The find rows of a people index entry (<c>k-{birth digest}-{id}</c>), from its own properties.</summary>
    public static IEnumerable<TableEntity> FindRowsOf(TableEntity person) =>
        FindRows(BirthDigestOf(person.RowKey), person.GetString("SubmissionId"), person.GetString("PersonId"),
            person.GetString("Email"), person.GetString("Phone"), person.GetString("Name"), person.GetDateTimeOffset("ReceivedAt")!.Value);

    private static string BirthDigestOf(string personKey) =>
        personKey.StartsWith(PersonPrefix, StringComparison.Ordinal) && personKey.IndexOf('-', PersonPrefix.Length) is var end and > 0
            ? personKey[PersonPrefix.Length..end]
            : throw new ArgumentException("Not a people index key.", nameof(personKey));

    /// <summary>The entry of a people index row, for a person born on <paramref name="dateOfBirth"/>.</summary>
    public static PersonEntry ToPerson(TableEntity e, DateOnly dateOfBirth) => new(e.GetString("SubmissionId"), e.GetString("PersonId"),
        new PersonKeys(dateOfBirth, e.GetString("Email"), e.GetString("Phone"), e.GetString("Name")), e.GetDateTimeOffset("ReceivedAt")!.Value);
}
