using System.Security.Cryptography;
using System.Text;

namespace Intake.Functions.Storage;

/// <summary>
/// The cursors of the team lists' pages (<see cref="ITeamLists.PageAsync"/>): the row key of a page's
/// last line, sealed with AES-256-GCM under a key derived from the person key
/// (<see cref="PersonDigests"/>, the same on every instance). Sealed rather than only signed because a
/// worklist row key holds the scheduled biopsy date and the cursor travels in request addresses,
/// which logs record. The list and its filter are the sealed data's associated data, so a cursor
/// continues only the query it came from; a made-up, edited or other query's cursor opens to nothing.
/// </summary>
public sealed class ListCursors
{
    private const int NonceBytes = 12;
    private const int TagBytes = 16;
    private const int MaxCursorLength = 512;
    private readonly byte[] _key;

    /// <summary>Cursors sealed with a key derived from the person key of <paramref name="digests"/>.</summary>
    public ListCursors(PersonDigests digests)
    {
        ArgumentNullException.ThrowIfNull(digests);
        _key = Convert.FromHexString(digests.Digest("mbc-intake team list cursor key v1")!);
    }

    /// <summary>The cursor of the page after the line <paramref name="rowKey"/> of <paramref name="list"/> read with <paramref name="filter"/>.</summary>
    public string Make(TeamList list, WorklistFilter filter, string rowKey)
    {
        var plain = Encoding.UTF8.GetBytes(rowKey);
        var sealedBytes = new byte[NonceBytes + plain.Length + TagBytes];
        var nonce = sealedBytes.AsSpan(0, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagBytes);
        aes.Encrypt(nonce, plain, sealedBytes.AsSpan(NonceBytes, plain.Length), sealedBytes.AsSpan(NonceBytes + plain.Length), Query(list, filter));
        return Convert.ToBase64String(sealedBytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>The row key a cursor made by <see cref="Make"/> for the same list and filter holds; <c>null</c> for any other text.</summary>
    public string? Open(TeamList list, WorklistFilter filter, string cursor)
    {
        ArgumentNullException.ThrowIfNull(cursor);
        if (cursor.Length is 0 or > MaxCursorLength || cursor.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_')) || cursor.Length % 4 == 1)
        {
            return null;
        }
        var padded = cursor.Replace('-', '+').Replace('_', '/');
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(padded + new string('=', (4 - padded.Length % 4) % 4));
        }
        catch (FormatException)
        {
            return null;
        }
        if (bytes.Length <= NonceBytes + TagBytes)
        {
            return null;
        }
        var plain = new byte[bytes.Length - NonceBytes - TagBytes];
        try
        {
            using var aes = new AesGcm(_key, TagBytes);
            aes.Decrypt(bytes.AsSpan(0, NonceBytes), bytes.AsSpan(NonceBytes, plain.Length), bytes.AsSpan(NonceBytes + plain.Length), plain, Query(list, filter));
        }
        catch (AuthenticationTagMismatchException)
        {
            return null;
        }
        return Encoding.UTF8.GetString(plain);
    }

    // The record's text names every filter it has (and any it gains), so a cursor is bound to all of them.
    private static byte[] Query(TeamList list, WorklistFilter filter) => Encoding.UTF8.GetBytes($"team-list-cursor-v1|{list}|{filter}");
}
