using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Intake.Testing;

/// <summary>
/// Solves ALTCHA challenges the way the widget does (tries 0, 1, 2, … until SHA-256(salt + number)
/// is the challenge) and builds the X-Altcha value: for tests that post as a person rather than
/// as a partner system.
/// </summary>
public static class ChallengeSolver
{
    /// <summary>The number that solves <paramref name="challenge"/>, or -1 when none up to <paramref name="maxNumber"/> does.</summary>
    public static long Solve(string salt, string challenge, long maxNumber)
    {
        var target = Convert.FromHexString(challenge);
        for (long n = 0; n <= maxNumber; n++)
        {
            if (SHA256.HashData(Encoding.UTF8.GetBytes(salt + n.ToString(CultureInfo.InvariantCulture))).AsSpan().SequenceEqual(target))
            {
                return n;
            }
        }
        return -1;
    }

    /// <summary>The X-Altcha value for a challenge as JSON (<c>GET /api/challenge</c>'s body), with <paramref name="number"/> or the right number.</summary>
    public static string Payload(JsonElement challenge, long? number = null)
    {
        var salt = challenge.GetProperty("salt").GetString()!;
        var hash = challenge.GetProperty("challenge").GetString()!;
        var payload = new JsonObject
        {
            ["algorithm"] = challenge.GetProperty("algorithm").GetString(),
            ["challenge"] = hash,
            ["number"] = number ?? Solve(salt, hash, challenge.GetProperty("maxnumber").GetInt64()),
            ["salt"] = salt,
            ["signature"] = challenge.GetProperty("signature").GetString(),
            ["took"] = 1,
        };
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(payload.ToJsonString()));
    }

    /// <summary>Fetches a fresh challenge from <paramref name="client"/>'s service and solves it.</summary>
    public static async Task<string> FetchAndSolveAsync(HttpClient client, CancellationToken cancellationToken = default) =>
        Payload(await client.GetFromJsonAsync<JsonElement>("/api/challenge", cancellationToken));
}
