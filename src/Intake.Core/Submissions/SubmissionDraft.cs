using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Intake.Core.Submissions;

/// <summary>A valid submission as the submitter sent it, before it is stored.</summary>
/// <param name="Id">The client's id (a lower-case UUID), or <c>null</c> to have one made.</param>
/// <param name="Kind">Self-screening or referral.</param>
/// <param name="Answers">The clinical answers.</param>
/// <param name="Contact">How to reach the patient.</param>
/// <param name="Referrer">The referring oncologist, for a referral.</param>
public sealed record SubmissionDraft(string? Id, SubmissionKind Kind, Answers Answers, Contact Contact, Referrer? Referrer)
{
    /// <summary>
    /// A digest of everything sent (not the id): equal for a retry of the same body, different otherwise.
    /// Stored with the submission, so the JSON hashed here (written by hand, with <see cref="AnswersWriter"/>)
    /// must keep its bytes: it is not an answer of the API and has no response record.
    /// </summary>
    public string Fingerprint
    {
        get
        {
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                writer.WriteString("kind", JsonEnum<SubmissionKind>.Name(Kind));
                writer.WritePropertyName("answers");
                AnswersWriter.Write(writer, Answers);
                writer.WriteString("contact", string.Join('\u001f', Contact.Name, Contact.Email, Contact.Phone, Contact.PreferredLanguage));
                if (Referrer is { } r)
                {
                    writer.WriteString("referrer", string.Join('\u001f', r.Name, r.Institution, r.Email, r.Phone));
                }
                writer.WriteEndObject();
            }
            return Convert.ToHexStringLower(SHA256.HashData(buffer.ToArray()));
        }
    }
}
