using Intake.Core;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace Intake.Functions.Functions;

/// <summary>
/// Daily at 03:30 UTC, removes the submissions marked not genuine more than 30 days ago
/// (<see cref="NotGenuineRemoval"/>), each on its own. Logs counts and the ids it could not remove,
/// never patient data.
/// </summary>
public sealed class NotGenuineRemovalFunction(NotGenuineRemoval removal, ILogger<NotGenuineRemovalFunction> logger)
{
    /// <summary>Runs one pass.</summary>
    [Function(nameof(RemoveNotGenuine))]
    public async Task RemoveNotGenuine([TimerTrigger("0 30 3 * * *")] TimerInfo timer, CancellationToken cancellationToken)
    {
        var report = await removal.RunAsync(cancellationToken);
        foreach (var id in report.Failed)
        {
            logger.LogWarning("Submission {Id} marked not genuine could not be removed; the next pass tries again", id);
        }
        logger.LogInformation("Removal of submissions marked not genuine: {Removed} removed, {Kept} kept for review, {Failed} failed",
            report.Removed, report.Kept, report.Failed.Count);
    }
}
