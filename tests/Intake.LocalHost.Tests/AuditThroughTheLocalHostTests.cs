using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Intake.LocalHost.Tests;

/// <summary>
/// The audit log over real HTTP, behind (planted) App Service Authentication: after a sequence of
/// staff requests the log holds exactly those entries, newest first; only a manager reads it, and
/// the manager's own reads are in it too.
/// </summary>
[Collection(RolesCollection.Name)]
public sealed class AuditThroughTheLocalHostTests(RolesFixture fixture)
{
    private static readonly string[] Coordinator = ["Intake.Coordinator"];
    private static readonly string[] Manager = ["Intake.Manager"];

    private Task<HttpResponseMessage> AsAsync(HttpMethod method, string path, string name, string[] roles, JsonNode? body = null) =>
        RolesThroughTheLocalHostTests.AsAsync(fixture.Behind, method, path, name, roles, body);

    [Fact]
    public async Task After_a_sequence_of_staff_requests_the_log_holds_exactly_those_entries_newest_first()
    {
        var id = await RolesThroughTheLocalHostTests.RoutedScreeningAsync(fixture.Behind);
        var unknown = Guid.NewGuid().ToString();
        var ann = $"ann.{Guid.NewGuid():N}@example.org";
        var bea = $"bea.{Guid.NewGuid():N}@example.org";

        using var read = await AsAsync(HttpMethod.Get, $"/api/submissions/{id}", ann, Coordinator);
        using var list = await AsAsync(HttpMethod.Get, "/api/worklist", ann, Coordinator);
        var shown = (await list.Content.ReadFromJsonAsync<JsonObject>())!["items"]!.AsArray().Count;
        using var change = await AsAsync(HttpMethod.Post, $"/api/submissions/{id}/team-status", ann, Coordinator, new JsonObject { ["status"] = "Contacted" });
        using var missing = await AsAsync(HttpMethod.Get, $"/api/submissions/{unknown}", ann, Coordinator);
        using var refused = await AsAsync(HttpMethod.Get, "/api/audit", ann, Coordinator);
        using var stats = await AsAsync(HttpMethod.Get, "/api/stats", ann, Coordinator);
        using var log = await AsAsync(HttpMethod.Get, $"/api/audit?by={Uri.EscapeDataString(ann)}", bea, Manager);
        using var aboutOne = await AsAsync(HttpMethod.Get, $"/api/audit?submissionId={id}&by={Uri.EscapeDataString(ann)}", bea, Manager);
        using var own = await AsAsync(HttpMethod.Get, $"/api/audit?by={Uri.EscapeDataString(bea)}", bea, Manager);

        Assert.Equal(
            [HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.NotFound, HttpStatusCode.Forbidden, HttpStatusCode.OK, HttpStatusCode.OK],
            new[] { read, list, change, missing, refused, stats, log }.Select(r => r.StatusCode));
        var items = Items(await log.Content.ReadFromJsonAsync<JsonObject>());
        Assert.Equal(
        [
            ("coordinator", "GetAudit", null, 0, 403),
            ("coordinator", "GetSubmission", unknown, 0, 404),
            ("coordinator", "SetTeamStatus", id, 1, 200),
            ("coordinator", "GetWorklist", null, shown, 200),
            ("coordinator", "GetSubmission", id, 1, 200),
        ], items.Select(i => ((string)i["role"]!, (string)i["action"]!, (string?)i["submissionId"], (int)i["count"]!, (int)i["status"]!)));
        Assert.All(items, i => Assert.Equal(ann, (string?)i["by"]));
        Assert.Equal(items.Select(i => (string)i["at"]!).OrderDescending(StringComparer.Ordinal), items.Select(i => (string)i["at"]!));
        Assert.Equal(["SetTeamStatus", "GetSubmission"], Items(await aboutOne.Content.ReadFromJsonAsync<JsonObject>()).Select(i => (string)i["action"]!));
        // The manager's reads are audited too: the two before this one, with what they showed.
        Assert.Equal([("manager", "GetAudit", id, 2), ("manager", "GetAudit", null, 5)],
            Items(await own.Content.ReadFromJsonAsync<JsonObject>()).Select(i => ((string)i["role"]!, (string)i["action"]!, (string?)i["submissionId"], (int)i["count"]!)));
    }

    [Fact]
    public async Task The_log_pages_with_the_next_cursor_and_refuses_a_forged_one()
    {
        var cy = $"cy.{Guid.NewGuid():N}@example.org";
        for (var i = 0; i < 5; i++)
        {
            using var _ = await AsAsync(HttpMethod.Get, "/api/screened-out", cy, Coordinator);
        }

        var seen = new List<string>();
        string? next = null;
        var pages = 0;
        do
        {
            using var page = await AsAsync(HttpMethod.Get, $"/api/audit?by={Uri.EscapeDataString(cy)}&limit=2{(next is null ? "" : "&cursor=" + Uri.EscapeDataString(next))}", "manager@example.org", Manager);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            var json = (await page.Content.ReadFromJsonAsync<JsonObject>())!;
            seen.AddRange(Items(json).Select(i => (string)i["at"]!));
            next = (string?)json["next"];
            pages++;
        }
        while (next is not null);
        using var forged = await AsAsync(HttpMethod.Get, "/api/audit?cursor=MDAwMDAwMDB8eHx5", "manager@example.org", Manager);

        Assert.Equal(5, seen.Distinct().Count());
        Assert.Equal(3, pages);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.True((await forged.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().ContainsKey("cursor"));
    }

    private static List<JsonObject> Items(JsonObject? page) => [.. page!["items"]!.AsArray().Select(i => i!.AsObject())];
}
