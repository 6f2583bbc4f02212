using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;

namespace Intake.Testing;

/// <summary>
/// An HTTP handler that notes every piece of patient data a test sends (names, e-mail addresses,
/// phone numbers, dates of birth, staff notes), so that a test can then search the service's logs
/// for each of them.
/// </summary>
public sealed class PatientDataLedger : DelegatingHandler
{
    private static readonly HashSet<string> PatientFields = new(StringComparer.Ordinal) { "name", "email", "phone", "dateOfBirth", "note" };

    private readonly ConcurrentDictionary<string, byte> _values = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>A ledger in front of a plain handler.</summary>
    public PatientDataLedger() : base(new SocketsHttpHandler())
    {
    }

    /// <summary>Every value noted, in each form a log could show it in (a date also as M/d/yyyy, a phone number also as its digits).</summary>
    public IReadOnlyCollection<string> Values => [.. _values.Keys];

    /// <summary>The values of <see cref="Values"/> that occur in <paramref name="text"/>, ignoring case.</summary>
    public IReadOnlyList<string> FoundIn(string text) => [.. Values.Where(v => text.Contains(v, StringComparison.OrdinalIgnoreCase)).Order()];

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Content is not null)
        {
            var body = await request.Content.ReadAsStringAsync(cancellationToken);
            try
            {
                Note(JsonNode.Parse(body));
            }
            catch (System.Text.Json.JsonException)
            {
                // Not JSON: a test of bad bodies; nothing it sent is a person's data.
            }
        }
        return await base.SendAsync(request, cancellationToken);
    }

    private void Note(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (name, value) in o)
                {
                    if (PatientFields.Contains(name) && value is JsonValue v && v.TryGetValue<string>(out var text) && text.Trim().Length >= 5)
                    {
                        Add(name, text.Trim());
                    }
                    Note(value);
                }
                break;
            case JsonArray a:
                foreach (var item in a)
                {
                    Note(item);
                }
                break;
        }
    }

    private void Add(string field, string value)
    {
        _values.TryAdd(value, 0);
        if (field == "phone" && new string([.. value.Where(char.IsAsciiDigit)]) is { Length: >= 7 } digits)
        {
            _values.TryAdd(digits, 0);
        }
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            _values.TryAdd(date.ToString("M/d/yyyy", CultureInfo.InvariantCulture), 0);
            _values.TryAdd(date.ToString("MM/dd/yyyy", CultureInfo.InvariantCulture), 0);
        }
    }
}
