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
    public const string RecordKey = "record";
    public const string ContactKey = "contact";
    public const string ReferrerKey = "referrer";
    public const string HistoryPrefix = "history-";
    public const string TombstoneKey = "tombstone";

    /// <summary>On a record whose person keys are keyed digests (<see cref="PersonDigests"/>); absent on one written before.</summary>
    public const string PersonKeyedProperty = "PersonKeyed";

    /// <summary>Whether a record's person keys are keyed digests (not the plain ones written before person keys).</summary>
    public static bool HasKeyedPersonKeys(TableEntity record) => record.GetBoolean(PersonKeyedProperty) == true;

    /// <summary>Azure Table Storage holds at most 64 KiB in one string property (32 K UTF-16 characters).</summary>
    private const int MaxStringLength = 32 * 1024;

    /// <summary>The row key of the history entry that brings the record to <paramref name="version"/>: ordered, and unique per version.</summary>
    public static string HistoryKey(int version) => HistoryPrefix + version.ToString("D6", CultureInfo.InvariantCulture);

    public static TableEntity Record(Submission s)
    {
        var entity = new TableEntity(s.Id, RecordKey)
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

    public static TableEntity ContactEntity(string id, Contact c) => new(id, ContactKey)
    {
        ["Name"] = c.Name,
        ["Email"] = c.Email,
        ["Phone"] = c.Phone,
        ["PreferredLanguage"] = c.PreferredLanguage,
    };

    public static Contact ToContact(TableEntity e) =>
        new(e.GetString("Name"), e.GetString("Email"), e.GetString("Phone"), e.GetString("PreferredLanguage"));

    public static TableEntity ReferrerEntity(string id, Referrer r) => new(id, ReferrerKey)
    {
        ["Name"] = r.Name,
        ["Institution"] = r.Institution,
        ["Email"] = r.Email,
        ["Phone"] = r.Phone,
    };

    public static Referrer ToReferrer(TableEntity e) =>
        new(e.GetString("Name"), e.GetString("Institution"), e.GetString("Email"), e.GetString("Phone"));

    public static TableEntity History(string id, int version, HistoryEntry h) => new(id, HistoryKey(version))
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
