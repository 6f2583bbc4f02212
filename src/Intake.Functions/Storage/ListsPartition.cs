using Azure.Data.Tables;
using Intake.Core;

namespace Intake.Functions.Storage;

/// <summary>
/// The one partition of the <see cref="StorageNames.TeamListsTable"/> table, and the kinds of row
/// it holds: the two lists' lines (<c>w-…</c>, <c>s-…</c>, see <see cref="TableTeamLists"/>) and the
/// not-genuine index (<c>n-…</c>, the same shape), the
/// pending marks (<c>p-{id}</c>, <see cref="TablePendingSubmissions"/>) and the people index
/// (<c>k-{keyed birth digest}-{id}</c>, <see cref="TablePeopleIndex"/>; entries written before person
/// keys are <c>b-{plain birth digest}-{id}</c> until <see cref="PersonKeysMigration"/> rewrites them),
/// the erased submissions' lines (<c>x-{id}</c>, tombstone fields only, for the funnel) and the intents of
/// erasures under way (<c>e-{person id}</c>, <see cref="TableSubmissionErasure"/>).
/// Together in one partition so that a submission's first listing, the clearing of its mark and its
/// person entry are one transaction: one storage request where they were three.
/// </summary>
internal static class ListsPartition
{
    /// <summary>The partition key.</summary>
    public const string Key = "lists";

    private const string PendingPrefix = "p-";
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

    /// <summary>A submission's entry in the people index: keyed digests only.</summary>
    public static TableEntity Person(PersonEntry entry, PersonDigests digests)
    {
        var born = entry.Keys.DateOfBirth ?? throw new ArgumentException("Only a person with a date of birth is indexed.", nameof(entry));
        return new TableEntity(Key, PersonKey(born, entry.SubmissionId, digests))
        {
            ["SubmissionId"] = entry.SubmissionId,
            ["PersonId"] = entry.PersonId,
            ["Email"] = entry.Keys.Email,
            ["Phone"] = entry.Keys.Phone,
            ["Name"] = entry.Keys.Name,
            ["ReceivedAt"] = entry.ReceivedAt,
        };
    }

    /// <summary>The entry of a people index row, for a person born on <paramref name="dateOfBirth"/>.</summary>
    public static PersonEntry ToPerson(TableEntity e, DateOnly dateOfBirth) => new(e.GetString("SubmissionId"), e.GetString("PersonId"),
        new PersonKeys(dateOfBirth, e.GetString("Email"), e.GetString("Phone"), e.GetString("Name")), e.GetDateTimeOffset("ReceivedAt")!.Value);
}
