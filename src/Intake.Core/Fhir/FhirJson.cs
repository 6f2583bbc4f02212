using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Hl7.Fhir.Utility;

namespace Intake.Core.Fhir;

/// <summary>
/// FHIR R4 JSON through Firely's System.Text.Json serializer and its strict deserializer: the
/// service never writes FHIR JSON by hand, and reads a Bundle only as the specification allows it
/// (no unknown elements, no malformed primitives), each problem an issue at its FHIRPath.
/// </summary>
public static class FhirJson
{
    /// <summary>The media type of FHIR JSON.</summary>
    public const string MediaType = "application/fhir+json";

    private static readonly BaseFhirJsonSerializer Serializer = new(ModelInfo.ModelInspector);
    private static readonly FhirJsonDeserializer Deserializer = new(new DeserializerSettings().UsingMode(DeserializationMode.Strict));

    /// <summary>
    /// The deepest JSON nesting read. The deepest element a referral Bundle holds is a translated
    /// display (<c>Bundle.entry.resource.item.item.answer.valueCoding._display.extension.extension.valueString</c>),
    /// 15 levels; deeper is refused before the FHIR parser sees it.
    /// </summary>
    public const int MaxDepth = 24;

    /// <summary>Options for a first, plain JSON reading of a body: no repeated member names, <see cref="MaxDepth"/>.</summary>
    public static JsonDocumentOptions DocumentOptions { get; } = new() { AllowDuplicateProperties = false, MaxDepth = MaxDepth };

    /// <summary>The resource as FHIR JSON.</summary>
    public static string Serialize(Resource resource) => Serializer.SerializeToString(resource);

    /// <summary>
    /// Reads a JSON value (already parsed within <see cref="DocumentOptions"/>) as a Bundle; <c>null</c>
    /// with the problems in <paramref name="issues"/> when it is not a Bundle the specification allows.
    /// </summary>
    public static Bundle? ReadBundle(JsonElement json, List<FhirIssue> issues)
    {
        ArgumentNullException.ThrowIfNull(issues);
        if (json.ValueKind != JsonValueKind.Object
            || !json.TryGetProperty("resourceType", out var type) || type.ValueKind != JsonValueKind.String || type.ValueEquals("Bundle") is false)
        {
            issues.Add(new FhirIssue("Bundle", "The body must be a FHIR R4 Bundle in JSON: an object whose resourceType is \"Bundle\".", OperationOutcome.IssueType.Structure));
            return null;
        }
        if (HasEmptyName(json))
        {
            // FHIR JSON has none, and Firely's parser (6.8.0) fails on one with an IndexOutOfRangeException.
            issues.Add(new FhirIssue("Bundle", "The body has a member whose name is empty; FHIR JSON has no such member.", OperationOutcome.IssueType.Structure));
            return null;
        }
        try
        {
            var bytes = JsonSerializer.SerializeToUtf8Bytes(json);
            var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { MaxDepth = MaxDepth });
            if (Deserializer.TryDeserializeResource(ref reader, out var resource, out var problems) && resource is Bundle bundle)
            {
                return bundle;
            }
            foreach (var problem in problems)
            {
                issues.Add(IssueOf(problem));
            }
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or ArgumentException or DeserializationFailedException)
        {
            // The parser's own refusals of what no FHIR JSON can be; its message names no content.
            issues.Add(new FhirIssue("Bundle", $"The body is not a readable FHIR R4 Bundle: {e.Message}", OperationOutcome.IssueType.Structure));
        }
        catch (SystemException e) when (e is IndexOutOfRangeException or NullReferenceException or InvalidCastException)
        {
            // A third party's parser failing on input it did not foresee: the body is at fault, not
            // the service, so it is a 400 like any unreadable body (never a 500).
            issues.Add(new FhirIssue("Bundle", "The body is not a readable FHIR R4 Bundle.", OperationOutcome.IssueType.Structure));
        }
        if (issues.Count == 0)
        {
            issues.Add(new FhirIssue("Bundle", "The body is not a readable FHIR R4 Bundle.", OperationOutcome.IssueType.Structure));
        }
        return null;
    }

    private static bool HasEmptyName(JsonElement json) => json.ValueKind switch
    {
        JsonValueKind.Object => json.EnumerateObject().Any(m => m.NameEquals(ReadOnlySpan<byte>.Empty) || HasEmptyName(m.Value)),
        JsonValueKind.Array => json.EnumerateArray().Any(HasEmptyName),
        _ => false,
    };

    private static FhirIssue IssueOf(CodedException problem)
    {
        // The parser names the root "$this" in some paths (a missing Bundle.type is "$this.type").
        var path = (problem as ExtendedCodedException)?.InstancePath?.Replace("$this", "Bundle", StringComparison.Ordinal);
        var message = ((problem as ExtendedCodedException)?.BaseErrorMessage ?? problem.Message).Replace("$this", "Bundle", StringComparison.Ordinal);
        return new FhirIssue(string.IsNullOrEmpty(path) ? "Bundle" : path, $"Not valid FHIR R4: {message}",
            (problem as ExtendedCodedException)?.IssueType ?? OperationOutcome.IssueType.Structure);
    }
}
