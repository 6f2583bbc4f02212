using Intake.Functions.Triggers;
using Intake.Functions.Http;
using Intake.Functions.Storage;
using Microsoft.AspNetCore.Http;
using Moq;

namespace Intake.Functions.Tests;

/// <summary><c>GET /api/health</c>: 200 or 503 with Retry-After, never cached, and nothing else said.</summary>
public sealed class HealthFunctionTests
{
    private static async Task<Answer> AskAsync(bool storageAnswers)
    {
        var storage = new Mock<IStorageHealth>();
        storage.Setup(s => s.AnswersAsync(It.IsAny<CancellationToken>())).ReturnsAsync(storageAnswers);
        var request = HttpTesting.Get();
        return await HttpTesting.ExecuteAsync(await new HealthFunction(storage.Object).Health(request, CancellationToken.None), request);
    }

    [Fact]
    public async Task Storage_that_answers_is_200_with_a_status_and_nothing_else()
    {
        var answer = await AskAsync(storageAnswers: true);

        Assert.Equal(StatusCodes.Status200OK, answer.Status);
        Assert.StartsWith("application/json", answer.ContentType);
        Assert.Equal("""{"status":"ok"}""", answer.Body);
        Assert.Equal("no-store", answer.Headers.CacheControl.ToString());
    }

    [Fact]
    public async Task Storage_that_does_not_answer_is_503_with_Retry_After_and_a_problem_that_names_nothing()
    {
        var answer = await AskAsync(storageAnswers: false);

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, answer.Status);
        Assert.StartsWith(Problems.ContentType, answer.ContentType);
        Assert.Equal($"{HealthFunction.RetryAfterSeconds}", answer.Headers.RetryAfter.ToString());
        Assert.Equal("no-store", answer.Headers.CacheControl.ToString());
        var json = answer.Json();
        Assert.Equal(["title", "status", "detail"], json.EnumerateObject().Select(p => p.Name).Where(n => n != "type"));
        Assert.Equal(503, json.GetProperty("status").GetInt32());
        // No storage, account, version or exception named.
        foreach (var word in new[] { "storage", "table", "queue", "azure", "azurite", "exception", "version", "devstoreaccount" })
        {
            Assert.DoesNotContain(word, answer.Body, StringComparison.OrdinalIgnoreCase);
        }
    }
}
