
namespace Intake.Core.Rules;

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
