using System.Text.RegularExpressions;
using Intake.Testing;

namespace Intake.LocalHost.Tests;

/// <summary>
/// <c>src/Intake.Functions/Intake.Functions.http</c>, the routes for an editor's HTTP client: every
/// HTTP function of functions.metadata is there with its method, every request there is a route the
/// app has, and every file a request sends is in the repository.
/// </summary>
public sealed partial class HttpFileTests
{
    private static readonly string FilePath = Path.Combine(Repository.Root, "src", "Intake.Functions", "Intake.Functions.http");

    private static readonly IReadOnlyList<FunctionMetadata> Functions =
        [.. FunctionMetadata.Load(Path.Combine(Path.GetDirectoryName(LocalHostProcess.Assembly)!, "functions.metadata")).Where(f => f.Trigger.Type == "httpTrigger")];

    [GeneratedRegex(@"^(GET|POST|PUT|PATCH|DELETE) \{\{base\}\}/(\S*)$", RegexOptions.Multiline)]
    private static partial Regex RequestLine();

    [GeneratedRegex(@"^< (\S+)$", RegexOptions.Multiline)]
    private static partial Regex FileBody();

    private static (string Method, string Path)[] Requests() =>
        [.. RequestLine().Matches(File.ReadAllText(FilePath)).Select(m => (m.Groups[1].Value, m.Groups[2].Value.Split('?')[0]))];

    /// <summary>A route template as a pattern: <c>{x}</c> one segment, <c>{x?}</c> an optional one.</summary>
    private static Regex Pattern(string route) =>
        new("^" + string.Concat(Regex.Split(route, @"(\{\w+\??\})").Select(part =>
            part.StartsWith('{') ? (part.EndsWith("?}", StringComparison.Ordinal) ? "[^/]*" : "[^/]+") : Regex.Escape(part))) + "$");

    [Fact]
    public void Every_route_of_the_app_is_in_the_http_file_with_its_methods()
    {
        var requests = Requests();

        Assert.NotEmpty(requests);
        Assert.All(Functions, f => Assert.All(f.Trigger.Methods!, method =>
            Assert.True(requests.Any(r => string.Equals(r.Method, method, StringComparison.OrdinalIgnoreCase) && Pattern(f.Trigger.Route!).IsMatch(r.Path)),
                $"{method.ToUpperInvariant()} /{f.Trigger.Route} ({f.Name}) is not in Intake.Functions.http")));
    }

    [Fact]
    public void Every_request_in_the_http_file_is_a_route_of_the_app()
    {
        Assert.All(Requests(), r => Assert.True(
            Functions.Any(f => f.Trigger.Methods!.Contains(r.Method, StringComparer.OrdinalIgnoreCase) && Pattern(f.Trigger.Route!).IsMatch(r.Path)),
            $"{r.Method} /{r.Path} in Intake.Functions.http is no route of the app"));
    }

    [Fact]
    public void Every_file_a_request_sends_is_there()
    {
        Assert.All(FileBody().Matches(File.ReadAllText(FilePath)).Select(m => m.Groups[1].Value),
            path => Assert.True(File.Exists(Path.Combine(Path.GetDirectoryName(FilePath)!, path)), $"{path} does not exist"));
    }
}
