using System.Text.Json.Serialization;

namespace Intake.Core.Stores;

/// <summary>The queue of alerts to send.</summary>
public interface IAlertQueue
{
    /// <summary>Asks for an alert to be sent.</summary>
    Task EnqueueAsync(AlertRequest alert, CancellationToken cancellationToken);
}
