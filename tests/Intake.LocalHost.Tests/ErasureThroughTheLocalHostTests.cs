using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Intake.Testing;

namespace Intake.LocalHost.Tests;

/// <summary>
/// Erasure over real HTTP, behind (planted) App Service Authentication: several people are seeded,
/// one is read and worked on and then erased by a manager; afterwards every table and queue in
/// Azurite, raw entities and messages, holds none of the values sent for that person, while the
/// others' are still there.
/// </summary>
[Collection(RolesCollection.Name)]
public sealed class ErasureThroughTheLocalHostTests(RolesFixture fixture)
{
    private static readonly string[] Coordinator = ["Intake.Coordinator"];
    private static readonly string[] Manager = ["Intake.Manager"];
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private Task<HttpResponseMessage> AsAsync(HttpMethod method, string path, string name, string[] roles, JsonNode? body = null) =>
        RolesThroughTheLocalHostTests.AsAsync(fixture.Behind, method, path, name, roles, body);

    private sealed record Person(string Name, string Email, string Phone, string DateOfBirth);

    private static Person NewPerson(int yearsOld)
    {
        var tag = Guid.NewGuid().ToString("N");
        var letters = new string([.. tag[..10].Select(c => (char)('a' + c % 26))]);
        return new($"Pat {letters}", $"pat.{tag[..12]}@example.org", $"+1 612 {Random.Shared.Next(200, 999)} {Random.Shared.Next(1000, 9999)}",
            Bodies.Today.AddYears(-yearsOld).AddDays(-Random.Shared.Next(1, 300)).ToString("yyyy-MM-dd"));
    }

    private async Task<string> SubmitAsync(Person person)
    {
        var body = Bodies.Screening(Bodies.BaselineAnswers().With("dateOfBirth", person.DateOfBirth));
        body["contact"] = new JsonObject { ["name"] = person.Name, ["email"] = person.Email, ["phone"] = person.Phone, ["preferredLanguage"] = "en" };
        using var response = await fixture.Behind.Client.PostAsync("/api/screenings", new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = (string)(await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        await Poll.UntilAsync(async () =>
        {
            using var read = await AsAsync(HttpMethod.Get, $"/api/submissions/{id}", "poller", Coordinator);
            return read.IsSuccessStatusCode && (string?)(await read.Content.ReadFromJsonAsync<JsonObject>())!["status"] is "Routed";
        }, Deadline, $"submission {id} to be routed");
        return id;
    }

    private Task<string> EverythingStoredAsync() => StoredText.EverythingAsync(fixture.Azurite.ConnectionString);

    [Fact]
    public async Task After_a_manager_erases_a_person_no_table_or_queue_holds_anything_sent_for_them()
    {
        var erased = NewPerson(61);
        var kept = NewPerson(57);
        var first = await SubmitAsync(erased);
        var second = await SubmitAsync(erased);
        var other = await SubmitAsync(kept);
        var note = $"Spoke with {erased.Name} about {Guid.NewGuid():N}";
        using (var change = await AsAsync(HttpMethod.Post, $"/api/submissions/{second}/team-status", "ann.coordinator@example.org", Coordinator,
            new JsonObject { ["status"] = "Contacted", ["note"] = note }))
        {
            Assert.Equal(HttpStatusCode.OK, change.StatusCode);
        }
        // Working the items: a contact attempt's note is free text about the person, kept on the record and in history.
        var attemptNote = $"Left a message with the sister of {erased.Name}, {Guid.NewGuid():N}";
        var keptNote = $"Reached {kept.Name}, {Guid.NewGuid():N}";
        foreach (var (id, text) in new[] { (first, attemptNote), (other, keptNote) })
        {
            using var attempt = await AsAsync(HttpMethod.Post, $"/api/submissions/{id}/contact-attempts", "ann.coordinator@example.org", Coordinator,
                new JsonObject { ["channel"] = "phone", ["outcome"] = "leftMessage", ["note"] = text });
            Assert.Equal(HttpStatusCode.OK, attempt.StatusCode);
            using var assign = await AsAsync(HttpMethod.Post, $"/api/submissions/{id}/assignment", "ann.coordinator@example.org", Coordinator,
                new JsonObject { ["assignedTo"] = "ann.coordinator@example.org" });
            Assert.Equal(HttpStatusCode.OK, assign.StatusCode);
        }
        string personId;
        using (var read = await AsAsync(HttpMethod.Get, $"/api/submissions/{second}", "ann.coordinator@example.org", Coordinator))
        {
            personId = (string)(await read.Content.ReadFromJsonAsync<JsonObject>())!["personId"]!;
        }
        Assert.Equal(first, personId);

        using var refused = await AsAsync(HttpMethod.Post, $"/api/people/{personId}/erase", "ann.coordinator@example.org", Coordinator, new JsonObject { ["reason"] = "Asked by phone" });
        using var noReason = await AsAsync(HttpMethod.Post, $"/api/people/{personId}/erase", "bea.manager@example.org", Manager, new JsonObject());
        using var erase = await AsAsync(HttpMethod.Post, $"/api/people/{personId}/erase", "bea.manager@example.org", Manager, new JsonObject { ["reason"] = "Asked by phone" });
        using var again = await AsAsync(HttpMethod.Post, $"/api/people/{personId}/erase", "bea.manager@example.org", Manager, new JsonObject { ["reason"] = "Asked by phone" });

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.True((await noReason.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().ContainsKey("reason"));
        Assert.Equal(HttpStatusCode.OK, erase.StatusCode);
        var answer = (await erase.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal((personId, 2), ((string)answer["personId"]!, (int)answer["erasedSubmissions"]!));
        Assert.Equal(0, (int)(await again.Content.ReadFromJsonAsync<JsonObject>())!["erasedSubmissions"]!);

        foreach (var id in new[] { first, second })
        {
            using var gone = await AsAsync(HttpMethod.Get, $"/api/submissions/{id}", "ann.coordinator@example.org", Coordinator);
            Assert.Equal(HttpStatusCode.Gone, gone.StatusCode);
            Assert.Contains("bea.manager@example.org", (string?)(await gone.Content.ReadFromJsonAsync<JsonObject>())!["detail"], StringComparison.Ordinal);
        }
        var ids = (await TeamListPages.AllAsync(async route =>
        {
            using var page = await AsAsync(HttpMethod.Get, route, "ann.coordinator@example.org", Coordinator);
            page.EnsureSuccessStatusCode();
            return await page.Content.ReadAsStringAsync();
        }, "/api/worklist")).Select(i => (string?)i!["id"]).ToArray();
        Assert.DoesNotContain(first, ids);
        Assert.DoesNotContain(second, ids);
        Assert.Contains(other, ids);

        var stored = await EverythingStoredAsync();
        foreach (var value in new[] { erased.Name, erased.Email, erased.Phone, erased.DateOfBirth, note, attemptNote })
        {
            Assert.DoesNotContain(value, stored, StringComparison.OrdinalIgnoreCase);
        }
        // The scan sees what is there: the other person's values are found.
        foreach (var value in new[] { kept.Name, kept.Email, kept.Phone, kept.DateOfBirth, keptNote })
        {
            Assert.Contains(value, stored, StringComparison.OrdinalIgnoreCase);
        }

        // Audited, by the manager, with what each erase did.
        using var log = await AsAsync(HttpMethod.Get, $"/api/audit?by={Uri.EscapeDataString("bea.manager@example.org")}&submissionId={personId}", "cy.manager@example.org", Manager);
        var items = (await log.Content.ReadFromJsonAsync<JsonObject>())!["items"]!.AsArray();
        Assert.Equal([("ErasePerson", 0, 200), ("ErasePerson", 2, 200), ("ErasePerson", 0, 400)],
            items.Take(3).Select(i => ((string)i!["action"]!, (int)i["count"]!, (int)i["status"]!)));
    }
}
