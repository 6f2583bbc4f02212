using Azure;
using Azure.Identity;

namespace Intake.Functions.Http;

/// <summary>
/// What the storage clients throw when storage cannot be reached or answer in time, as opposed to a
/// bug: every route answers the first with <c>503</c> and <c>Retry-After</c> (public routes through
/// <see cref="Problems.Unavailable"/>, staff routes through <see cref="StaffRoute"/>), and the health
/// probe (<see cref="Storage.StorageHealth"/>) takes the same failures for "storage does not answer".
/// </summary>
public static class StorageFailure
{
    /// <summary>
    /// True for a refusal or an unreachable account (<see cref="RequestFailedException"/>,
    /// <see cref="HttpRequestException"/>), no token for the app's identity (<see cref="AuthenticationFailedException"/>:
    /// storage cannot be asked at all), a timeout or exhausted retries, and a cancellation the caller
    /// did not ask for (a client timeout); false for anything else.
    /// </summary>
    public static bool Is(Exception e, CancellationToken cancellationToken) =>
        e is RequestFailedException or HttpRequestException or AuthenticationFailedException or TimeoutException or AggregateException
        || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested);
}
