using System.Text.Json.Serialization;

namespace Intake.Functions.Http.Responses;

/// <summary>
/// The <c>precheck</c> of <c>GET /api/submissions/{id}</c> (api.md): result, priority, rule-set
/// version, the date it was computed for, the collection source and every criterion with its
/// reason, then when it was computed (left out when not known). The stored pre-check is another
/// shape with its own writer (<see cref="PrecheckJson"/>).
/// </summary>
public sealed record PrecheckResponse(
    PrecheckResult Result,
    Priority? Priority,
    string RulesetVersion,
    DateOnly Today,
    Site? CollectionSource,
    IReadOnlyList<CriterionResponse> Criteria,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? EvaluatedAt)
{
    /// <summary>The answer for <paramref name="precheck"/>, computed at <paramref name="evaluatedAt"/>.</summary>
    public static PrecheckResponse Of(Precheck precheck, DateTimeOffset? evaluatedAt)
    {
        ArgumentNullException.ThrowIfNull(precheck);
        return new(precheck.Result, precheck.Priority, precheck.RulesetVersion, precheck.Today, precheck.CollectionSource,
            [.. precheck.Criteria.Select(c => new CriterionResponse(c.Id, c.Outcome, c.Reason))], evaluatedAt);
    }
}
