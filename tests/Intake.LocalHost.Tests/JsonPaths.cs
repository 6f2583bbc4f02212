using System.Text.Json.Nodes;

namespace Intake.LocalHost.Tests;

/// <summary>Walking a JSON body by paths of member names and array indexes, for the malformed-bodies suites.</summary>
internal static class JsonPaths
{
    /// <summary>Every member and array item below the root, parents before children.</summary>
    public static List<object[]> Paths(JsonNode node, object[]? at = null)
    {
        at ??= [];
        var paths = new List<object[]>();
        switch (node)
        {
            case JsonObject o:
                foreach (var (name, child) in o)
                {
                    paths.Add([.. at, name]);
                    if (child is not null)
                    {
                        paths.AddRange(Paths(child, [.. at, name]));
                    }
                }
                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    paths.Add([.. at, i]);
                    paths.AddRange(Paths(a[i]!, [.. at, i]));
                }
                break;
        }
        return paths;
    }

    public static JsonNode? At(JsonNode root, object[] path)
    {
        var node = root;
        foreach (var segment in path)
        {
            node = segment is int i ? node?.AsArray()[i] : node?.AsObject()[(string)segment];
        }
        return node;
    }
}
