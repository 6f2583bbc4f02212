using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Intake.Testing;

namespace Intake.LocalHost.Tests;

/// <summary>
/// Roles over real HTTP: with the host told it runs behind App Service Authentication, the planted
/// principal (as the platform sets it) decides who acts and what they may do; without that, the
/// same headers are ignored and the key is the local staff member.
/// </summary>
[Collection(RolesCollection.Name)]
public sealed class RolesThroughTheLocalHostTests(RolesFixture fixture)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    /// <summary>The headers App Service Authentication sets for <paramref name="name"/> with <paramref name="appRoles"/>.</summary>
    internal static void SignIn(HttpRequestMessage request, string name, params string[] appRoles)
    {
        foreach (var (header, value) in AppServiceSignIn.Headers(name, appRoles))
        {
            request.Headers.Add(header, value);
        }
    }

    /// <summary>Sends <paramref name="method"/> <paramref name="path"/> with the key, as <paramref name="name"/> holding <paramref name="appRoles"/>.</summary>
    internal static async Task<HttpResponseMessage> AsAsync(LocalHostProcess host, HttpMethod method, string path, string name, string[] appRoles, JsonNode? body = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }
        SignIn(request, name, appRoles);
        return await host.Staff.SendAsync(request);
    }

    /// <summary>A screening, posted and pre-checked: its id.</summary>
    internal static async Task<string> RoutedScreeningAsync(LocalHostProcess host)
    {
        using var response = await host.Client.PostAsync("/api/screenings", new StringContent(Bodies.Screening(Bodies.BaselineAnswers()).ToJsonString(), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = (string)(await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        await Poll.UntilAsync(async () =>
        {
            using var line = await AsAsync(host, HttpMethod.Get, $"/api/submissions/{id}", "poller", ["Intake.Coordinator"]);
            return line.IsSuccessStatusCode && (string?)(await line.Content.ReadFromJsonAsync<JsonObject>())!["status"] is "Routed";
        }, Deadline, $"submission {id} to be routed");
        return id;
    }

    [Fact]
    public async Task Behind_App_Service_Authentication_a_coordinator_reads_the_worklist_and_her_name_lands_in_the_history()
    {
        var host = fixture.Behind;
        var id = await RoutedScreeningAsync(host);

        // The whole worklist, page by page: other tests' items share this storage. Routed is the record's
        // status, written just before the first listing (its person, then its line): read until the line is there.
        var worklist = new JsonArray();
        await Poll.UntilAsync(async () =>
        {
            worklist = await TeamListPages.AllAsync(async path =>
            {
                using var page = await AsAsync(host, HttpMethod.Get, path, "ann.coordinator@example.org", ["Intake.Coordinator"]);
                Assert.Equal(HttpStatusCode.OK, page.StatusCode);
                return await page.Content.ReadAsStringAsync();
            }, "/api/worklist");
            return worklist.Any(i => (string?)i!["id"] == id);
        }, Deadline, $"submission {id} to be on the worklist");
        using var change = await AsAsync(host, HttpMethod.Post, $"/api/submissions/{id}/team-status", "ann.coordinator@example.org", ["Intake.Coordinator"],
            new JsonObject { ["status"] = "Contacted", ["note"] = "Left a voicemail." });

        Assert.Contains(worklist, i => (string?)i!["id"] == id);
        Assert.Equal(HttpStatusCode.OK, change.StatusCode);
        var last = (await change.Content.ReadFromJsonAsync<JsonObject>())!["history"]!.AsArray().Last()!;
        Assert.Equal("ann.coordinator@example.org", (string?)last["by"]);
    }

    [Fact]
    public async Task Behind_App_Service_Authentication_a_person_without_a_role_gets_403_even_with_the_key_and_changes_nothing()
    {
        var host = fixture.Behind;
        var id = await RoutedScreeningAsync(host);

        using var read = await AsAsync(host, HttpMethod.Get, "/api/worklist", "no.role@example.org", []);
        using var change = await AsAsync(host, HttpMethod.Post, $"/api/submissions/{id}/team-status", "no.role@example.org", ["Other.App.Admin"],
            new JsonObject { ["status"] = "Declined" });
        using var keyOnly = await host.Staff.GetAsync($"/api/submissions/{id}");

        foreach (var response in new[] { read, change, keyOnly })
        {
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
        Assert.DoesNotContain(id, await read.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var after = await AsAsync(host, HttpMethod.Get, $"/api/submissions/{id}", "ann@example.org", ["Intake.Coordinator"]);
        Assert.Equal("New", (string?)(await after.Content.ReadFromJsonAsync<JsonObject>())!["teamStatus"]);
    }

    [Fact]
    public async Task Behind_App_Service_Authentication_the_managers_route_refuses_a_coordinator_and_opens_to_a_manager()
    {
        using var coordinator = await AsAsync(fixture.Behind, HttpMethod.Get, "/api/audit", "ann.coordinator@example.org", ["Intake.Coordinator"]);
        using var manager = await AsAsync(fixture.Behind, HttpMethod.Get, "/api/audit", "bea.manager@example.org", ["Intake.Manager"]);

        Assert.Equal(HttpStatusCode.Forbidden, coordinator.StatusCode);
        Assert.Contains("manager", (string?)(await coordinator.Content.ReadFromJsonAsync<JsonObject>())!["detail"], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, manager.StatusCode);
    }

    [Fact]
    public async Task Not_behind_App_Service_Authentication_the_same_headers_are_ignored_and_the_local_staff_member_acts()
    {
        var host = fixture.Local;
        var id = await RoutedScreeningAsync(host);

        using var roleless = await AsAsync(host, HttpMethod.Get, "/api/worklist", "no.role@example.org", []);
        using var change = await AsAsync(host, HttpMethod.Post, $"/api/submissions/{id}/team-status", "ann.coordinator@example.org", ["Intake.Coordinator"],
            new JsonObject { ["status"] = "Contacted" });

        Assert.Equal(HttpStatusCode.OK, roleless.StatusCode);
        Assert.Equal(HttpStatusCode.OK, change.StatusCode);
        var last = (await change.Content.ReadFromJsonAsync<JsonObject>())!["history"]!.AsArray().Last()!;
        Assert.Equal(RolesFixture.LocalStaff, (string?)last["by"]);
    }
}
