using Microsoft.AspNetCore.Mvc;

namespace Intake.Functions.Http;

/// <summary>
/// The one way a team action's outcome becomes the answer: <c>404</c> for an unknown submission,
/// <c>409</c> with the reason for an action that does not apply now, else <c>200</c> with the
/// submission as <c>GET /api/submissions/{id}</c> shows it (and the audit entry says it showed it).
/// </summary>
public static class TeamActionAnswers
{
    /// <summary>The answer for <paramref name="result"/>.</summary>
    public static async Task<IActionResult> OfAsync(TeamActionResult result, StaffCall call, ISubmissionStore store, PersonLinking linking, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(call);
        return result.Outcome switch
        {
            ActionOutcome.NotFound => Problems.NotFound(),
            ActionOutcome.NotApplicable => Problems.Conflict("This action does not apply to the submission now", result.Detail!),
            _ => await ApiJson.FileAsync(store, linking, call.About(result.Submission!.Id).Shows(1).SubmissionId!, cancellationToken),
        };
    }
}
