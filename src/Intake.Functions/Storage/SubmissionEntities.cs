using System.Globalization;
using Azure.Data.Tables;

namespace Intake.Functions.Storage;

/// <summary>
/// How a submission lies in its partition of the submissions table (docs/storage.md): the clinical
/// record, the contact, the referrer and the history entries are separate entities under one
/// partition key, the submission's id, so that they are written together in one transaction.
/// </summary>
internal static class SubmissionEntities
{
    // Every row key ends with the submission's id, so that no two rows of the table share one (docs/storage.md,
    // "Row keys"): Azurite finds a row by its row key first, and a row key shared by every partition makes
    // each point read scan them all. The kind comes first, so a partition's rows keep their order.
    private const string RecordPrefix = "record-";
    private const string ContactPrefix = "contact-";
    private const string ReferrerPrefix = "referrer-";
    private const string HistoryPrefix = "history-";
    private const string TombstonePrefix = "tombstone-";

    /// <summary>The row key of submission <paramref name="id"/>'s clinical record.</summary>
    public static string RecordKey(string id) => RecordPrefix + id;

    /// <summary>The row key of submission <paramref name="id"/>'s contact.</summary>
    public static string ContactKey(string id) => ContactPrefix + id;

    /// <summary>The row key of submission <paramref name="id"/>'s referrer.</summary>
    public static string ReferrerKey(string id) => ReferrerPrefix + id;

    /// <summary>The row key of the tombstone left in submission <paramref name="id"/>'s partition.</summary>
    public static string TombstoneKey(string id) => TombstonePrefix + id;

    /// <summary>
    /// The row key of the history entry that brings submission <paramref name="id"/>'s record to
    /// <paramref name="version"/>: ordered by version, and unique per version (the concurrency check).
    /// </summary>
    public static string HistoryKey(string id, int version) => HistoryPrefix + version.ToString("D6", CultureInfo.InvariantCulture) + "-" + id;

    /// <summary>The row key of <paramref name="kind"/>'s row of submission <paramref name="id"/> (not history, whose key needs a version).</summary>
    public static string KeyOf(SubmissionRowKind kind, string id) => kind switch
    {
        SubmissionRowKind.Record => RecordKey(id),
        SubmissionRowKind.Contact => ContactKey(id),
        SubmissionRowKind.Referrer => ReferrerKey(id),
        SubmissionRowKind.Tombstone => TombstoneKey(id),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "A history row's key needs its version."),
    };

    /// <summary>
    /// The row key <paramref name="kind"/>'s row had before row keys ended with the id (the same in every
    /// partition): read only when the new key is absent, until <c>MigrateRowKeys</c> has rewritten the partition.
    /// </summary>
    public static string OldKeyOf(SubmissionRowKind kind) => kind switch
    {
        SubmissionRowKind.Record => "record",
        SubmissionRowKind.Contact => "contact",
        SubmissionRowKind.Referrer => "referrer",
        SubmissionRowKind.Tombstone => "tombstone",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Old history keys differ by version."),
    };

    /// <summary>The old row keys that do not depend on a version, each a kind's (<see cref="OldKeyOf"/>).</summary>
    public static IReadOnlyList<string> OldSingleKeys { get; } = ["record", "contact", "referrer", "tombstone"];

    /// <summary>The kind of a row of the submissions table, from its key in either layout; null for a key of neither.</summary>
    public static SubmissionRowKind? KindOf(string rowKey)
    {
        ArgumentNullException.ThrowIfNull(rowKey);
        foreach (var kind in (ReadOnlySpan<SubmissionRowKind>)[SubmissionRowKind.Record, SubmissionRowKind.Contact, SubmissionRowKind.Referrer, SubmissionRowKind.Tombstone])
        {
            var old = OldKeyOf(kind);
            if (rowKey.StartsWith(old, StringComparison.Ordinal) && (rowKey.Length == old.Length || rowKey[old.Length] == '-'))
            {
                return kind;
            }
        }
        return rowKey.StartsWith(HistoryPrefix, StringComparison.Ordinal) ? SubmissionRowKind.History : null;
    }

    /// <summary>Whether <paramref name="rowKey"/> is a key of the layout before row keys ended with the id.</summary>
    public static bool IsOldKey(string rowKey) => KindOf(rowKey) switch
    {
        SubmissionRowKind.History => rowKey.Length == HistoryPrefix.Length + 6,
        null => false,
        _ => OldSingleKeys.Contains(rowKey),
    };

    /// <summary>The version of the history row <paramref name="rowKey"/> (either layout).</summary>
    public static int VersionOf(string rowKey) =>
        int.Parse(rowKey.AsSpan(HistoryPrefix.Length, 6), NumberStyles.None, CultureInfo.InvariantCulture);

    /// <summary>
    /// The filter of every row of <paramref name="kind"/> across the table, in the new layout: a range
    /// (<c>RowKey ge 'record-' and RowKey lt 'record.'</c>), '.' being the character after '-'.
    /// </summary>
    public static string RangeOf(SubmissionRowKind kind)
    {
        var prefix = kind == SubmissionRowKind.History ? HistoryPrefix : KeyOf(kind, "");
        var end = prefix[..^1] + (char)(prefix[^1] + 1);
        return TableClient.CreateQueryFilter($"RowKey ge {prefix} and RowKey lt {end}");
    }

    /// <summary>
    /// The filter of every row of <paramref name="kind"/> in either layout: <see cref="RangeOf"/>, or the old
    /// key (until <c>MigrateRowKeys</c> has run, a scan across partitions must see both).
    /// </summary>
    public static string AnyLayoutOf(SubmissionRowKind kind) =>
        "(" + RangeOf(kind) + " or " + TableClient.CreateQueryFilter($"RowKey eq {OldKeyOf(kind)}") + ")";

    /// <summary>The row key the row <paramref name="old"/> of submission <paramref name="id"/> gets in the new layout.</summary>
    public static string NewKeyFor(string old, string id) => KindOf(old) switch
    {
        SubmissionRowKind.History => HistoryKey(id, VersionOf(old)),
        { } kind => KeyOf(kind, id),
        null => throw new ArgumentException($"'{old}' is not a row key of the submissions table.", nameof(old)),
    };

    /// <summary>
    /// A point read of <paramref name="kind"/>'s row of submission <paramref name="id"/>: its key, and only
    /// when that is absent the old one, so a partition not yet migrated reads the same and a migrated one
    /// (the common case) costs one read.
    /// </summary>
    public static async Task<TableEntity?> ReadAsync(TableClient table, string id, SubmissionRowKind kind, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(id, KeyOf(kind, id), cancellationToken: cancellationToken);
        if (row.HasValue)
        {
            return row.Value;
        }
        var old = await table.GetEntityIfExistsAsync<TableEntity>(id, OldKeyOf(kind), cancellationToken: cancellationToken);
        return old.HasValue ? old.Value : null;
    }

    /// <summary>On a record whose person keys are keyed digests (<see cref="PersonDigests"/>); absent on one written before.</summary>
    public const string PersonKeyedProperty = "PersonKeyed";

    /// <summary>Whether a record's person keys are keyed digests (not the plain ones written before person keys).</summary>
    public static bool HasKeyedPersonKeys(TableEntity record) => record.GetBoolean(PersonKeyedProperty) == true;

    /// <summary>Azure Table Storage holds at most 64 KiB in one string property (32 K UTF-16 characters).</summary>
    private const int MaxStringLength = 32 * 1024;

    public static TableEntity Record(Submission s)
    {
        var entity = new TableEntity(s.Id, RecordKey(s.Id))
        {
            ["Kind"] = s.Kind.ToString(),
            ["ReceivedAt"] = s.ReceivedAt,
            ["ReceivedOn"] = s.ReceivedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["Answers"] = Checked(StoredAnswers.Write(s.Answers), "Answers"),
            ["Fingerprint"] = s.Fingerprint,
            ["Status"] = s.Status.ToString(),
            ["TeamStatus"] = s.TeamStatus.ToString(),
            ["Version"] = s.Version,
            ["Reopened"] = s.Reopened,
            ["FirstContactAt"] = s.FirstContactAt,
            ["PersonId"] = s.PersonId,
            ["UrgentAlertPending"] = s.UrgentAlertPending,
            ["ReferrerUpdatesSent"] = string.Join(',', s.ReferrerUpdatesSent),
        };
        if (s.ReferrerConfirmed is { } confirmed)
        {
            entity["ReferrerConfirmedAt"] = confirmed.At;
            entity["ReferrerConfirmedBy"] = confirmed.By;
            entity["ReferrerConfirmedEmail"] = confirmed.Email;
        }
        if (s.NotGenuine is { } mark)
        {
            entity["NotGenuineAt"] = mark.At;
            entity["NotGenuineBy"] = mark.By;
            entity["NotGenuineReason"] = Checked(mark.Reason, "NotGenuineReason");
        }
        entity["AssignedTo"] = s.AssignedTo;
        entity["NextContactOn"] = s.NextContactOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        if (s.LastContactAttempt is { } attempt)
        {
            entity["LastContactChannel"] = attempt.Channel.ToString();
            entity["LastContactOutcome"] = attempt.Outcome.ToString();
            entity["LastContactAt"] = attempt.At;
            entity["LastContactBy"] = attempt.By;
            entity["LastContactNote"] = attempt.Note is null ? null : Checked(attempt.Note, "LastContactNote");
        }
        if (s.PersonKeys is { } keys)
        {
            entity["PersonBornOn"] = keys.DateOfBirth?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            entity["PersonEmail"] = keys.Email;
            entity["PersonPhone"] = keys.Phone;
            entity["PersonName"] = keys.Name;
            entity[PersonKeyedProperty] = true;
        }
        if (s.Precheck is { } precheck)
        {
            entity["Precheck"] = Checked(PrecheckJson.ToJson(precheck), "Precheck");
            entity["EvaluatedAt"] = s.EvaluatedAt;
            entity["RecheckOn"] = precheck.RecheckOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }
        return entity;
    }

    public static Submission ToSubmission(TableEntity e)
    {
        Answers answers;
        try
        {
            // The stored shape's own reader, never the API's: a change to the API leaves stored answers readable.
            answers = StoredAnswers.Read(e.GetString("Answers"));
        }
        catch (InvalidDataException problem)
        {
            throw new InvalidDataException($"Stored answers of submission {e.PartitionKey} do not read: {problem.Message}", problem);
        }
        return new Submission
        {
            Id = e.PartitionKey,
            Kind = Enum.Parse<SubmissionKind>(e.GetString("Kind")),
            ReceivedAt = e.GetDateTimeOffset("ReceivedAt")!.Value,
            ReceivedOn = DateOnly.ParseExact(e.GetString("ReceivedOn"), "yyyy-MM-dd", CultureInfo.InvariantCulture),
            Answers = answers,
            Fingerprint = e.GetString("Fingerprint"),
            Status = Enum.Parse<SubmissionStatus>(e.GetString("Status")),
            Precheck = e.GetString("Precheck") is { } precheck ? PrecheckJson.Parse(precheck) with { RecheckOn = Date(e.GetString("RecheckOn")) } : null,
            EvaluatedAt = e.GetDateTimeOffset("EvaluatedAt"),
            TeamStatus = Enum.Parse<TeamStatus>(e.GetString("TeamStatus")),
            Version = e.GetInt32("Version") ?? 1,
            Reopened = e.GetBoolean("Reopened") ?? false,
            FirstContactAt = e.GetDateTimeOffset("FirstContactAt"),
            PersonId = e.GetString("PersonId"),
            UrgentAlertPending = e.GetBoolean("UrgentAlertPending") ?? false,
            ReferrerUpdatesSent = e.GetString("ReferrerUpdatesSent") is { Length: > 0 } sent ? sent.Split(',') : [],
            ReferrerConfirmed = e.GetDateTimeOffset("ReferrerConfirmedAt") is { } confirmedAt
                ? new ReferrerConfirmation(confirmedAt, e.GetString("ReferrerConfirmedBy") ?? "", e.GetString("ReferrerConfirmedEmail") ?? "")
                : null,
            NotGenuine = e.GetDateTimeOffset("NotGenuineAt") is { } markedAt
                ? new NotGenuineMark(markedAt, e.GetString("NotGenuineBy") ?? "", e.GetString("NotGenuineReason") ?? "")
                : null,
            AssignedTo = e.GetString("AssignedTo"),
            NextContactOn = Date(e.GetString("NextContactOn")),
            LastContactAttempt = ToContactAttempt(e, withNote: true),
            // Keys written before person keys are plain digests that match nothing any more: none until
            // PersonKeysMigration digests them again from the answers and the contact entity.
            PersonKeys = HasKeyedPersonKeys(e)
                ? new PersonKeys(
                    e.GetString("PersonBornOn") is { } born ? DateOnly.ParseExact(born, "yyyy-MM-dd", CultureInfo.InvariantCulture) : null,
                    e.GetString("PersonEmail"), e.GetString("PersonPhone"), e.GetString("PersonName"))
                : null,
        };
    }

    /// <summary>
    /// The last contact attempt kept on a record or a list line (<c>LastContact…</c> properties);
    /// a line has no note, and <paramref name="withNote"/> false never reads one.
    /// </summary>
    public static ContactAttempt? ToContactAttempt(TableEntity e, bool withNote) =>
        e.GetDateTimeOffset("LastContactAt") is { } at
            ? new ContactAttempt(Enum.Parse<ContactChannel>(e.GetString("LastContactChannel")), Enum.Parse<ContactOutcome>(e.GetString("LastContactOutcome")),
                at, e.GetString("LastContactBy") ?? "", withNote ? e.GetString("LastContactNote") : null)
            : null;

    public static TableEntity ContactEntity(string id, Contact c) => new(id, ContactKey(id))
    {
        ["Name"] = c.Name,
        ["Email"] = c.Email,
        ["Phone"] = c.Phone,
        ["PreferredLanguage"] = c.PreferredLanguage,
    };

    public static Contact ToContact(TableEntity e) =>
        new(e.GetString("Name"), e.GetString("Email"), e.GetString("Phone"), e.GetString("PreferredLanguage"));

    public static TableEntity ReferrerEntity(string id, Referrer r) => new(id, ReferrerKey(id))
    {
        ["Name"] = r.Name,
        ["Institution"] = r.Institution,
        ["Email"] = r.Email,
        ["Phone"] = r.Phone,
    };

    public static Referrer ToReferrer(TableEntity e) =>
        new(e.GetString("Name"), e.GetString("Institution"), e.GetString("Email"), e.GetString("Phone"));

    public static TableEntity History(string id, int version, HistoryEntry h) => new(id, HistoryKey(id, version))
    {
        ["At"] = h.At,
        ["Event"] = Checked(h.Event, "Event"),
        ["By"] = h.By,
    };

    public static HistoryEntry ToHistory(TableEntity e) =>
        new(e.GetDateTimeOffset("At")!.Value, e.GetString("Event"), e.GetString("By"));

    private static string Checked(string value, string property) => value.Length <= MaxStringLength
        ? value
        : throw new InvalidOperationException($"{property} is {value.Length} characters, over Table Storage's limit of {MaxStringLength}.");

    private static DateOnly? Date(string? text) => text is null ? null : DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
