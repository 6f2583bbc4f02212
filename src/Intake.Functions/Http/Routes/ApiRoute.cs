using System.Text.Json.Nodes;

namespace Intake.Functions.Http.Routes;

/// <summary>
/// What the OpenAPI document says of one HTTP function beyond its trigger attributes (which give its
/// method, route and authorization level: <see cref="HttpFunction"/>): who may call it, its query
/// parameters, its body and its answers. The answers every route of its kind shares (a staff route's
/// <c>401</c>, <c>403</c> and <c>503</c>, a body's <c>408</c>, <c>413</c> and <c>415</c>, a public
/// form's gate) are added by the document, not listed here.
/// </summary>
/// <param name="Function">The function's name, as <c>[Function]</c> gives it.</param>
/// <param name="Access">Who may call it, as the code enforces it.</param>
/// <param name="Summary">One line on what it does.</param>
public sealed record ApiRoute(string Function, RouteAccess Access, string Summary)
{
    /// <summary>Its query parameters.</summary>
    public IReadOnlyList<ApiParameter> Query { get; init; } = [];

    /// <summary>Its request body's media type, when it takes one.</summary>
    public string BodyMediaType { get; init; } = ApiAnswer.Json;

    /// <summary>Its request body's schema; <c>null</c> when it takes none.</summary>
    public JsonObject? Body { get; init; }

    /// <summary>Its own answers, by status.</summary>
    public IReadOnlyList<ApiAnswer> Answers { get; init; } = [];

    /// <summary>True when its errors are FHIR OperationOutcomes rather than problem details.</summary>
    public bool FhirErrors { get; init; }
}
