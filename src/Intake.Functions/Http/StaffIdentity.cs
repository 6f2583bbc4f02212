using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Intake.Functions.Http;

/// <summary>
/// Who a staff request comes from, for the history: in Azure, the staff member signed in by App
/// Service Authentication (<c>X-MS-CLIENT-PRINCIPAL-NAME</c>, else the name claim of
/// <c>X-MS-CLIENT-PRINCIPAL</c>); with the function key only, "staff (function key)".
/// </summary>
public static class StaffIdentity
{
    /// <summary>What history records when only the function key identifies the caller.</summary>
    public const string KeyHolder = "staff (function key)";

    /// <summary>The caller's identity.</summary>
    public static string Of(HttpRequest request)
    {
        if (Clean(request.Headers["X-MS-CLIENT-PRINCIPAL-NAME"].FirstOrDefault()) is { } name)
        {
            return name;
        }
        if (request.Headers["X-MS-CLIENT-PRINCIPAL"].FirstOrDefault() is { Length: > 0 and < 16384 } encoded)
        {
            try
            {
                using var principal = JsonDocument.Parse(Convert.FromBase64String(encoded));
                if (principal.RootElement.TryGetProperty("claims", out var claims) && claims.ValueKind == JsonValueKind.Array)
                {
                    foreach (var claim in claims.EnumerateArray())
                    {
                        if (claim.TryGetProperty("typ", out var type) && type.GetString() is "name" or "preferred_username"
                            && claim.TryGetProperty("val", out var value) && Clean(value.GetString()) is { } claimed)
                        {
                            return claimed;
                        }
                    }
                }
            }
            catch (Exception e) when (e is FormatException or JsonException or InvalidOperationException)
            {
                // Not a principal App Service wrote: fall back to the key.
            }
        }
        return KeyHolder;
    }

    private static string? Clean(string? value)
    {
        var trimmed = value?.Trim();
        return string.IsNullOrEmpty(trimmed) || trimmed.Length > 256 || trimmed.Any(char.IsControl) ? null : trimmed;
    }
}
