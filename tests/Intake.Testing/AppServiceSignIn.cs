using System.Text;
using System.Text.Json.Nodes;

namespace Intake.Testing;

/// <summary>The request headers App Service Authentication sets for a signed-in person, as a test plants them.</summary>
public static class AppServiceSignIn
{
    /// <summary><c>X-MS-CLIENT-PRINCIPAL</c> (base64 JSON with the name and app roles claims) and <c>X-MS-CLIENT-PRINCIPAL-NAME</c> for <paramref name="name"/> holding <paramref name="appRoles"/>.</summary>
    public static Dictionary<string, string> Headers(string name, params string[] appRoles)
    {
        var principal = new JsonObject
        {
            ["auth_typ"] = "aad",
            ["claims"] = new JsonArray([new JsonObject { ["typ"] = "name", ["val"] = name }, .. appRoles.Select(r => new JsonObject { ["typ"] = "roles", ["val"] = r })]),
            ["name_typ"] = "name",
            ["role_typ"] = "roles",
        };
        return new()
        {
            ["X-MS-CLIENT-PRINCIPAL"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(principal.ToJsonString())),
            ["X-MS-CLIENT-PRINCIPAL-NAME"] = name,
        };
    }
}
