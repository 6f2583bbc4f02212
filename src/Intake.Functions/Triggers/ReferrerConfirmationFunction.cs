using Intake.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Intake.Functions.Triggers;

/// <summary>
/// A coordinator confirms that a referral's referrer e-mail address is the referrer's own, so that
/// referrer updates may be e-mailed to it (<see cref="ReferrerUpdates.ConfirmAsync"/>).
/// </summary>
public sealed class ReferrerConfirmationFunction(ReferrerUpdates updates, ISubmissionStore store, PersonLinking linking)
{
    /// <summary>The longest e-mail address there is (RFC 5321's path limit).</summary>
    public const int MaxEmailLength = 254;

    /// <summary>
    /// <c>POST /api/submissions/{id}/referrer-confirmation</c> <c>{ "email": "…" }</c>, the referral's
    /// referrer e-mail address repeated: <c>200</c> with the submission as <c>GET</c> shows it (its
    /// <c>referrer.emailConfirmed</c> set); <c>404</c> unknown id; <c>409</c> not a referral, no referrer
    /// e-mail or marked not genuine; <c>400</c> naming <c>email</c> when it is missing or another address.
    /// </summary>
    [Function(nameof(ConfirmReferrer))]
    public Task<IActionResult> ConfirmReferrer(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/submissions/{id}/referrer-confirmation")] HttpRequest request, string id, CancellationToken cancellationToken) =>
        StaffRoute.RunAsync(request, StaffRole.Coordinator, StaffData.PatientData, call => ConfirmAsync(request, call, id, cancellationToken), cancellationToken);

    private async Task<IActionResult> ConfirmAsync(HttpRequest request, StaffCall call, string id, CancellationToken cancellationToken)
    {
        var (key, email, problem) = await SubmissionRequest.ReadRequiredTextAsync(request, call, id, "email", MaxEmailLength,
            "the referrer's e-mail address as the referral gives it, once you have checked it is theirs.", "The confirmation has problems: see errors.", cancellationToken);
        if (problem is not null)
        {
            return problem;
        }
        var result = await updates.ConfirmAsync(key, email, call.Staff.Name, cancellationToken);
        switch (result.Outcome)
        {
            case ActionOutcome.NotFound:
                return Problems.NotFound();
            case ActionOutcome.NotApplicable when result.OtherAddress:
                var errors = new FieldErrors();
                errors.Add("email", result.Detail!);
                return Problems.Validation(errors, "The confirmation has problems: see errors.");
            case ActionOutcome.NotApplicable:
                return Problems.Conflict("There is no referrer address to confirm on this submission", result.Detail!);
        }
        return await ApiJson.FileAsync(store, linking, call.Shows(1).SubmissionId!, cancellationToken);
    }
}
