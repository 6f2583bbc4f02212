using Intake.Functions.Http;

namespace Intake.LocalHost.Tests;

/// <summary>The two headers every answer under /api and /fhir carries (api-2.md, "Every /api response").</summary>
internal static class ApiHeaders
{
    /// <summary>What of the two headers <paramref name="response"/> lacks, or <c>null</c> when it has both.</summary>
    public static string? Missing(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var cache = response.Headers.TryGetValues("Cache-Control", out var c) ? string.Join(", ", c) : null;
        var sniff = response.Headers.TryGetValues("X-Content-Type-Options", out var s) ? string.Join(", ", s) : null;
        return Missing(cache, sniff);
    }

    /// <summary>What of the two headers <paramref name="response"/> lacks, or <c>null</c> when it has both.</summary>
    public static string? Missing(RawResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return Missing(response.Headers.GetValueOrDefault("cache-control"), response.Headers.GetValueOrDefault("x-content-type-options"));
    }

    /// <summary>Fails unless <paramref name="response"/> carries both headers.</summary>
    public static void AssertPresent(HttpResponseMessage response) => Assert.Null(Missing(response));

    /// <summary>Fails unless <paramref name="response"/> carries both headers.</summary>
    public static void AssertPresent(RawResponse response) => Assert.Null(Missing(response));

    private static string? Missing(string? cacheControl, string? contentTypeOptions) =>
        cacheControl == ApiResponseHeaders.CacheControl && contentTypeOptions == ApiResponseHeaders.ContentTypeOptions ? null
            : $"Cache-Control: {cacheControl ?? "(none)"}, X-Content-Type-Options: {contentTypeOptions ?? "(none)"}";
}
