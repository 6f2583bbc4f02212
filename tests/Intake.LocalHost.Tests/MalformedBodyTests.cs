using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Xunit.Abstractions;

namespace Intake.LocalHost.Tests;

/// <summary>
/// Over a thousand malformed or hostile bodies per public route, each answered with a 4xx problem
/// (never a 5xx, never a 202), and none of them stored or queued; on the FHIR route, each a 4xx
/// OperationOutcome.
/// </summary>
[Collection(AbuseCollection.Name)]
public sealed class MalformedBodyTests(AbuseFixture fixture, ITestOutputHelper output)
{
    private const int Parallelism = 8;

    [Fact]
    public Task Malformed_screening_bodies_all_get_problem_details_and_store_nothing() =>
        AllRefusedAsync("/api/screenings", SubmissionKind.SelfScreening);

    [Fact]
    public Task Malformed_referral_bodies_all_get_problem_details_and_store_nothing() =>
        AllRefusedAsync("/api/referrals", SubmissionKind.Referral);

    [Fact]
    public Task Malformed_FHIR_referral_Bundles_all_get_an_OperationOutcome_and_store_nothing() =>
        AllRefusedAsync("/api/fhir/referrals", SubmissionKind.Referral, fhir: true);

    private async Task AllRefusedAsync(string route, SubmissionKind kind, bool fhir = false)
    {
        var seed = MalformedBodies.Seed;
        var repeat = $"seed {seed} (INTAKE_FUZZ_SEED={seed} repeats it)";
        Assert.True(fhir || MalformedBodies.ReadsAsValid(kind, Encoding.UTF8.GetBytes(MalformedBodies.ValidBody(kind).ToJsonString())),
            "The body the damage starts from must itself be valid.");
        var cases = fhir ? MalformedFhirBodies.For(seed) : MalformedBodies.For(kind, seed);
        Assert.True(cases.Count >= 1000, $"Only {cases.Count} bodies for {route}.");

        await fixture.QuietAsync();
        var before = await fixture.CountStorageAsync();
        var failures = new ConcurrentBag<(BodyCase Case, string Problem)>();
        var statuses = new ConcurrentDictionary<int, int>();
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(cases, new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, async (c, ct) =>
        {
            try
            {
                var (status, problem) = await SendAsync(route, c, fhir, ct);
                statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
                if (problem is not null)
                {
                    // Every body is invalid by construction; should one be taken, say whether the service's own reading takes it too.
                    var reading = status is >= 200 and < 300 && (fhir ? MalformedFhirBodies.ReadsAsValid(c.Body, c.ContentType) : MalformedBodies.ReadsAsValid(kind, c.Body, c.ContentType))
                        ? " (the service's own reading takes it as valid)" : "";
                    failures.Add((c, problem + reading));
                }
            }
            catch (HttpRequestException e)
            {
                failures.Add((c, $"the request failed: {e.Message}"));
            }
        });
        clock.Stop();
        var after = await fixture.CountStorageAsync();

        output.WriteLine($"POST {route}: {cases.Count:N0} malformed bodies, {repeat}, {Parallelism} at a time, in {clock.Elapsed.TotalSeconds:0.0} s.");
        output.WriteLine("By category: " + string.Join("; ", cases.GroupBy(c => c.Category).OrderBy(g => g.Min(c => c.Number)).Select(g => $"{g.Key} {g.Count():N0}")));
        output.WriteLine("Answers: " + string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key} × {s.Value:N0}")));
        output.WriteLine($"Storage before: {before}; after: {after}.");
        Assert.True(failures.IsEmpty, $"{repeat}: {failures.Count} of {cases.Count} bodies were not refused as they should be. By kind: "
            + string.Join("; ", failures.GroupBy(f => $"[{f.Case.Category}] {f.Problem}").Select(g => $"{g.Key} × {g.Count()}"))
            + ". First ones:\n" + string.Join("\n", failures.OrderBy(f => f.Case.Number).Take(15).Select(f => $"#{f.Case.Number} [{f.Case.Category}] {f.Case.Description}: {f.Problem}")));
        Assert.Equal(before, after);
    }

    /// <summary>Sends one body; the status, and what is wrong with the answer (<c>null</c> when it is a proper refusal).</summary>
    private async Task<(int Status, string? Problem)> SendAsync(string route, BodyCase c, bool fhir, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(c.Body);
        if (c.ContentType is not null)
        {
            content.Headers.TryAddWithoutValidation("Content-Type", c.ContentType);
        }
        using var request = new HttpRequestMessage(HttpMethod.Post, route) { Content = content };
        if (c.Chunked)
        {
            request.Headers.TransferEncodingChunked = true;
        }
        using var response = await fixture.Host.Client.SendAsync(request, cancellationToken);
        var status = (int)response.StatusCode;
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        return (status, fhir ? JudgeOutcome(status, response.Content.Headers.ContentType, body) : Judge(status, response.Content.Headers.ContentType, body));
    }

    /// <summary>
    /// What is wrong with a FHIR route's answer to a request that must be refused, or <c>null</c>: a 4xx
    /// OperationOutcome whose every issue has severity, code, diagnostics and an expression starting with <paramref name="expressionRoot"/>.
    /// </summary>
    internal static string? JudgeOutcome(int status, MediaTypeHeaderValue? contentType, string body, string expressionRoot = "Bundle")
    {
        if (status is < 400 or > 499)
        {
            return $"{status}, not a 4xx";
        }
        if (contentType?.MediaType != "application/fhir+json")
        {
            return $"{status} as {contentType?.MediaType ?? "no media type"}, not application/fhir+json";
        }
        try
        {
            using var outcome = JsonDocument.Parse(body);
            var root = outcome.RootElement;
            if (!root.TryGetProperty("resourceType", out var type) || type.GetString() != "OperationOutcome")
            {
                return $"{status} that is not an OperationOutcome";
            }
            if (!root.TryGetProperty("issue", out var issues) || issues.GetArrayLength() == 0)
            {
                return $"{status} OperationOutcome without issues";
            }
            foreach (var issue in issues.EnumerateArray())
            {
                if (!issue.TryGetProperty("severity", out _) || !issue.TryGetProperty("code", out _)
                    || !issue.TryGetProperty("diagnostics", out var diagnostics) || diagnostics.GetString() is not { Length: > 0 }
                    || !issue.TryGetProperty("expression", out var expression) || expression.GetArrayLength() == 0
                    || expression[0].GetString() is not { Length: > 0 } path || !path.StartsWith(expressionRoot, StringComparison.Ordinal))
                {
                    return $"{status} OperationOutcome with an issue lacking severity, code, diagnostics or an expression from {expressionRoot}";
                }
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException)
        {
            return $"{status} with a body that is not an OperationOutcome";
        }
        return null;
    }

    /// <summary>What is wrong with an answer to a body that must be refused, or <c>null</c>.</summary>
    internal static string? Judge(int status, MediaTypeHeaderValue? contentType, string body)
    {
        if (status is < 400 or > 499)
        {
            return $"{status}, not a 4xx";
        }
        if (contentType?.MediaType != "application/problem+json")
        {
            return $"{status} as {contentType?.MediaType ?? "no media type"}, not application/problem+json";
        }
        try
        {
            using var problem = JsonDocument.Parse(body);
            var root = problem.RootElement;
            if (!root.TryGetProperty("title", out var title) || title.ValueKind != JsonValueKind.String || title.GetString()!.Length == 0)
            {
                return $"{status} problem without a title";
            }
            if (!root.TryGetProperty("status", out var number) || number.ValueKind != JsonValueKind.Number || number.GetInt32() != status)
            {
                return $"{status} problem whose status is not {status}";
            }
            if (status == 400 && (!root.TryGetProperty("errors", out var errors) || errors.ValueKind != JsonValueKind.Object
                || !errors.EnumerateObject().Any() || errors.EnumerateObject().Any(e => e.Value.ValueKind != JsonValueKind.Array || e.Value.GetArrayLength() == 0)))
            {
                return $"400 problem without errors (title \"{title.GetString()}\")";
            }
        }
        catch (JsonException)
        {
            return $"{status} with a body that is not JSON";
        }
        return null;
    }
}
