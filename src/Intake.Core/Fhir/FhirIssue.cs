using Hl7.Fhir.Model;

namespace Intake.Core.Fhir;

/// <summary>One problem with a FHIR request: where (a FHIRPath from the Bundle's root), what a person can do, and its kind.</summary>
/// <param name="Expression">The FHIRPath of the element, e.g. <c>Bundle.entry[0].resource.item[3].answer[0]</c>; <c>Bundle</c> for the whole body.</param>
/// <param name="Diagnostics">What is wrong and what to send instead.</param>
/// <param name="Code">The issue's type.</param>
public sealed record FhirIssue(string Expression, string Diagnostics, OperationOutcome.IssueType Code = OperationOutcome.IssueType.Invalid)
{
    /// <summary>The issues as an <c>OperationOutcome</c>: one error issue each.</summary>
    public static OperationOutcome Outcome(IEnumerable<FhirIssue> issues) => new()
    {
        Issue = issues.Select(i => new OperationOutcome.IssueComponent
        {
            Severity = OperationOutcome.IssueSeverity.Error,
            Code = i.Code,
            Diagnostics = i.Diagnostics,
            Expression = [i.Expression],
        }).ToList(),
    };
}
