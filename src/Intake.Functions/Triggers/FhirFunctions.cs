using Hl7.Fhir.Model;
using Intake.Core.Fhir;
using Intake.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Intake.Functions.Triggers;

/// <summary>
/// The public FHIR R4 definitions (api-2.md, "FHIR R4"): the referral Questionnaire an EHR answers,
/// and the code systems of its answer options and of the pre-check. They hold no patient data.
/// </summary>
public sealed class FhirFunctions
{
    /// <summary><c>GET /fhir/Questionnaire/referral</c>.</summary>
    [Function(nameof(GetReferralQuestionnaire))]
    public IActionResult GetReferralQuestionnaire(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "fhir/Questionnaire/referral")] HttpRequest request) =>
        FhirResults.Resource(ReferralQuestionnaire.Build());

    /// <summary><c>GET /fhir/CodeSystem/{id}</c>: <c>404</c> OperationOutcome for an id the service does not publish.</summary>
    [Function(nameof(GetCodeSystem))]
    public IActionResult GetCodeSystem(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "fhir/CodeSystem/{id}")] HttpRequest request, string id) =>
        ServiceCodeSystems.Find(id) is { } system
            ? FhirResults.Resource(system)
            : FhirResults.Outcome(StatusCodes.Status404NotFound,
                [new FhirIssue("CodeSystem", $"No code system has this id; the service publishes: {string.Join(", ", ServiceCodeSystems.Ids)}.", OperationOutcome.IssueType.NotFound)]);
}
