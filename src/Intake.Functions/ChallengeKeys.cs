using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Intake.Functions;

/// <summary>Makes the <see cref="ProofOfWork"/> from <see cref="ChallengeOptions"/>: the configured HMAC key, or a random one for this process.</summary>
public static class ChallengeKeys
{
    /// <summary>The service's proof of work.</summary>
    public static ProofOfWork ProofOfWork(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<ChallengeOptions>>().Value;
        byte[] key;
        if (string.IsNullOrWhiteSpace(options.HmacKey))
        {
            // Fine for one process (a local run, a test); several instances must share a configured key.
            key = RandomNumberGenerator.GetBytes(32);
            services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ChallengeKeys))
                .LogWarning("Intake:Challenge:HmacKey is not set: challenges are signed with a key made for this process only");
        }
        else
        {
            key = Encoding.UTF8.GetBytes(options.HmacKey.Trim());
        }
        return new ProofOfWork(key, options.MaxNumber, TimeSpan.FromMinutes(options.ExpiresAfterMinutes), services.GetRequiredService<TimeProvider>());
    }
}
