using System.Globalization;

namespace Intake.Core.Rules.Criteria;

/// <summary>I7: age 18 or older on the day the submission is judged.</summary>
public sealed class I7Adult() : Criterion("I7", "Age 18 years or older")
{
    /// <summary>The protocol's minimum age.</summary>
    public const int MinimumAge = 18;

    private readonly CriterionOutcome _unanswered = new("I7", Outcome.Unknown, "No date of birth was given, so age cannot be checked.");

    /// <inheritdoc />
    public override CriterionOutcome Evaluate(in PrecheckContext context)
    {
        if (context.Answers.DateOfBirth is not { } born)
        {
            return _unanswered;
        }
        var age = Age.On(born, context.Today);
        var today = context.Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return age >= MinimumAge
            ? Conclude(Outcome.Met, $"Aged {age} on {today}, so 18 or older.")
            : Conclude(Outcome.NotMet, $"Aged {age} on {today}; the protocol requires 18 or older.");
    }
}
