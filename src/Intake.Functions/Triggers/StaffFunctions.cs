using System.Globalization;
using Intake.Core.Fhir;
using Intake.Functions.Http;
using Intake.Functions.Http.Responses;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.Azure.Functions.Worker;

namespace Intake.Functions.Triggers;

/// <summary>
/// The study team's routes. Each needs the function key (checked by the host, before any of this
/// code runs), and only these routes read contact details.
/// </summary>
public sealed class StaffFunctions(ISubmissionStore store, ITeamLists lists, PersonLinking linking, ISubmissionErasure erasure)
{
    /// <summary><c>GET /api/submissions/{id}</c>: the whole picture of one submission; <c>410</c> once it was erased.</summary>
    [Function(nameof(GetSubmission))]
    public Task<IActionResult> GetSubmission(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/submissions/{id}")] HttpRequest request, string id, CancellationToken cancellationToken) =>
        StaffRoute.RunAsync(request, StaffRole.Coordinator, StaffData.PatientData, async call => SubmissionId.Normalise(id) is { } key
            ? await FileAsync(call.About(key).Shows(1).SubmissionId!, cancellationToken)
            : Problems.NotFound(), cancellationToken);

    private async Task<IActionResult> FileAsync(string id, CancellationToken cancellationToken)
    {
        var answer = await ApiJson.FileAsync(store, linking, id, cancellationToken);
        if ((answer as IStatusCodeActionResult)?.StatusCode == StatusCodes.Status404NotFound
            && await erasure.ErasedAsync(id, cancellationToken) is { } erased)
        {
            return Problems.Gone(erased);
        }
        return answer;
    }

    /// <summary>
    /// <c>GET /api/submissions/{id}/fhir</c>: the same submission as a FHIR R4 Bundle (api-2.md, "FHIR R4"),
    /// audited as the JSON read is; <c>410</c> once it was erased. Errors are OperationOutcomes.
    /// </summary>
    [Function(nameof(GetSubmissionFhir))]
    public async Task<IActionResult> GetSubmissionFhir(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/submissions/{id}/fhir")] HttpRequest request, string id, CancellationToken cancellationToken) =>
        FhirResults.FromProblem(await StaffRoute.RunAsync(request, StaffRole.Coordinator, StaffData.PatientData, async call => SubmissionId.Normalise(id) is { } key
            ? await FhirFileAsync(call.About(key).Shows(1).SubmissionId!, cancellationToken)
            : Problems.NotFound(), cancellationToken));

    private async Task<IActionResult> FhirFileAsync(string id, CancellationToken cancellationToken)
    {
        if (await store.GetFileAsync(id, cancellationToken) is { } file)
        {
            return FhirResults.Resource(SubmissionBundle.Build(file));
        }
        return await erasure.ErasedAsync(id, cancellationToken) is { } erased ? Problems.Gone(erased) : Problems.NotFound();
    }

    /// <summary><c>GET /api/worklist</c>: Urgent, then High, then Normal; nearest biopsy, then oldest first.</summary>
    [Function(nameof(GetWorklist))]
    public Task<IActionResult> GetWorklist(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/worklist")] HttpRequest request, CancellationToken cancellationToken) =>
        StaffRoute.RunAsync(request, StaffRole.Coordinator, StaffData.PatientData, call => ListAsync(request, call, TeamList.Worklist, cancellationToken), cancellationToken);

    /// <summary><c>GET /api/screened-out</c>: the likely ineligible, newest first, with the NotMet reasons.</summary>
    [Function(nameof(GetScreenedOut))]
    public Task<IActionResult> GetScreenedOut(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/screened-out")] HttpRequest request, CancellationToken cancellationToken) =>
        StaffRoute.RunAsync(request, StaffRole.Coordinator, StaffData.PatientData, call => ListAsync(request, call, TeamList.ScreenedOut, cancellationToken), cancellationToken);

    private async Task<IActionResult> ListAsync(HttpRequest request, StaffCall call, TeamList list, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var filter = WorkingQuery.Add(request, new WorklistFilter(Parse<Priority>(request, "priority", errors), Parse<TeamStatus>(request, "teamStatus", errors)), errors);
        var limit = WorklistPage.DefaultLimit;
        if (StaffQuery.One(request, "limit", errors) is { } text
            && !(int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out limit) && limit is >= 1 and <= WorklistPage.MaxLimit))
        {
            errors.Add("limit", $"must be a whole number from 1 to {WorklistPage.MaxLimit}.");
        }
        var cursor = StaffQuery.One(request, "cursor", errors);
        if (!errors.IsEmpty)
        {
            return Problems.Validation(errors, "The list request has problems: see errors.");
        }
        var page = await lists.PageAsync(list, filter, limit, cursor, cancellationToken);
        if (page is null)
        {
            errors.Add("cursor", "is not a cursor this service made for this list and filters: start again without it, or use the next of the page before with the same filters.");
            return Problems.Validation(errors, "The cursor cannot be used: see errors.");
        }
        call.Shows(page.Items.Count);
        return ApiJson.Ok(ListPage.Of(page, withReasons: list == TeamList.ScreenedOut), ResponseJson.Default.ListPage);
    }

    private static T? Parse<T>(HttpRequest request, string name, FieldErrors errors) where T : struct, Enum
    {
        if (!request.Query.TryGetValue(name, out var values))
        {
            return null;
        }
        if (values.Count == 1 && Enum.GetNames<T>().Contains(values[0], StringComparer.Ordinal))
        {
            return Enum.Parse<T>(values[0]!);
        }
        errors.Add(name, $"must be one of: {string.Join(", ", Enum.GetNames<T>())}.");
        return null;
    }
}
