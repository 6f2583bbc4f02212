using System.Text.Json.Serialization;

namespace Intake.Core;

/// <summary>What an alert is about. In a queue message, its name (<c>"UrgentItem"</c>), whatever serializer reads it.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AlertKind>))]
public enum AlertKind
{
    /// <summary>An item became urgent on the worklist: the study team is told at once.</summary>
    UrgentItem,
    /// <summary>The team chose to tell a referral's referrer where it stands.</summary>
    ReferrerUpdate,
}

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

/// <summary>A message on the alerts queue: ids and words only, never clinical or contact details.</summary>
/// <param name="SubmissionId">The submission it is about.</param>
/// <param name="Kind">What it is.</param>
/// <param name="RequestId">For a referrer update: the team's request, so that it is sent once.</param>
/// <param name="Status">For a referrer update: what the referrer is told.</param>
public sealed record AlertRequest(string SubmissionId, AlertKind Kind, string? RequestId = null, ReferralStatus? Status = null);

/// <summary>The queue of alerts to send.</summary>
public interface IAlertQueue
{
    /// <summary>Asks for an alert to be sent.</summary>
    Task EnqueueAsync(AlertRequest alert, CancellationToken cancellationToken);
}
