namespace Intake.Core.Tests;

/// <summary>Runs the NCT03737695 engine on a fixed "today" for the rule tests.</summary>
internal static class Prechecks
{
    /// <summary>The day the rule tests are judged on (the baseline person is 54 on it).</summary>
    public static readonly DateOnly Today = new(2026, 11, 26);

    private static readonly PrecheckEngine Engine = new(RuleSet.Nct03737695);

    /// <summary>Pre-checks <paramref name="answers"/> on <paramref name="today"/> (default <see cref="Today"/>).</summary>
    public static Precheck Run(Answers answers, DateOnly? today = null) => Engine.Evaluate(answers, today ?? Today);

    /// <summary>The outcome of criterion <paramref name="id"/> for <paramref name="answers"/> on <see cref="Today"/>.</summary>
    public static CriterionOutcome Judge(string id, Answers answers) => Run(answers)[id];

    /// <summary>Asserts the criterion's id, outcome and that its reason contains each fragment (ignoring case).</summary>
    public static void AssertOutcome(CriterionOutcome actual, string id, Outcome outcome, params string[] reasonFragments)
    {
        Assert.Equal(id, actual.Id);
        Assert.True(outcome == actual.Outcome, $"{id}: expected {outcome}, got {actual.Outcome} ({actual.Reason})");
        Assert.False(string.IsNullOrWhiteSpace(actual.Reason));
        foreach (var fragment in reasonFragments)
        {
            Assert.Contains(fragment, actual.Reason, StringComparison.OrdinalIgnoreCase);
        }
    }

    /// <summary>Asserts that the reason does not contain <paramref name="fragment"/> (ignoring case).</summary>
    public static void AssertReasonLacks(CriterionOutcome actual, string fragment) =>
        Assert.DoesNotContain(fragment, actual.Reason, StringComparison.OrdinalIgnoreCase);
}
