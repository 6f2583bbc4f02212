namespace Intake.Core;

/// <summary>
/// The queues of messages that kept failing: the Functions host moves a message to
/// <c>{queue}-poison</c> after <c>maxDequeueCount</c> failed tries. The team sees their counts so
/// that nothing is lost silently; the messages carry ids only.
/// </summary>
public interface IPoisonQueues
{
    /// <summary>
    /// The approximate number of messages in each poison queue, keyed by the queue the messages
    /// failed on (<c>precheck</c>, not <c>precheck-poison</c>); 0 for one not yet created.
    /// </summary>
    Task<IReadOnlyDictionary<string, int>> CountsAsync(CancellationToken cancellationToken);
}
