using System.Text.Json.Serialization;

namespace Intake.Core.Workflows.Alerts;

/// <summary>
/// Where a referral stands, in the words a referrer is told. In a queue message and in the HTTP API,
/// its name (<c>"UnderReview"</c>, <see cref="PascalCaseEnum{T}"/>, like every status); the API still
/// accepts the camelCase spelling it first published (<c>"underReview"</c>).
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<ReferralStatus>))]
public enum ReferralStatus
{
    /// <summary>Received.</summary>
    Received,
    /// <summary>Under review by the study team.</summary>
    UnderReview,
    /// <summary>The team has contacted the patient.</summary>
    Contacted,
    /// <summary>The patient is enrolled.</summary>
    Enrolled,
    /// <summary>The patient is not enrolled.</summary>
    NotEnrolled,
}
