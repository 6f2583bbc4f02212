using Intake.Functions.Triggers;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Moq;

namespace Intake.Functions.Tests;

/// <summary><see cref="AuditFunction"/>: its query's parameters, each bad one a <c>400</c> naming it, and the page's shape.</summary>
public sealed class AuditFunctionTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 7, 0, 0, TimeSpan.Zero);

    private readonly Mock<IAuditLog> _log = new();
    private AuditQuery? _asked;

    public AuditFunctionTests() =>
        _log.Setup(l => l.ReadAsync(It.IsAny<AuditQuery>(), It.IsAny<CancellationToken>()))
            .Callback<AuditQuery, CancellationToken>((q, _) => _asked = q)
            .ReturnsAsync((AuditQuery q, CancellationToken _) => q.Cursor == "forged" ? null
                : new AuditPage([new AuditEntry(Now, "ann@example.org", "coordinator", "GetSubmission", "3f1c2a4e-8b7d-4c1a-9e2f-5a6b7c8d9e0f", 1, 200)], "next-page"));

    private async Task<Answer> GetAsync(params (string Name, string Value)[] query)
    {
        var request = HttpTesting.Get(query: query.GroupBy(q => q.Name).ToDictionary(g => g.Key, g => new StringValues([.. g.Select(q => q.Value)])));
        var function = new AuditFunction(_log.Object, new FixedTime(Now));
        return await HttpTesting.ExecuteAsync(await function.GetAudit(request, CancellationToken.None), request);
    }

    [Theory]
    [InlineData("from", "2026-13-01")]
    [InlineData("from", "yesterday")]
    [InlineData("to", "2026-12-2")]
    [InlineData("limit", "0")]
    [InlineData("limit", "201")]
    [InlineData("limit", "ten")]
    [InlineData("submissionId", "not-a-uuid")]
    [InlineData("by", "   ")]
    [InlineData("cursor", "forged")]
    public async Task A_bad_parameter_is_a_400_naming_it(string name, string value)
    {
        var answer = await GetAsync((name, value));

        Assert.Equal(StatusCodes.Status400BadRequest, answer.Status);
        Assert.Equal([name], answer.ErrorPaths());
    }

    [Fact]
    public async Task A_range_backwards_or_over_a_year_is_a_400_naming_from()
    {
        Assert.Equal(["from"], (await GetAsync(("from", "2026-12-02"), ("to", "2026-12-01"))).ErrorPaths());
        Assert.Equal(["from"], (await GetAsync(("from", "2025-01-01"), ("to", "2026-12-01"))).ErrorPaths());
        Assert.Equal(["limit"], (await GetAsync(("limit", "5"), ("limit", "6"))).ErrorPaths());
    }

    [Fact]
    public async Task Without_parameters_it_asks_for_the_last_30_UTC_days_50_at_a_time_and_answers_items_and_next()
    {
        var answer = await GetAsync();

        Assert.Equal(200, answer.Status);
        Assert.Equal(new AuditQuery(new DateOnly(2026, 11, 3), new DateOnly(2026, 12, 2), null, null, 50, null), _asked);
        var item = Assert.Single(answer.Json().GetProperty("items").EnumerateArray());
        Assert.Equal("2026-12-02T07:00:00.0000000Z", item.GetProperty("at").GetString());
        Assert.Equal("GetSubmission", item.GetProperty("action").GetString());
        Assert.Equal(1, item.GetProperty("count").GetInt32());
        Assert.Equal(200, item.GetProperty("status").GetInt32());
        Assert.Equal("next-page", answer.Json().GetProperty("next").GetString());
    }

    [Fact]
    public async Task The_filters_reach_the_log_as_given()
    {
        await GetAsync(("from", "2026-11-01"), ("to", "2026-11-30"), ("by", " ann@example.org "), ("submissionId", "3F1C2A4E-8B7D-4C1A-9E2F-5A6B7C8D9E0F"), ("limit", "7"), ("cursor", "abc"));

        Assert.Equal(new AuditQuery(new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30), "ann@example.org", "3f1c2a4e-8b7d-4c1a-9e2f-5a6b7c8d9e0f", 7, "abc"), _asked);
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
