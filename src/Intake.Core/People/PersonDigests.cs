using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Intake.Core.People;

/// <summary>
/// The keyed digests of the people index (<see cref="PersonKeys"/>): HMAC-SHA-256 with the
/// service's person key, so that a stored digest of a date of birth, e-mail, phone or name cannot
/// be reversed by trying every value (a date of birth has about 40,000) without the key. The key
/// comes from configuration (Key Vault in Azure, a git-ignored local file otherwise).
/// </summary>
public sealed class PersonDigests
{
    /// <summary>The fewest bytes a person key may have.</summary>
    public const int MinimumKeyBytes = 32;

    private readonly byte[] _key;

    /// <summary>Digests with <paramref name="key"/> (at least <see cref="MinimumKeyBytes"/> bytes).</summary>
    public PersonDigests(byte[] key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length < MinimumKeyBytes)
        {
            throw new ArgumentException($"A person key needs at least {MinimumKeyBytes} bytes.", nameof(key));
        }
        _key = [.. key];
    }

    /// <summary>The keyed digest of <paramref name="text"/>, lowercase hex; <c>null</c> for nothing.</summary>
    public string? Digest(string? text) =>
        string.IsNullOrEmpty(text) ? null : Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(text)));

    /// <summary>
    /// The keyed digest of a date of birth, for storage keys: a key travels in request addresses, which
    /// the storage SDK's request log shows, and a date of birth must never reach a log in clear.
    /// </summary>
    public string BirthDigest(DateOnly dateOfBirth) => Digest(BirthText(dateOfBirth))!;

    /// <summary>
    /// The plain SHA-256 digest of a date of birth that the people index was keyed by before person
    /// keys: only to find and migrate the entries written then (<see cref="PersonKeysMigration"/>).
    /// </summary>
    public static string PlainBirthDigest(DateOnly dateOfBirth) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(BirthText(dateOfBirth))));

    private static string BirthText(DateOnly dateOfBirth) => "born " + dateOfBirth.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
