using Intake.Core.Rules.Criteria;

namespace Intake.Core.Rules;

/// <summary>
/// A versioned set of criteria and the routing window of one protocol. A second study or an
/// amended protocol is another rule set; the criteria of this one stay untouched.
/// </summary>
/// <param name="Version">Recorded with every result it computes.</param>
/// <param name="Criteria">The criteria, in the order results list them.</param>
public sealed record RuleSet(string Version, IReadOnlyList<ICriterion> Criteria)
{
    /// <summary>
    /// Days ahead (inclusive) in which a scheduled clinical biopsy makes an item <see cref="Priority.Urgent"/>:
    /// research specimens must be taken during that same procedure.
    /// </summary>
    public int UrgentWindowDays { get; init; } = 14;

    /// <summary>NCT03737695 (site IRB 18-001910): I1–I9, then E1–E6, as eligibility.md turns them into rules.</summary>
    public static RuleSet Nct03737695 { get; } = new("NCT03737695-2026.1",
    [
        new I1InvasiveBreastCancer(), new I2DistantMetastasis(), new I3ProgressionOrDeNovo(), new I4ArchivedPrimaryTissue(),
        new I5AccessibleLesion(), new I6EffusionCytology(), new I7Adult(), new I8Ecog(), new I9Consent(),
        new E1ConcurrentDisease(), new E2ProcedureSafety(), new E3CognitiveImpairment(), new E4LocalAnestheticAllergy(),
        new E5Pregnancy(), new E6HazardousCondition(),
    ]);
}
