using System.Runtime.CompilerServices;

namespace Intake.Core.Rules;

/// <summary>A criterion's id and protocol text, and the outcomes it can give.</summary>
public abstract class Criterion(string id, string protocolText) : ICriterion
{
    /// <inheritdoc />
    public string Id { get; } = id;

    /// <inheritdoc />
    public string ProtocolText { get; } = protocolText;

    /// <inheritdoc />
    public abstract CriterionOutcome Evaluate(in PrecheckContext context);

    /// <summary>An outcome of this criterion.</summary>
    protected CriterionOutcome Conclude(Outcome outcome, string reason) => new(Id, outcome, reason);
}
