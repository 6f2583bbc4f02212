namespace Intake.Functions.Http.Responses;

/// <summary>The <c>202</c> of <c>POST /api/submissions/{id}/referrer-updates</c>: the request's id, the submission's, and the status the referrer is told (PascalCase).</summary>
public sealed record ReferrerUpdateAccepted(string RequestId, string SubmissionId, ReferralStatus Status);
