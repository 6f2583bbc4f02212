using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;

namespace Intake.Testing;

/// <summary>
/// An HTTP handler that notes every piece of patient data a test sends (names, e-mail addresses,
/// phone numbers, dates of birth, staff notes), so that a test can then search the service's logs
/// for each of them.
/// </summary>
public sealed class PatientDataLedger : DelegatingHandler
{
    // The JSON routes' members, then FHIR's: a HumanName's text and family, a Patient's birthDate.
    private static readonly HashSet<string> PatientFields = new(StringComparer.Ordinal)
        { "name", "email", "phone", "dateOfBirth", "note", "text", "family", "birthDate" };

    private readonly ConcurrentDictionary<string, byte> _values = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>A ledger in front of a plain handler.</summary>
    public PatientDataLedger() : base(new SocketsHttpHandler())
    {
    }

    /// <summary>A ledger in front of <paramref name="inner"/>.</summary>
    public PatientDataLedger(HttpMessageHandler inner) : base(inner)
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
            var body = await request.Content.ReadAsByteArrayAsync(cancellationToken);
            try
            {
                using var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 64 });
                Note(document.RootElement);
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException)
            {
                // Not JSON, or a name that is not valid text (tests of bad bodies): what cannot be read cannot be logged as a person's data.
            }
        }
        return await base.SendAsync(request, cancellationToken);
    }

    private void Note(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                // A FHIR ContactPoint: its value is an e-mail address or a phone number.
                if (element.TryGetProperty("system", out var system) && system.ValueKind == JsonValueKind.String && system.GetString() is "email" or "phone"
                    && element.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.String && Text(value) is { Length: >= 5 } contact)
                {
                    Add(system.GetString()!, contact);
                }
                foreach (var member in element.EnumerateObject())
                {
                    if (member.Value.ValueKind == JsonValueKind.String && PatientFields.Contains(member.Name) && Text(member.Value) is { Length: >= 5 } text)
                    {
                        Add(member.Name, text);
                    }
                    Note(member.Value);
                }
                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Note(item);
                }
                break;
        }
    }

    /// <summary>A string's trimmed text; <c>null</c> for one that is not valid text (an unpaired surrogate escape).</summary>
    private static string? Text(JsonElement value)
    {
        try
        {
            return value.GetString()?.Trim();
        }
        catch (InvalidOperationException)
        {
            return null;
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
