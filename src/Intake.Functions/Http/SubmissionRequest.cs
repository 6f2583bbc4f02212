using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Intake.Functions.Http;

/// <summary>A staff request about one submission with a JSON body: the id from the route, the body read within the API's limits.</summary>
public static class SubmissionRequest
{
    /// <summary>
    /// The submission id (a lower-case UUID) and the parsed body, or the problem to answer:
    /// <c>404</c> for an id that cannot be one, else <see cref="JsonBody"/>'s 400, 413 or 415.
    /// </summary>
    public static async Task<(string Id, JsonDocument Body, IActionResult? Problem)> ReadAsync(HttpRequest request, string id, CancellationToken cancellationToken)
    {
        if (SubmissionId.Normalise(id) is not { } key)
        {
            return ("", null!, Problems.NotFound());
        }
        var (document, problem) = await JsonBody.ReadAsync(request, cancellationToken);
        return (key, document!, problem);
    }

    /// <summary>
    /// A body of exactly one required text member, <paramref name="field"/> (1 to <paramref name="maxLength"/>
    /// characters, trimmed), as the not-genuine mark, the erase and the referrer confirmation take:
    /// the id and the text, or the problem to answer (those of <see cref="ReadAsync"/>, or a <c>400</c>
    /// naming the member, titled <paramref name="title"/>, whose message for a missing, null or blank
    /// value is "is required: " and <paramref name="whatItIs"/>). Once the body is read, the audit
    /// entry of <paramref name="call"/> is about that submission, also when the member is refused.
    /// </summary>
    public static async Task<(string Id, string Text, IActionResult? Problem)> ReadRequiredTextAsync(HttpRequest request, StaffCall call, string id,
        string field, int maxLength, string whatItIs, string title, CancellationToken cancellationToken)
    {
        var (key, text, problem) = await ReadObjectAsync(request, call, id, [field], (json, _) =>
        {
            var text = json.Text(field, maxLength);
            if (text is null && !json.Failed(field))
            {
                json.Fail(field, $"is required: {whatItIs}");
            }
            return text;
        }, title, cancellationToken);
        return (key, text ?? "", problem);
    }

    /// <summary>
    /// The one way a staff route reads a body about a submission. A body of one JSON object whose members must all be in <paramref name="fields"/>, read by
    /// <paramref name="read"/> (which reports each problem with <see cref="StrictJsonObject.Fail"/> under
    /// the member's JSON path): the id and what <paramref name="read"/> made of it, or the problem to
    /// answer (those of <see cref="ReadAsync"/>, or a <c>400</c> titled <paramref name="title"/> naming
    /// every member in error). Once the body is read, the audit entry of <paramref name="call"/> is about
    /// that submission, also when the body is refused.
    /// </summary>
    public static async Task<(string Id, T? Value, IActionResult? Problem)> ReadObjectAsync<T>(HttpRequest request, StaffCall call, string id,
        IReadOnlyCollection<string> fields, Func<StrictJsonObject, JsonElement, T> read, string title, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(read);
        var (key, document, problem) = await ReadAsync(request, id, cancellationToken);
        if (problem is not null)
        {
            return (key, default, problem);
        }
        call.About(key);
        using (document)
        {
            var errors = new FieldErrors();
            var value = StrictJsonObject.TryOpen(document.RootElement, "", errors, fields, out var json) ? read(json, document.RootElement) : default;
            return errors.IsEmpty ? (key, value, null) : (key, default, Problems.Validation(errors, title));
        }
    }
}
