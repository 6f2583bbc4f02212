using System.Security.Cryptography;
using System.Text;

namespace Intake.Core.Challenge;

/// <summary>
/// The keys of partner systems (a referring practice's integration) that may post without solving
/// a challenge. A presented key is checked against every configured key, each in constant time and
/// without stopping at a match, so the answer's timing tells nothing about the keys.
/// </summary>
public sealed class PartnerKeys
{
    private readonly byte[][] _digests;

    /// <summary>The configured keys; blank entries are ignored.</summary>
    public PartnerKeys(IEnumerable<string?> keys) =>
        _digests = [.. keys.Where(k => !string.IsNullOrWhiteSpace(k)).Select(k => Digest(k!.Trim()))];

    /// <summary>How many keys are configured.</summary>
    public int Count => _digests.Length;

    /// <summary>True when <paramref name="presented"/> is one of the keys.</summary>
    public bool Accepts(string presented)
    {
        // Comparing digests gives both sides the same length, whatever was presented.
        var digest = Digest(presented.Trim());
        var found = false;
        foreach (var key in _digests)
        {
            found |= CryptographicOperations.FixedTimeEquals(digest, key);
        }
        return found;
    }

    private static byte[] Digest(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
