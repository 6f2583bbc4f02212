using System.Text;
using System.Text.Json;

namespace Intake.Functions.Http;

/// <summary>
/// The signed-in person as App Service Authentication passes them on: <c>X-MS-CLIENT-PRINCIPAL</c>
/// (base64 of <c>{ "auth_typ", "name_typ", "role_typ", "claims": [ { "typ", "val" } ] }</c>) and
/// <c>X-MS-CLIENT-PRINCIPAL-NAME</c>. App roles arrive as claims of the role type (<c>roles</c>):
/// <see cref="CoordinatorRole"/> and <see cref="ManagerRole"/>, declared on the app registration by
/// infra/app-roles.json. Read only behind App Service Authentication (<see cref="AuthOptions"/>).
/// </summary>
public static class ClientPrincipal
{
    /// <summary>The principal header.</summary>
    public const string Header = "X-MS-CLIENT-PRINCIPAL";

    /// <summary>The principal's name header.</summary>
    public const string NameHeader = "X-MS-CLIENT-PRINCIPAL-NAME";

    /// <summary>The app role of a coordinator.</summary>
    public const string CoordinatorRole = "Intake.Coordinator";

    /// <summary>The app role of a manager.</summary>
    public const string ManagerRole = "Intake.Manager";

    /// <summary>The longest principal header read; a longer one is no principal.</summary>
    public const int MaxHeaderLength = 16384;

    private const int MaxNameLength = 256;

    /// <summary>
    /// The person the headers name with the roles their claims hold (none when they hold none), or
    /// null when there is no principal or it cannot be read (malformed, oversized, without a name).
    /// </summary>
    public static StaffMember? Read(string? principal, string? principalName)
    {
        if (principal is not { Length: > 0 and <= MaxHeaderLength })
        {
            return null;
        }
        try
        {
            using var document = JsonDocument.Parse(Convert.FromBase64String(principal.Trim()));
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("claims", out var claims) || claims.ValueKind != JsonValueKind.Array)
            {
                return null;
            }
            var roleType = Text(root, "role_typ") ?? "roles";
            var nameType = Text(root, "name_typ") ?? "name";
            string? claimedName = null;
            string? preferredName = null;
            var roles = new HashSet<StaffRole>();
            foreach (var claim in claims.EnumerateArray())
            {
                if (claim.ValueKind != JsonValueKind.Object || Text(claim, "typ") is not { } type || Text(claim, "val") is not { } value)
                {
                    return null; // Not a principal App Service wrote.
                }
                if (type == roleType || type == "roles")
                {
                    switch (value)
                    {
                        case CoordinatorRole:
                            roles.Add(StaffRole.Coordinator);
                            break;
                        case ManagerRole:
                            roles.Add(StaffRole.Manager);
                            break;
                    }
                }
                else if (type == nameType || type == "name")
                {
                    claimedName ??= Clean(value);
                }
                else if (type == "preferred_username")
                {
                    preferredName ??= Clean(value);
                }
            }
            return (Clean(principalName) ?? claimedName ?? preferredName) is { } name ? new StaffMember(name, roles) : null;
        }
        catch (Exception e) when (e is FormatException or JsonException or DecoderFallbackException)
        {
            return null;
        }
    }

    private static string? Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>A name fit for the history: trimmed, 1 to 256 characters, no control characters.</summary>
    internal static string? Clean(string? value)
    {
        var trimmed = value?.Trim();
        return string.IsNullOrEmpty(trimmed) || trimmed.Length > MaxNameLength || trimmed.Any(char.IsControl) ? null : trimmed;
    }
}
