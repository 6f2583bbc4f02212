namespace Intake.Functions.Storage;

/// <summary>Whether the app's storage answers now: what <c>GET /api/health</c> reports.</summary>
public interface IStorageHealth
{
    /// <summary>True when the table service and the queue service both answered a cheap call in time.</summary>
    Task<bool> AnswersAsync(CancellationToken cancellationToken);
}
