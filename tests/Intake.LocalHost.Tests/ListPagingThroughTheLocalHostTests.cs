using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Intake.Testing;

namespace Intake.LocalHost.Tests;

/// <summary>
/// The lists' pages over real HTTP through the local host (api-2.md, "Lists that stay fast at any
/// size"): <c>limit</c> and <c>next</c>, each item once while others arrive and move, the person's
/// name and how to reach them on every item, and a cursor the service did not make refused.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class ListPagingThroughTheLocalHostTests(EndToEndFixture fixture)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private LocalHostProcess Host => fixture.Host;

    private static StringContent Json(JsonNode body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");

    private async Task<string> PostAsync(JsonObject answers)
    {
        using var response = await Host.Client.PostAsync("/api/screenings", Json(Bodies.Screening(answers)));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (string)(await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
    }

    private Task RoutedAsync(string id) => Poll.UntilAsync(async () =>
    {
        var submission = await Host.Staff.GetFromJsonAsync<JsonObject>($"/api/submissions/{id}");
        return (string?)submission!["status"] is "Routed" or "ScreenedOut" ? submission : null;
    }, Deadline, $"submission {id} to be routed");

    [Fact]
    public async Task Following_next_gives_each_screened_out_item_once_while_others_arrive_and_move_with_the_persons_contact()
    {
        var mine = new List<string>();
        for (var i = 0; i < 8; i++)
        {
            mine.Add(await PostAsync(Bodies.BaselineAnswers().With("ecog", 3)));
        }
        foreach (var id in mine)
        {
            await RoutedAsync(id);
        }
        var moved = new HashSet<string>();
        var seen = new List<JsonObject>();
        string? next = null;
        var pages = 0;
        do
        {
            var page = (await Host.Staff.GetFromJsonAsync<JsonObject>($"/api/screened-out?limit=3{(next is null ? "" : $"&cursor={Uri.EscapeDataString(next)}")}"))!;
            var items = page["items"]!.AsArray().Select(i => i!.AsObject()).ToArray();
            Assert.InRange(items.Length, 0, 3);
            seen.AddRange(items);
            next = (string?)page["next"];
            pages++;
            // While the walk goes on: a new one arrives, and one of mine not seen yet moves to the worklist.
            await PostAsync(Bodies.BaselineAnswers().With("ecog", 3));
            if (mine.FirstOrDefault(id => !moved.Contains(id) && !seen.Any(s => (string?)s["id"] == id)) is { } unseen && moved.Count < 2)
            {
                using var reopened = await Host.Staff.PostAsync($"/api/submissions/{unseen}/reopen", null);
                Assert.Equal(HttpStatusCode.OK, reopened.StatusCode);
                moved.Add(unseen);
            }
        }
        while (next is not null);

        var ids = seen.Select(i => (string)i["id"]!).ToArray();
        Assert.Equal(ids.Length, ids.Distinct().Count());
        Assert.All(mine.Where(id => !moved.Contains(id)), id => Assert.Single(ids, s => s == id));
        Assert.All(moved, id => Assert.DoesNotContain(id, ids));
        Assert.True(pages >= 3);
        var one = seen.First(i => mine.Contains((string)i["id"]!));
        Assert.Equal(("Ada Example", "ada@example.org", "+1 507 555 0100"), ((string?)one["name"], (string?)one["email"], (string?)one["phone"]));
    }

    [Fact]
    public async Task A_made_up_or_other_lists_cursor_is_400_naming_cursor_and_a_limit_out_of_range_is_400_naming_limit()
    {
        await RoutedAsync(await PostAsync(Bodies.BaselineAnswers()));
        await RoutedAsync(await PostAsync(Bodies.BaselineAnswers()));
        var first = (await Host.Staff.GetFromJsonAsync<JsonObject>("/api/worklist?limit=1"))!;
        var next = (string)first["next"]!;
        Assert.Single(first["items"]!.AsArray());

        using var followed = await Host.Staff.GetAsync($"/api/worklist?limit=1&cursor={Uri.EscapeDataString(next)}");
        using var otherList = await Host.Staff.GetAsync($"/api/screened-out?cursor={Uri.EscapeDataString(next)}");
        using var otherFilter = await Host.Staff.GetAsync($"/api/worklist?priority=High&cursor={Uri.EscapeDataString(next)}");
        using var madeUp = await Host.Staff.GetAsync("/api/worklist?cursor=dy0xLTk5OTkxMjMxLTA2MzgwMDAwMDAwMDAwMDAwMDAtaWQ");
        using var tooMany = await Host.Staff.GetAsync("/api/worklist?limit=201");

        Assert.Equal(HttpStatusCode.OK, followed.StatusCode);
        foreach (var (refused, name) in new[] { (otherList, "cursor"), (otherFilter, "cursor"), (madeUp, "cursor"), (tooMany, "limit") })
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            Assert.Equal([name], (await refused.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().Select(e => e.Key));
        }
    }

    [Fact]
    public async Task A_person_is_found_over_HTTP_by_e_mail_in_another_case_and_by_phone_in_another_format()
    {
        var tag = Guid.NewGuid().ToString("N")[..12];
        var digits = $"{Random.Shared.Next(200, 999)}{Random.Shared.Next(1000, 9999)}";
        var body = Bodies.Screening(Bodies.BaselineAnswers());
        body["contact"] = new JsonObject { ["name"] = "Ana Búsqueda", ["email"] = $"ana.{tag}@example.org", ["phone"] = $"+1 612 {digits[..3]} {digits[3..]}" };
        using var posted = await Host.Client.PostAsync("/api/screenings", Json(body));
        var id = (string)(await posted.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        await RoutedAsync(id);

        foreach (var query in new[] { $"email=ANA.{tag}%40EXAMPLE.ORG", $"phone=%28612%29%20{digits[..3]}-{digits[3..]}" })
        {
            var found = (await Host.Staff.GetFromJsonAsync<JsonObject>($"/api/people?{query}"))!;
            var person = Assert.Single(found["people"]!.AsArray())!;
            Assert.Equal(id, (string?)person["personId"]);
            var submission = Assert.Single(person["submissions"]!.AsArray())!;
            Assert.Equal((id, "Ana Búsqueda"), ((string?)submission["id"], (string?)submission["name"]));
        }
        using var none = await Host.Staff.GetAsync("/api/people");
        Assert.Equal(HttpStatusCode.BadRequest, none.StatusCode);
    }
}
