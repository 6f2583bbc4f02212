using System.Text.Json.Serialization;

namespace Intake.Core.Workflows.Alerts;

/// <summary>A message on the alerts queue: ids and words only, never clinical or contact details.</summary>
/// <param name="SubmissionId">The submission it is about.</param>
/// <param name="Kind">What it is.</param>
/// <param name="RequestId">For a referrer update: the team's request, so that it is sent once.</param>
/// <param name="Status">For a referrer update: what the referrer is told.</param>
public sealed record AlertRequest(string SubmissionId, AlertKind Kind, string? RequestId = null, ReferralStatus? Status = null);
