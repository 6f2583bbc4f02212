using System.Reflection;

namespace Intake.Functions.Tests;

/// <summary>A store of any interface whose every call fails as storage does in an outage: a faulted task.</summary>
public class FailingStorage : DispatchProxy
{
    private Func<Exception> _failure = () => new InvalidOperationException("No failure given.");

    /// <summary>A <typeparamref name="T"/> whose every call fails with <paramref name="failure"/>.</summary>
    public static T Create<T>(Func<Exception> failure) where T : class
    {
        var proxy = Create<T, FailingStorage>();
        ((FailingStorage)(object)proxy)._failure = failure;
        return proxy;
    }

    /// <inheritdoc />
    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        var returns = targetMethod!.ReturnType;
        if (returns == typeof(Task))
        {
            return Task.FromException(_failure());
        }
        if (returns.IsGenericType && returns.GetGenericTypeDefinition() == typeof(Task<>))
        {
            return typeof(Task).GetMethod(nameof(Task.FromException), 1, [typeof(Exception)])!
                .MakeGenericMethod(returns.GetGenericArguments()[0]).Invoke(null, [_failure()]);
        }
        throw _failure();
    }
}
