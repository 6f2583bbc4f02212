namespace Intake.Core.Contract;

/// <summary>
/// Field-level problems found while reading input: a JSON path (<c>answers.ecog</c>) mapped to
/// messages a person can act on. It becomes the <c>errors</c> member of a 400 problem details.
/// </summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> _byPath = new(StringComparer.Ordinal);

    /// <summary>True when nothing was wrong.</summary>
    public bool IsEmpty => _byPath.Count == 0;

    /// <summary>How many paths have a problem.</summary>
    public int Count => _byPath.Count;

    /// <summary>Records a problem with the field at <paramref name="path"/>.</summary>
    public void Add(string path, string message)
    {
        if (!_byPath.TryGetValue(path, out var messages))
        {
            _byPath[path] = messages = [];
        }
        messages.Add(message);
    }

    /// <summary>The messages recorded for one path (empty when none).</summary>
    public IReadOnlyList<string> For(string path) => _byPath.TryGetValue(path, out var m) ? m : [];

    /// <summary>Every path with its messages, in the order the problems were found.</summary>
    public IReadOnlyDictionary<string, string[]> ToDictionary() =>
        _byPath.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
}
