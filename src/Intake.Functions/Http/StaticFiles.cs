using System.Collections.Frozen;
using System.Reflection;

namespace Intake.Functions.Http;

/// <summary>One file of the pages: its bytes and media type.</summary>
/// <param name="Content">The bytes.</param>
/// <param name="ContentType">The media type.</param>
public sealed record StaticFile(byte[] Content, string ContentType);

/// <summary>
/// The pages and their assets, embedded in the app from <c>src/Intake.Functions/wwwroot</c>: one
/// deployment, nothing from a CDN, and only the files that are there can be asked for (a name
/// is looked up, never joined to a path).
/// </summary>
public static class StaticFiles
{
    private static readonly FrozenDictionary<string, StaticFile> Files = Load();

    /// <summary>The file at <paramref name="path"/> below wwwroot (e.g. <c>assets/form.js</c>), or <c>null</c>.</summary>
    public static StaticFile? Find(string path) => Files.GetValueOrDefault(path);

    /// <summary>Every path that can be served.</summary>
    public static IEnumerable<string> Paths => Files.Keys;

    private static FrozenDictionary<string, StaticFile> Load()
    {
        var assembly = typeof(StaticFiles).Assembly;
        const string prefix = "wwwroot/";
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal))
            .ToFrozenDictionary(n => n[prefix.Length..].Replace('\\', '/'), n => new StaticFile(Read(assembly, n), TypeOf(n)), StringComparer.Ordinal);
    }

    private static byte[] Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    private static string TypeOf(string name) => Path.GetExtension(name).ToLowerInvariant() switch
    {
        ".html" => "text/html; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".svg" => "image/svg+xml",
        ".png" => "image/png",
        ".ico" => "image/x-icon",
        ".json" => "application/json; charset=utf-8",
        ".woff2" => "font/woff2",
        _ => "application/octet-stream",
    };
}
