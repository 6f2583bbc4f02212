using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Intake.Core.Contract;

/// <summary>
/// Reads a whole submission body strictly (api.md): the id, the answers, the patient's contact
/// details and consent, and for a referral the referrer. Every problem is a field error.
/// </summary>
public static partial class SubmissionReader
{
    private static readonly string[] ScreeningFields = ["id", "answers", "contact", "consentToContact"];
    private static readonly string[] ReferralFields = ["id", "answers", "patient", "referrer", "patientAwareOfReferral"];
    private static readonly string[] ContactFields = ["name", "email", "phone", "preferredLanguage"];
    private static readonly string[] ReferrerFields = ["name", "institution", "email", "phone"];

    /// <summary>Options for reading JSON bodies: no duplicate keys, shallow nesting.</summary>
    public static JsonDocumentOptions DocumentOptions { get; } = new() { AllowDuplicateProperties = false, MaxDepth = 16 };

    /// <summary>Reads a submission of <paramref name="kind"/>; <c>null</c> with every problem in <paramref name="errors"/>.</summary>
    public static SubmissionDraft? Read(JsonElement body, SubmissionKind kind, DateOnly today, FieldErrors errors)
    {
        var referral = kind == SubmissionKind.Referral;
        // Counted before the body is opened: opening reports its unknown members.
        var before = errors.Count;
        if (!StrictJsonObject.TryOpen(body, "", errors, referral ? ReferralFields : ScreeningFields, out var json))
        {
            return null;
        }
        var id = ReadId(json);
        Answers? answers = null;
        if (json.Get("answers") is { } answersJson)
        {
            answers = AnswersReader.Read(answersJson, "answers", kind, today, errors);
        }
        else
        {
            json.Fail("answers", "is required: the answers to the screening questions.");
        }

        var contactField = referral ? "patient" : "contact";
        var contact = ReadContact(json, contactField);
        var referrer = referral ? ReadReferrer(json) : null;
        var consentField = referral ? "patientAwareOfReferral" : "consentToContact";
        if (json.Boolean(consentField) != true && errors.For(json.PathOf(consentField)).Count == 0)
        {
            json.Fail(consentField, referral
                ? "must be true: refer a patient only once they know of the referral."
                : "must be true: the study team can contact you only with your permission.");
        }
        return errors.Count == before && answers is not null && contact is not null && (!referral || referrer is not null)
            ? new SubmissionDraft(id, kind, answers, contact, referrer)
            : null;
    }

    private static string? ReadId(StrictJsonObject json)
    {
        if (!json.Has("id"))
        {
            return null;
        }
        var text = ValidString(json.Get("id")!.Value);
        var id = SubmissionId.Normalise(text);
        if (id is null)
        {
            json.Fail("id", "must be a UUID such as 3f1c2a4e-8b7d-4c1a-9e2f-5a6b7c8d9e0f, or left out.");
        }
        return id;
    }

    private static Contact? ReadContact(StrictJsonObject json, string field)
    {
        if (!json.Has(field))
        {
            json.Fail(field, "is required: a name and an e-mail address or phone number.");
            return null;
        }
        if (!json.TryObject(field, ContactFields, out var contact))
        {
            return null;
        }
        var name = RequiredText(contact, "name", 200, "is required: the patient's name.");
        var (email, phone) = ReadReachability(contact);
        var language = contact.Text("preferredLanguage", 35);
        if (language is not null && !LanguageTag().IsMatch(language))
        {
            contact.Fail("preferredLanguage", "must be a language tag such as en or es.");
        }
        return name is null ? null : new Contact(name, email, phone, language);
    }

    private static Referrer? ReadReferrer(StrictJsonObject json)
    {
        if (!json.Has("referrer"))
        {
            json.Fail("referrer", "is required: the referring oncologist's name, institution and an e-mail address or phone number.");
            return null;
        }
        if (!json.TryObject("referrer", ReferrerFields, out var referrer))
        {
            return null;
        }
        var name = RequiredText(referrer, "name", 200, "is required: the referring oncologist's name.");
        var institution = RequiredText(referrer, "institution", 200, "is required: the referring institution or practice.");
        var (email, phone) = ReadReachability(referrer);
        return name is null || institution is null ? null : new Referrer(name, institution, email, phone);
    }

    private static (string? Email, string? Phone) ReadReachability(StrictJsonObject json)
    {
        var email = json.Text("email", 254);
        if (email is not null && !Email().IsMatch(email))
        {
            json.Fail("email", "must be an e-mail address such as name@example.org.");
        }
        var phone = json.Text("phone", 40);
        if (phone is not null && (!PhoneCharacters().IsMatch(phone) || phone.Count(char.IsAsciiDigit) is < 7 or > 15))
        {
            json.Fail("phone", "must be a phone number of 7 to 15 digits, such as +1 507 555 0100.");
        }
        if (!json.Has("email") && !json.Has("phone"))
        {
            json.FailObject("give an e-mail address or a phone number (or both).");
        }
        return (email, phone);
    }

    private static string? RequiredText(StrictJsonObject json, string field, int maxLength, string missing)
    {
        var text = json.Text(field, maxLength);
        if (text is null && !json.Has(field))
        {
            json.Fail(field, missing);
        }
        else if (text is null && json.Get(field) is { } value && ValidString(value)?.Trim().Length == 0)
        {
            json.Fail(field, missing);
        }
        return text;
    }

    /// <summary>
    /// A JSON string's text, or <c>null</c> when it is not a string or not valid text (an escaped
    /// unpaired surrogate, or invalid UTF-8, on which <see cref="JsonElement.GetString"/> throws).
    /// </summary>
    private static string? ValidString(JsonElement value) =>
        value.ValueKind == JsonValueKind.String && StrictJsonObject.TryString(value, out var text) ? text : null;

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex Email();

    [GeneratedRegex(@"^\+?[0-9 ().\-]+$")]
    private static partial Regex PhoneCharacters();

    [GeneratedRegex(@"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")]
    private static partial Regex LanguageTag();
}
