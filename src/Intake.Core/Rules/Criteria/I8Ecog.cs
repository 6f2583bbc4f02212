namespace Intake.Core.Rules.Criteria;

/// <summary>I8: ECOG performance status 0–2.</summary>
public sealed class I8Ecog : Criterion
{
    /// <summary>The highest ECOG the protocol accepts.</summary>
    public const int Limit = 2;

    private readonly CriterionOutcome _unanswered;
    private readonly CriterionOutcome[] _byScore;

    /// <summary>Builds the criterion.</summary>
    public I8Ecog() : base("I8", "ECOG performance status 0-2")
    {
        _unanswered = Conclude(Outcome.Unknown, "ECOG performance status was not given.");
        _byScore = [.. Enumerable.Range(0, 5).Select(score => score <= Limit
            ? Conclude(Outcome.Met, $"ECOG {score} is within the protocol's limit of {Limit}.")
            : Conclude(Outcome.NotMet, $"ECOG {score} is above the protocol's limit of {Limit}."))];
    }

    /// <inheritdoc />
    public override CriterionOutcome Evaluate(in PrecheckContext context) =>
        context.Answers.Ecog is { } score && (uint)score < (uint)_byScore.Length ? _byScore[score] : _unanswered;
}
