namespace Intake.LocalHost.Tests;

/// <summary>A message the test functions take.</summary>
public sealed record TestMessage(string Name);

/// <summary>
/// Functions of the test assembly, run by the local host's own machinery exactly as the app's
/// functions are: they prove what the host does around a function, not what the app does.
/// </summary>
public sealed class TestFunctions
{
    /// <summary>Released by the test when the slow function may return.</summary>
    public static TaskCompletionSource Release { get; set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Set when the slow function has started.</summary>
    public static TaskCompletionSource<TestMessage> Started { get; set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>How often <see cref="AlwaysFails"/> ran.</summary>
    public static int Failures;

    /// <summary>Waits until released.</summary>
    public async Task Slow(TestMessage message, CancellationToken cancellationToken)
    {
        Started.TrySetResult(message);
        await Release.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Always throws.</summary>
    public Task AlwaysFails(TestMessage message)
    {
        Interlocked.Increment(ref Failures);
        throw new InvalidOperationException("This function always fails.");
    }

    /// <summary>Has a parameter no trigger fills.</summary>
    public Task Unbindable(TestMessage message, string extra) => Task.CompletedTask;
}
