namespace Intake.Functions.Http.Responses;

/// <summary>
/// The <c>202</c> of <c>POST /api/screenings</c>, <c>/api/referrals</c> and <c>/api/fhir/referrals</c>
/// (api.md): the submission's id and <c>Received</c>, never its pre-check.
/// </summary>
public sealed record SubmissionAccepted(string Id, SubmissionStatus Status);
