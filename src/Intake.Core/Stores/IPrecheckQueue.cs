namespace Intake.Core.Stores;

/// <summary>The queue of submissions waiting for their pre-check. Messages carry the id only.</summary>
public interface IPrecheckQueue
{
    /// <summary>Asks for the submission's pre-check.</summary>
    Task EnqueueAsync(string submissionId, CancellationToken cancellationToken);
}
