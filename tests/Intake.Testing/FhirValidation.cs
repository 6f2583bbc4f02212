using Firely.Fhir.Validation;
using Hl7.Fhir.Model;
using Hl7.Fhir.Specification.Source;
using Hl7.Fhir.Specification.Terminology;

namespace Intake.Testing;

/// <summary>
/// Firely's validator with the FHIR R4 core specification (specification.zip), for the tests'
/// claim that every resource the service writes validates against the core specification.
/// </summary>
public static class FhirValidation
{
    private static readonly Lock Gate = new();
    private static Validator? _validator;

    /// <summary>The error and fatal issues of validating <paramref name="resource"/> against its core definition (none when valid).</summary>
    public static IReadOnlyList<string> Errors(Resource resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        lock (Gate)
        {
            _validator ??= Create();
            var outcome = _validator.Validate(resource);
            return outcome.Issue
                .Where(i => i.Severity is OperationOutcome.IssueSeverity.Error or OperationOutcome.IssueSeverity.Fatal)
                .Select(i => $"{string.Join(", ", i.Expression)}: {i.Details?.Text ?? i.Diagnostics}")
                .ToList();
        }
    }

    /// <summary>Asserts (by exception, for any test framework) that <paramref name="resource"/> validates with no error.</summary>
    public static void AssertValid(Resource resource, string what)
    {
        var errors = Errors(resource);
        if (errors.Count > 0)
        {
            throw new InvalidOperationException($"{what} does not validate against the FHIR R4 core specification:\n{string.Join("\n", errors)}");
        }
    }

    private static Validator Create()
    {
        var source = new CachedResolver(ZipSource.CreateValidationSource());
        return new Validator(source, LocalTerminologyService.CreateDefaultForCore(source));
    }
}
