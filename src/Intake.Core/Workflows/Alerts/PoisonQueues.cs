namespace Intake.Core.Workflows.Alerts;

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

    /// <summary>
    /// Moves the messages of <paramref name="queue"/>'s poison queue back to <paramref name="queue"/>,
    /// after the cause of their failures was fixed, so that each gets its full number of tries again.
    /// Each is sent before it is deleted: a failure half-way leaves it in the poison queue (or, at
    /// worst, in both, which the handlers' idempotence makes harmless), never nowhere.
    /// </summary>
    /// <returns>How many moved; <c>null</c> when <paramref name="queue"/> has no poison queue.</returns>
    Task<int?> ReplayAsync(string queue, CancellationToken cancellationToken);
}
