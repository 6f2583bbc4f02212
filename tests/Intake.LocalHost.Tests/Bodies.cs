using System.Text.Json.Nodes;

namespace Intake.LocalHost.Tests;

/// <summary>Request bodies as a form or a referring practice would send them.</summary>
internal static class Bodies
{
    public static readonly DateOnly Today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("America/Chicago")).DateTime);

    /// <summary>eligibility.md's all-Met baseline answers (54 years old).</summary>
    public static JsonObject BaselineAnswers() =>
        Intake.Testing.SpecExamples.BaselineJson().With("dateOfBirth", Today.AddYears(-54).AddDays(-30).ToString("yyyy-MM-dd"));

    public static JsonObject Screening(JsonObject answers, string? id = null)
    {
        var body = new JsonObject
        {
            ["answers"] = answers,
            ["contact"] = new JsonObject { ["name"] = "Ada Example", ["email"] = "ada@example.org", ["phone"] = "+1 507 555 0100", ["preferredLanguage"] = "en" },
            ["consentToContact"] = true,
        };
        if (id is not null)
        {
            body["id"] = id;
        }
        return body;
    }

    public static JsonObject Referral(JsonObject answers) => new()
    {
        ["answers"] = answers,
        ["patient"] = new JsonObject { ["name"] = "Grace Example", ["phone"] = "+1 507 555 0101" },
        ["referrer"] = new JsonObject { ["name"] = "Dr. Lin", ["institution"] = "Example Oncology", ["email"] = "lin@example.org" },
        ["patientAwareOfReferral"] = true,
    };

    public static JsonObject With(this JsonObject answers, string field, JsonNode? value)
    {
        answers[field] = value;
        return answers;
    }

    public static JsonObject Without(this JsonObject answers, string field)
    {
        answers.Remove(field);
        return answers;
    }
}
