using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Intake.Testing;

namespace Intake.Functions.Tests;

/// <summary>
/// infra/main.bicep compiled to its ARM template by the pinned Bicep CLI (<c>scripts/bicep.sh
/// build-to</c>, which installs it from NuGet when it is missing), once per test run; and the few
/// readings of that template the infra tests need. Nothing here reaches Azure.
/// </summary>
internal static partial class InfraTemplate
{
    private static readonly Lazy<JsonObject> Compiled = new(Compile);

    /// <summary>The compiled template of infra/main.bicep.</summary>
    public static JsonObject Root => Compiled.Value;

    /// <summary>The compiled template as text.</summary>
    public static string Text => Root.ToJsonString();

    private static JsonObject Compile()
    {
        var file = Path.Combine(Path.GetTempPath(), $"mbcintake-main-{Guid.NewGuid():N}.json");
        try
        {
            var info = new ProcessStartInfo("bash")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = Repository.Root,
            };
            info.ArgumentList.Add("scripts/bicep.sh");
            info.ArgumentList.Add("build-to");
            info.ArgumentList.Add(file);
            using var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start scripts/bicep.sh.");
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException("scripts/bicep.sh build-to took more than 5 minutes.");
            }
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException(
                    $"scripts/bicep.sh build-to failed with exit code {process.ExitCode}; infra/main.bicep must build with no warning:\n{errors.Result}\n{output.Result}");
            }
            return JsonNode.Parse(File.ReadAllText(file))?.AsObject() ?? throw new InvalidOperationException("The compiled template is empty.");
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>A resource of the template, with the (module) template that declares it.</summary>
    public sealed record Resource(JsonObject Json, JsonObject Template)
    {
        /// <summary>Its type, e.g. <c>Microsoft.Web/sites</c>.</summary>
        public string Type => (string)Json["type"]!;

        /// <summary>Its properties (an empty object when it has none).</summary>
        public JsonObject Properties => Json["properties"] as JsonObject ?? [];

        /// <summary>The value at a path of its properties, with <c>[variables('x')]</c> read from its template.</summary>
        public JsonNode? Property(params string[] path)
        {
            JsonNode? node = Properties;
            foreach (var step in path)
            {
                node = Resolve(node, Template)?[step];
            }
            return Resolve(node, Template);
        }

        /// <summary>
        /// The names it creates (the last segment of its name): one for a literal name, each element
        /// of the variable array a <c>copy</c> loop runs over.
        /// </summary>
        public IReadOnlyList<string> Names()
        {
            var name = (string)Json["name"]!;
            if (!name.StartsWith('['))
            {
                return [name.Split('/')[^1]];
            }
            if (CopiedVariableName().Match(name) is { Success: true } copied)
            {
                Assert.NotNull(Json["copy"]);
                var values = Template["variables"]?[copied.Groups["variable"].Value] as JsonArray
                    ?? throw new InvalidOperationException($"{Type} loops over variable '{copied.Groups["variable"].Value}', which is not a literal array.");
                return [.. values.Select(v => (string)v!)];
            }
            if (LiteralLastName().Match(name) is { Success: true } literal)
            {
                return [literal.Groups["name"].Value];
            }
            throw new InvalidOperationException($"Cannot read the name of {Type} from '{name}'.");
        }
    }

    /// <summary>Every resource the template and its modules (nested deployments) create.</summary>
    public static IEnumerable<Resource> Resources() => ResourcesOf(Root);

    /// <summary>The resources of one type.</summary>
    public static IReadOnlyList<Resource> OfType(string type) =>
        [.. Resources().Where(r => string.Equals(r.Type, type, StringComparison.OrdinalIgnoreCase))];

    /// <summary>The one resource of a type.</summary>
    public static Resource Single(string type) => Assert.Single(OfType(type));

    /// <summary>The one <c>Microsoft.Web/sites/config</c> resource with this name (appsettings, authsettingsV2).</summary>
    public static Resource SiteConfig(string name) =>
        Assert.Single(OfType("Microsoft.Web/sites/config"), r => ((string)r.Json["name"]!).Contains($"'{name}'", StringComparison.Ordinal));

    private static IEnumerable<Resource> ResourcesOf(JsonObject template)
    {
        var resources = template["resources"] switch
        {
            JsonArray array => array.OfType<JsonObject>(),
            JsonObject byName => byName.Select(p => p.Value).OfType<JsonObject>(),
            _ => [],
        };
        // Resources a template only refers to ("existing": true) are not created by it.
        foreach (var resource in resources.Where(r => r["existing"] is not JsonValue e || !e.GetValue<bool>()))
        {
            yield return new Resource(resource, template);
            if (resource["properties"]?["template"] is JsonObject nested)
            {
                foreach (var inner in ResourcesOf(nested))
                {
                    yield return inner;
                }
            }
        }
    }

    /// <summary>A value, or the template variable it names when it is exactly <c>[variables('x')]</c>.</summary>
    public static JsonNode? Resolve(JsonNode? value, JsonObject template) =>
        value is JsonValue v && v.TryGetValue<string>(out var text) && WholeVariable().Match(text) is { Success: true } m
            ? template["variables"]?[m.Groups["variable"].Value]
            : value;

    [GeneratedRegex(@"variables\('(?<variable>[^']+)'\)\[copyIndex\(\)\]\)\]$")]
    private static partial Regex CopiedVariableName();

    [GeneratedRegex(@"'(?<name>[^'/]+)'\)\]$")]
    private static partial Regex LiteralLastName();

    [GeneratedRegex(@"^\[variables\('(?<variable>[^']+)'\)\]$")]
    private static partial Regex WholeVariable();
}
