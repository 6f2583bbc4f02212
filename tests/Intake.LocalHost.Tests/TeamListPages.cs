using System.Text.Json.Nodes;

namespace Intake.LocalHost.Tests;

/// <summary>
/// Reads a whole team list (<c>/api/worklist</c>, <c>/api/screened-out</c>) by following its pages'
/// <c>next</c> cursors (api-2.md, "Lists that stay fast at any size"), 200 items a page.
/// </summary>
internal static class TeamListPages
{
    /// <summary>Every item of <paramref name="route"/> (which may carry filters), read through <paramref name="get"/> (the answer's body for an address).</summary>
    public static async Task<JsonArray> AllAsync(Func<string, Task<string>> get, string route)
    {
        var items = new JsonArray();
        var first = route + (route.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "limit=200";
        string? next = null;
        do
        {
            var page = JsonNode.Parse(await get(next is null ? first : $"{first}&cursor={Uri.EscapeDataString(next)}"))!.AsObject();
            foreach (var item in page["items"]!.AsArray().ToArray())
            {
                items.Add(item!.DeepClone());
            }
            next = (string?)page["next"];
        }
        while (next is not null);
        return items;
    }

    /// <summary>Every item of <paramref name="route"/>, read by <paramref name="staff"/>.</summary>
    public static Task<JsonArray> AllAsync(HttpClient staff, string route) => AllAsync(staff.GetStringAsync, route);
}
