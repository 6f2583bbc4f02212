using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Intake.Functions.Http;

/// <summary>
/// The public routes' limit per client: a token bucket per client (an IPv4 address, an IPv6 /64) that holds
/// <see cref="RateLimitOptions.PermitsPerMinute"/> and refills at that rate. Kept in the app's
/// memory, so each instance counts on its own; it stops one client from flooding the intake,
/// not a distributed attack (that is the front end's job, see docs/deploy.md).
/// </summary>
public sealed class SubmissionRateLimit : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;
    private readonly string? _header;
    private readonly int _hops;

    /// <summary>Creates the limit from its options.</summary>
    public SubmissionRateLimit(IOptions<RateLimitOptions> options)
    {
        var permits = options.Value.PermitsPerMinute;
        _header = string.IsNullOrWhiteSpace(options.Value.ClientAddressHeader) ? null : options.Value.ClientAddressHeader.Trim();
        _hops = options.Value.TrustedProxyHops;
        // The limiter's timer ticks about ten times a second and adds one period's tokens per
        // tick, so a period is never shorter than a second: fast rates add more tokens per second.
        var (period, tokens) = permits >= 60
            ? (TimeSpan.FromSeconds(1), (permits + 59) / 60)
            : (TimeSpan.FromSeconds(60.0 / permits), 1);
        _limiter = PartitionedRateLimiter.Create<string, string>(client => RateLimitPartition.GetTokenBucketLimiter(client, _ =>
            new TokenBucketRateLimiterOptions
            {
                TokenLimit = permits,
                TokensPerPeriod = tokens,
                ReplenishmentPeriod = period,
                QueueLimit = 0,
                AutoReplenishment = true,
            }));
    }

    /// <summary>
    /// Takes one permit for the client of <paramref name="request"/>: <c>null</c> when it may go on,
    /// otherwise the whole seconds it should wait before it sends again.
    /// </summary>
    public int? TryAdmit(HttpRequest request)
    {
        using var lease = _limiter.AttemptAcquire(ClientOf(request));
        if (lease.IsAcquired)
        {
            return null;
        }
        return lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : 60;
    }

    /// <summary>
    /// The client's bucket (<see cref="ClientAddress.BucketOf"/>): the address in the configured header
    /// <see cref="RateLimitOptions.TrustedProxyHops"/> entries from the right (the one the outermost
    /// trusted proxy added), or the connection's address when there is no such entry or it is not an
    /// address. Requests without either share one bucket.
    /// </summary>
    public string ClientOf(HttpRequest request)
    {
        if (_header is not null)
        {
            var entries = request.Headers[_header].ToString().Split(',', StringSplitOptions.TrimEntries);
            if (entries.Length >= _hops && ClientAddress.Parse(entries[^_hops]) is { } forwarded)
            {
                return ClientAddress.BucketOf(forwarded);
            }
        }
        return request.HttpContext.Connection.RemoteIpAddress is { } connection ? ClientAddress.BucketOf(connection) : "unknown";
    }

    /// <inheritdoc />
    public void Dispose() => _limiter.Dispose();
}
