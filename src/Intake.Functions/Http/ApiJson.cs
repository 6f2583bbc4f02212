using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;

namespace Intake.Functions.Http;

/// <summary>The JSON the staff routes answer with, exactly in api.md's shapes.</summary>
public static class ApiJson
{
    /// <summary>200 with a JSON body written by <paramref name="write"/>.</summary>
    public static ContentResult Ok(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }
        return new ContentResult { StatusCode = 200, ContentType = "application/json; charset=utf-8", Content = Encoding.UTF8.GetString(buffer.ToArray()) };
    }

    /// <summary>200 with <paramref name="response"/> written by its source-generated serialiser (<see cref="Responses.ResponseJson"/>).</summary>
    public static ContentResult Ok<T>(T response, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type) =>
        new() { StatusCode = 200, ContentType = "application/json; charset=utf-8", Content = JsonSerializer.Serialize(response, type) };

    /// <summary>
    /// The answer of <c>GET /api/submissions/{id}</c> (and of every team action): the submission's
    /// whole file with the same person's other submissions, or 404 for an unknown id.
    /// </summary>
    public static async Task<IActionResult> FileAsync(ISubmissionStore store, PersonLinking linking, string id, CancellationToken cancellationToken)
    {
        if (await store.GetFileAsync(id, cancellationToken) is not { } file)
        {
            return Problems.NotFound();
        }
        var linked = await linking.LinkedToAsync(file.Submission, cancellationToken);
        return Ok(w => WriteFile(w, file, linked));
    }

    /// <summary><c>GET /api/submissions/{id}</c>.</summary>
    public static void WriteFile(Utf8JsonWriter w, SubmissionFile file, IReadOnlyList<string> linkedSubmissions)
    {
        var s = file.Submission;
        w.WriteStartObject();
        w.WriteString("id", s.Id);
        w.WriteString("kind", JsonEnum<SubmissionKind>.Name(s.Kind));
        w.WriteString("receivedAt", s.ReceivedAt);
        w.WriteString("status", s.Status.ToString());
        if (s.NotGenuine is { } mark)
        {
            // Kept for review until its removal; reopening puts it back.
            w.WriteStartObject("notGenuine");
            w.WriteString("markedAt", mark.At);
            w.WriteString("by", mark.By);
            w.WriteString("reason", mark.Reason);
            w.WriteString("removalDue", NotGenuineRemoval.RemovalDue(mark.At));
            w.WriteEndObject();
        }
        w.WritePropertyName("answers");
        AnswersWriter.Write(w, s.Answers);
        w.WriteStartObject("contact");
        w.WriteString("name", file.Contact.Name);
        WriteOptional(w, "email", file.Contact.Email);
        WriteOptional(w, "phone", file.Contact.Phone);
        WriteOptional(w, "preferredLanguage", file.Contact.PreferredLanguage);
        w.WriteEndObject();
        if (file.Referrer is { } r)
        {
            w.WriteStartObject("referrer");
            w.WriteString("name", r.Name);
            w.WriteString("institution", r.Institution);
            WriteOptional(w, "email", r.Email);
            WriteOptional(w, "phone", r.Phone);
            if (ReferrerUpdates.IsConfirmed(file) && s.ReferrerConfirmed is { } confirmed)
            {
                // Referrer updates go only to a confirmed address.
                w.WriteStartObject("emailConfirmed");
                w.WriteString("at", confirmed.At);
                w.WriteString("by", confirmed.By);
                w.WriteEndObject();
            }
            else
            {
                w.WriteNull("emailConfirmed");
            }
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("referrer");
        }
        if (s.Precheck is { } precheck)
        {
            w.WriteStartObject("precheck");
            PrecheckJson.WriteMembers(w, precheck);
            if (s.EvaluatedAt is { } at)
            {
                w.WriteString("evaluatedAt", at);
            }
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("precheck");
        }
        w.WriteString("teamStatus", s.TeamStatus.ToString());
        WriteWork(w, s.AssignedTo, s.LastContactAttempt, s.NextContactOn, withNote: true);
        w.WriteBoolean("reopened", s.Reopened);
        w.WriteStartArray("followUps");
        foreach (var question in s.Precheck is { } p ? FollowUps.For(s.Kind, p) : [])
        {
            w.WriteStringValue(question);
        }
        w.WriteEndArray();
        w.WriteString("personId", s.PersonId ?? s.Id);
        w.WriteStartArray("linkedSubmissions");
        foreach (var linked in linkedSubmissions)
        {
            w.WriteStringValue(linked);
        }
        w.WriteEndArray();
        w.WriteStartArray("history");
        foreach (var entry in file.History)
        {
            w.WriteStartObject();
            w.WriteString("at", entry.At);
            w.WriteString("event", entry.Event);
            w.WriteString("by", entry.By);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary><c>GET /api/worklist</c> and <c>GET /api/screened-out</c>.</summary>
    public static void WriteList(Utf8JsonWriter w, WorklistPage page, bool withReasons)
    {
        ArgumentNullException.ThrowIfNull(page);
        w.WriteStartObject();
        w.WriteStartArray("items");
        foreach (var item in page.Items)
        {
            WriteItem(w, item, page.Contacts.GetValueOrDefault(item.Id), withReasons);
        }
        w.WriteEndArray();
        WriteOptional(w, "next", page.Next);
        w.WriteEndObject();
    }

    /// <summary>One list item (api.md, api-2.md): its line and its person's contact details. The one place an item's JSON is built.</summary>
    public static void WriteItem(Utf8JsonWriter w, WorklistItem item, Contact? contact, bool withReasons)
    {
        w.WriteStartObject();
        w.WriteString("id", item.Id);
        w.WriteString("kind", JsonEnum<SubmissionKind>.Name(item.Kind));
        if (item.Priority is { } p)
        {
            w.WriteString("priority", p.ToString());
        }
        else
        {
            w.WriteNull("priority");
        }
        w.WriteString("result", item.Result.ToString());
        w.WriteString("receivedAt", item.ReceivedAt);
        if (item.ScheduledBiopsyDate is { } date)
        {
            w.WriteString("scheduledBiopsyDate", date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }
        else
        {
            w.WriteNull("scheduledBiopsyDate");
        }
        w.WriteString("teamStatus", item.TeamStatus.ToString());
        w.WriteString("summary", item.Summary);
        w.WriteStartArray("followUps");
        foreach (var question in item.FollowUps)
        {
            w.WriteStringValue(question);
        }
        w.WriteEndArray();
        w.WriteString("personId", item.PersonId);
        w.WriteBoolean("reopened", item.Reopened);
        WriteWork(w, item.AssignedTo, item.LastContactAttempt, item.NextContactOn, withNote: false);
        // The person and how to reach them, for the team page (api-2.md); read from the contact entity, never stored on the line.
        WriteOptional(w, "name", contact?.Name);
        WriteOptional(w, "email", contact?.Email);
        WriteOptional(w, "phone", contact?.Phone);
        if (withReasons)
        {
            w.WriteStartArray("notMetReasons");
            foreach (var reason in item.NotMetReasons)
            {
                w.WriteStringValue(reason);
            }
            w.WriteEndArray();
        }
        w.WriteEndObject();
    }

    /// <summary>
    /// Working the item (api-2.md): <c>assignedTo</c>, <c>lastContactAttempt</c> (<c>channel</c>,
    /// <c>outcome</c>, <c>at</c>, <c>by</c>, and with <paramref name="withNote"/> its <c>note</c>: the
    /// detail's, never a list line's) and <c>nextContactOn</c>, each <c>null</c> when there is none.
    /// </summary>
    private static void WriteWork(Utf8JsonWriter w, string? assignedTo, ContactAttempt? attempt, DateOnly? nextContactOn, bool withNote)
    {
        WriteOptional(w, "assignedTo", assignedTo);
        if (attempt is null)
        {
            w.WriteNull("lastContactAttempt");
        }
        else
        {
            w.WriteStartObject("lastContactAttempt");
            w.WriteString("channel", JsonEnum<ContactChannel>.Name(attempt.Channel));
            w.WriteString("outcome", JsonEnum<ContactOutcome>.Name(attempt.Outcome));
            w.WriteString("at", attempt.At);
            w.WriteString("by", attempt.By);
            if (withNote)
            {
                WriteOptional(w, "note", attempt.Note);
            }
            w.WriteEndObject();
        }
        WriteOptional(w, "nextContactOn", nextContactOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
    }

    private static void WriteOptional(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }
}
