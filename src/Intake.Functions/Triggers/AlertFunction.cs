using Intake.Functions.Storage;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace Intake.Functions.Triggers;

/// <summary>
/// Sends each alert on the <c>alerts</c> queue: the study team's e-mail for an urgent item, a
/// referrer's update. A message that keeps failing (the SMTP server is down, a message this
/// service did not write) goes to <c>alerts-poison</c> after the host's <c>maxDequeueCount</c>.
/// Logs name the submission and the outcome, never an address or a word of the e-mail.
/// </summary>
public sealed class AlertFunction(AlertDispatch dispatch, ISubmissionErasure erasure, ILogger<AlertFunction> logger)
{
    /// <summary>Handles one message; a second delivery of it sends nothing.</summary>
    [Function(nameof(SendAlert))]
    public async Task SendAlert([QueueTrigger(StorageNames.AlertsQueue)] AlertRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var outcome = await dispatch.HandleAsync(request, cancellationToken);
        switch (outcome)
        {
            case AlertOutcome.NotFound when await erasure.ErasedAsync(request.SubmissionId, cancellationToken) is not null:
                // Erased after it was queued: nothing is sent about a person whose data has ended.
                logger.LogInformation("{Kind} alert for {Id}: erased, nothing sent", request.Kind, request.SubmissionId);
                break;
            case AlertOutcome.NotFound:
                // Alerts are queued only for stored submissions: retry, then poison, where the team sees it.
                throw new KeyNotFoundException($"No submission {request.SubmissionId} is stored for its {request.Kind} alert.");
            case AlertOutcome.NoRecipient:
                logger.LogWarning("{Kind} alert for {Id}: no e-mail address to send it to", request.Kind, request.SubmissionId);
                break;
            case AlertOutcome.NotConfirmed:
                logger.LogWarning("{Kind} alert for {Id}: not sent, the referrer's address is not confirmed", request.Kind, request.SubmissionId);
                break;
            default:
                logger.LogInformation("{Kind} alert for {Id}: {Outcome}", request.Kind, request.SubmissionId, outcome);
                break;
        }
    }
}
