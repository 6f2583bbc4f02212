namespace Intake.Core.Tests;

/// <summary>The public examples of eligibility.md, one row each.</summary>
public sealed class PublicExamplesTests
{
    private static readonly DateOnly Today = new(2026, 11, 26);
    private static readonly PrecheckEngine Engine = new(RuleSet.Nct03737695);

    public static TheoryData<string, Answers, PrecheckResult, Priority?, (string Id, Outcome Outcome)[]> Examples => new()
    {
        { "none", AnswerSets.Baseline, PrecheckResult.LikelyEligible, Priority.High,
            [("I5", Outcome.Met), ("E1", Outcome.ClinicianReview), ("E2", Outcome.ClinicianReview), ("E6", Outcome.ClinicianReview)] },
        { "ecog 3", AnswerSets.Baseline with { Ecog = 3 }, PrecheckResult.LikelyIneligible, null, [("I8", Outcome.NotMet)] },
        { "primaryTissue unknown", AnswerSets.Baseline with { PrimaryTissue = PrimaryTissue.Unknown }, PrecheckResult.NeedsReview, Priority.Normal, [("I4", Outcome.Unknown)] },
        { "sites [brain]", AnswerSets.Baseline with { MetastaticSites = [Site.Brain] }, PrecheckResult.LikelyIneligible, null, [("I5", Outcome.NotMet)] },
        { "sites [brain], clinical biopsy of brain in 5 days",
            AnswerSets.Baseline with { MetastaticSites = [Site.Brain], ScheduledClinicalBiopsy = new(Site.Brain, Today.AddDays(5)) },
            PrecheckResult.LikelyEligible, Priority.Urgent, [("I5", Outcome.Met)] },
        { "sites [pleuralFluid], cytology no",
            AnswerSets.Baseline with { MetastaticSites = [Site.PleuralFluid], EffusionCytologyConfirmed = YesNoUnknown.No },
            PrecheckResult.LikelyIneligible, null, [("I6", Outcome.NotMet)] },
        { "sex male, pregnant absent", AnswerSets.Baseline with { Sex = Sex.Male, Pregnant = null }, PrecheckResult.LikelyEligible, Priority.High, [("E5", Outcome.Met)] },
    };

    [Theory]
    [MemberData(nameof(Examples))]
    public void Public_example_gives_the_spec_result_priority_and_criteria(string changed, Answers answers, PrecheckResult result, Priority? priority, (string Id, Outcome Outcome)[] criteria)
    {
        var precheck = Engine.Evaluate(answers, Today);

        Assert.True(result == precheck.Result, $"{changed}: expected {result}, got {precheck.Result}: {string.Join(" | ", precheck.Criteria)}");
        Assert.Equal(priority, precheck.Priority);
        foreach (var (id, outcome) in criteria)
        {
            Assert.Equal(outcome, precheck[id].Outcome);
        }
    }

    [Fact]
    public void Baseline_collects_from_the_liver_first_of_its_sites_in_protocol_order()
    {
        var precheck = Engine.Evaluate(AnswerSets.Baseline, Today);

        Assert.Equal(Site.Liver, precheck.CollectionSource);
        Assert.Contains("protocol's site order", precheck["I5"].Reason);
    }
}
