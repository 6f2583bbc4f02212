using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Intake.Core.Challenge;

/// <summary>
/// The ALTCHA proof of work of the public forms (api-2.md): makes signed, expiring challenges and
/// checks a solution the widget sends (its base64 JSON payload). A solution is right when
/// SHA-256(salt + number) is the challenge and the HMAC-SHA-256 of the challenge with the
/// service's key is the signature, both compared in constant time; the expiry is read from the
/// salt, which the challenge's hash covers. Whether a solution was used before is not decided here
/// (see <see cref="IUsedChallenges"/>).
/// </summary>
public sealed partial class ProofOfWork
{
    /// <summary>The only algorithm given and taken.</summary>
    public const string Algorithm = "SHA-256";

    /// <summary>The longest X-Altcha value read (a real payload is about 400 characters).</summary>
    public const int MaxPayloadLength = 2048;

    /// <summary>The message when no solution came with the request.</summary>
    public const string MissingMessage =
        "No solved challenge came with the request. Send it again from the form, which solves one automatically; " +
        "a program gets a challenge from GET /api/challenge and sends its solution in the X-Altcha header.";

    /// <summary>The message for a payload that cannot be read.</summary>
    public const string MalformedMessage =
        "The X-Altcha header is not a readable ALTCHA solution (base64 of a JSON object with algorithm, challenge, number, salt and signature). " +
        "Send the request again from the form, or solve a new challenge from GET /api/challenge.";

    /// <summary>The message for a solution that is not right or not signed by this service.</summary>
    public const string WrongMessage =
        "The solved challenge is not right, or was not issued by this service. Send the request again from the form, " +
        "or solve a new challenge from GET /api/challenge.";

    /// <summary>The message for a challenge past its expiry.</summary>
    public const string ExpiredMessage =
        "The challenge expired before the request was sent. Send it again: the form solves a new one automatically.";

    /// <summary>The message for a solution already accepted once.</summary>
    public const string ReusedMessage =
        "This solved challenge was already used: each request needs a new one. Send it again from the form, " +
        "or solve a new challenge from GET /api/challenge.";

    private readonly byte[] _key;
    private readonly int _maxNumber;
    private readonly TimeSpan _lifetime;
    private readonly TimeProvider _time;

    /// <summary>Creates the proof of work with the service's HMAC key, its cost and how long a challenge lives.</summary>
    public ProofOfWork(ReadOnlySpan<byte> hmacKey, int maxNumber, TimeSpan lifetime, TimeProvider time)
    {
        if (hmacKey.Length < 16)
        {
            throw new ArgumentException("The HMAC key must be at least 16 bytes.", nameof(hmacKey));
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(maxNumber, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lifetime, TimeSpan.Zero);
        _key = hmacKey.ToArray();
        _maxNumber = maxNumber;
        _lifetime = lifetime;
        _time = time;
    }

    /// <summary>The cost: the largest number a solver may have to try.</summary>
    public int MaxNumber => _maxNumber;

    /// <summary>A new challenge: a random salt that carries its expiry, a random secret number, signed.</summary>
    public ProofOfWorkChallenge Create()
    {
        var expires = _time.GetUtcNow().Add(_lifetime).ToUnixTimeSeconds();
        // The salt ends with '&': moving digits of the number into the salt cannot change "expires".
        var salt = $"{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12))}?expires={expires.ToString(CultureInfo.InvariantCulture)}&";
        var number = RandomNumberGenerator.GetInt32(0, _maxNumber + 1);
        var challenge = Convert.ToHexStringLower(HashOf(salt, number));
        return new ProofOfWorkChallenge(Algorithm, challenge, _maxNumber, salt, Convert.ToHexStringLower(SignatureOf(challenge)));
    }

    /// <summary>Checks the X-Altcha value <paramref name="payload"/>: right, signed by this service and unexpired.</summary>
    public ChallengeCheck Check(string? payload)
    {
        if (string.IsNullOrWhiteSpace(payload))
        {
            return ChallengeCheck.Refused(MissingMessage);
        }
        if (Read(payload.Trim()) is not { } solution)
        {
            return ChallengeCheck.Refused(MalformedMessage);
        }
        if (!string.Equals(solution.Algorithm, Algorithm, StringComparison.OrdinalIgnoreCase)
            || SaltFormat().Match(solution.Salt) is not { Success: true } salt
            || !TryHex(solution.Challenge, out var claimed)
            || !TryHex(solution.Signature, out var signature))
        {
            return ChallengeCheck.Refused(WrongMessage);
        }
        // Both comparisons always run, in constant time: the answer's timing tells nothing about the key.
        var hashMatches = CryptographicOperations.FixedTimeEquals(HashOf(solution.Salt, solution.Number), claimed);
        var signatureMatches = CryptographicOperations.FixedTimeEquals(SignatureOf(solution.Challenge.ToLowerInvariant()), signature);
        if (!(hashMatches & signatureMatches))
        {
            return ChallengeCheck.Refused(WrongMessage);
        }
        var expires = DateTimeOffset.FromUnixTimeSeconds(long.Parse(salt.Groups["expires"].ValueSpan, CultureInfo.InvariantCulture));
        if (expires <= _time.GetUtcNow())
        {
            return ChallengeCheck.Refused(ExpiredMessage);
        }
        return new ChallengeCheck(solution.Challenge.ToLowerInvariant(), expires, null);
    }

    private static byte[] HashOf(string salt, long number) =>
        SHA256.HashData(Encoding.UTF8.GetBytes(salt + number.ToString(CultureInfo.InvariantCulture)));

    private byte[] SignatureOf(string challenge) => HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(challenge));

    private static bool TryHex(string text, out byte[] bytes)
    {
        bytes = [];
        if (text.Length != 64)
        {
            return false;
        }
        try
        {
            bytes = Convert.FromHexString(text);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private sealed record Solution(string Algorithm, string Challenge, long Number, string Salt, string Signature);

    private static Solution? Read(string payload)
    {
        if (payload.Length > MaxPayloadLength)
        {
            return null;
        }
        byte[] json;
        try
        {
            json = Convert.FromBase64String(payload);
        }
        catch (FormatException)
        {
            return null;
        }
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !TryString(root, "algorithm", out var algorithm)
                || !TryString(root, "challenge", out var challenge)
                || !TryString(root, "salt", out var salt)
                || !TryString(root, "signature", out var signature)
                || !root.TryGetProperty("number", out var number)
                || number.ValueKind != JsonValueKind.Number
                || !number.TryGetInt64(out var value)
                || value < 0)
            {
                return null;
            }
            return new Solution(algorithm, challenge, value, salt, signature);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static bool TryString(JsonElement root, string name, out string value)
    {
        value = "";
        if (!root.TryGetProperty(name, out var element) || element.ValueKind != JsonValueKind.String)
        {
            return false;
        }
        value = element.GetString()!;
        return true;
    }

    [GeneratedRegex(@"^[0-9a-f]{24}\?expires=(?<expires>[0-9]{1,11})&$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex SaltFormat();
}
