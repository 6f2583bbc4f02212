
namespace Intake.Core;

/// <summary>One inclusion or exclusion criterion of a protocol, as a rule over the answers.</summary>
public interface ICriterion
{
    /// <summary>The criterion's id, e.g. <c>I8</c>.</summary>
    string Id { get; }

    /// <summary>The protocol line it implements, word for word.</summary>
    string ProtocolText { get; }

    /// <summary>Judges the answers in <paramref name="context"/>; never throws.</summary>
    CriterionOutcome Evaluate(in PrecheckContext context);
}

/// <summary>What a criterion judges: the answers, the day, and the specimen collection settled for them.</summary>
/// <param name="Answers">The submission's answers.</param>
/// <param name="Today">The site's date the answers are judged on.</param>
/// <param name="Collection">How a specimen could be collected (I5) and from where (for I6).</param>
public readonly record struct PrecheckContext(Answers Answers, DateOnly Today, SpecimenCollection Collection);
