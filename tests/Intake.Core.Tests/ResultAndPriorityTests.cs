using static Intake.Core.Tests.Prechecks;

namespace Intake.Core.Tests;

/// <summary>eligibility.md's overall result, routing priority and what every result carries.</summary>
public sealed class ResultAndPriorityTests
{
    private static readonly string[] CriterionOrder = ["I1", "I2", "I3", "I4", "I5", "I6", "I7", "I8", "I9", "E1", "E2", "E3", "E4", "E5", "E6"];

    /// <summary>Answer sets covering each result, named for the test display.</summary>
    public static TheoryData<string, Answers> Variety => new()
    {
        { "baseline", AnswerSets.Baseline },
        { "nothing answered", new Answers() },
        { "ecog 3", AnswerSets.Baseline with { Ecog = 3 } },
        { "tissue unsure", AnswerSets.Baseline with { PrimaryTissue = PrimaryTissue.Unknown } },
        { "clinical biopsy today", AnswerSets.Baseline with { ScheduledClinicalBiopsy = new(Site.Brain, Today) } },
        { "referral with concerns", AnswerSets.Baseline with { OncologistConcerns = new(false, true, null) } },
    };

    [Fact]
    public void Any_not_met_is_likely_ineligible_with_no_priority()
    {
        var precheck = Run(AnswerSets.Baseline with { CanConsent = YesNoUnknown.No });

        Assert.Equal(PrecheckResult.LikelyIneligible, precheck.Result);
        Assert.Null(precheck.Priority);
        Assert.Single(precheck.Criteria, c => c.Outcome == Outcome.NotMet);
    }

    [Theory]
    [InlineData("first criterion NotMet, last Unknown", BreastCancerDiagnosis.None, YesNoUnknown.Unknown)]
    [InlineData("first criterion Unknown, last NotMet", BreastCancerDiagnosis.Unknown, YesNoUnknown.Yes)]
    public void Not_met_beside_unknown_is_likely_ineligible_whatever_the_order(string why, BreastCancerDiagnosis diagnosis, YesNoUnknown pregnant)
    {
        var precheck = Run(AnswerSets.Baseline with { BreastCancer = diagnosis, Pregnant = pregnant });

        Assert.True(PrecheckResult.LikelyIneligible == precheck.Result, why);
        Assert.Null(precheck.Priority);
    }

    [Fact]
    public void Several_not_met_are_likely_ineligible_and_each_is_listed()
    {
        var precheck = Run(AnswerSets.Baseline with { Ecog = 4, DistantMetastasis = YesNoUnknown.No, LocalAnestheticAllergy = YesNoUnknown.Yes });

        Assert.Equal(PrecheckResult.LikelyIneligible, precheck.Result);
        Assert.Equal(["I2", "I8", "E4"], precheck.Criteria.Where(c => c.Outcome == Outcome.NotMet).Select(c => c.Id));
    }

    [Fact]
    public void An_unknown_without_not_met_needs_review_with_normal_priority()
    {
        var precheck = Run(AnswerSets.Baseline with { Ecog = null });

        Assert.Equal(PrecheckResult.NeedsReview, precheck.Result);
        Assert.Equal(Priority.Normal, precheck.Priority);
    }

    [Fact]
    public void Nothing_answered_needs_review_with_normal_priority()
    {
        var precheck = Run(new Answers());

        Assert.Equal(PrecheckResult.NeedsReview, precheck.Result);
        Assert.Equal(Priority.Normal, precheck.Priority);
        Assert.DoesNotContain(precheck.Criteria, c => c.Outcome == Outcome.NotMet);
    }

    [Fact]
    public void Clinician_review_does_not_block_likely_eligible_with_high_priority()
    {
        var precheck = Run(AnswerSets.Baseline);

        Assert.Equal(["E1", "E2", "E6"], precheck.Criteria.Where(c => c.Outcome == Outcome.ClinicianReview).Select(c => c.Id));
        Assert.Equal(PrecheckResult.LikelyEligible, precheck.Result);
        Assert.Equal(Priority.High, precheck.Priority);
    }

    [Fact]
    public void Not_applicable_does_not_block_likely_eligible()
    {
        var precheck = Run(AnswerSets.Baseline with { OncologistConcerns = new(false, false, false) });

        Assert.Equal(Outcome.NotApplicable, precheck["I6"].Outcome);
        Assert.Equal(PrecheckResult.LikelyEligible, precheck.Result);
        Assert.Equal(Priority.High, precheck.Priority);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(13)]
    [InlineData(14)]
    public void Clinical_biopsy_from_today_to_14_days_ahead_inclusive_is_urgent(int daysAhead)
    {
        var precheck = Run(AnswerSets.Baseline with { ScheduledClinicalBiopsy = new(Site.Liver, Today.AddDays(daysAhead)) });

        Assert.Equal(PrecheckResult.LikelyEligible, precheck.Result);
        Assert.Equal(Priority.Urgent, precheck.Priority);
    }

    [Theory]
    [InlineData(15)]
    [InlineData(60)]
    public void Clinical_biopsy_15_or_more_days_ahead_is_not_urgent_but_high(int daysAhead)
    {
        var precheck = Run(AnswerSets.Baseline with { ScheduledClinicalBiopsy = new(Site.Liver, Today.AddDays(daysAhead)) });

        Assert.Equal(Outcome.Met, precheck["I5"].Outcome);
        Assert.Equal(Priority.High, precheck.Priority);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(-14)]
    public void Clinical_biopsy_in_the_past_is_not_urgent(int daysAgo)
    {
        var precheck = Run(AnswerSets.Baseline with { ScheduledClinicalBiopsy = new(Site.Liver, Today.AddDays(daysAgo)) });

        Assert.Equal(Priority.High, precheck.Priority);
    }

    [Fact]
    public void Urgent_applies_to_needs_review_too()
    {
        var precheck = Run(AnswerSets.Baseline with { PrimaryTissue = PrimaryTissue.Unknown, ScheduledClinicalBiopsy = new(Site.Lung, Today.AddDays(5)) });

        Assert.Equal(PrecheckResult.NeedsReview, precheck.Result);
        Assert.Equal(Priority.Urgent, precheck.Priority);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    [InlineData(14)]
    public void Urgent_is_never_given_to_likely_ineligible(int daysAhead)
    {
        var precheck = Run(AnswerSets.Baseline with { Ecog = 3, ScheduledClinicalBiopsy = new(Site.Liver, Today.AddDays(daysAhead)) });

        Assert.Equal(PrecheckResult.LikelyIneligible, precheck.Result);
        Assert.Null(precheck.Priority);
    }

    [Fact]
    public void A_swapped_fluid_collection_within_14_days_is_still_urgent()
    {
        var precheck = Run(AnswerSets.Baseline with
        {
            MetastaticSites = [Site.PleuralFluid, Site.Liver],
            ScheduledClinicalBiopsy = new(Site.PleuralFluid, Today.AddDays(4)),
            EffusionCytologyConfirmed = YesNoUnknown.No,
        });

        Assert.Equal(PrecheckResult.LikelyEligible, precheck.Result);
        Assert.Equal(Priority.Urgent, precheck.Priority);
    }

    [Theory]
    [MemberData(nameof(Variety))]
    public void Every_result_carries_the_rule_set_version_and_today(string name, Answers answers)
    {
        var precheck = Run(answers);

        Assert.True(RuleSet.Nct03737695.Version == precheck.RulesetVersion, name);
        Assert.Equal("NCT03737695-2026.1", precheck.RulesetVersion);
        Assert.Equal(Today, precheck.Today);
    }

    [Theory]
    [MemberData(nameof(Variety))]
    public void Every_result_lists_all_15_criteria_in_order_I1_to_I9_then_E1_to_E6_each_with_a_reason(string name, Answers answers)
    {
        var precheck = Run(answers);

        Assert.True(CriterionOrder.SequenceEqual(precheck.Criteria.Select(c => c.Id)), $"{name}: {string.Join(",", precheck.Criteria.Select(c => c.Id))}");
        Assert.All(precheck.Criteria, c => Assert.False(string.IsNullOrWhiteSpace(c.Reason)));
    }

    [Fact]
    public void The_rule_set_lists_its_15_criteria_in_order_with_the_protocol_text()
    {
        Assert.Equal(CriterionOrder, RuleSet.Nct03737695.Criteria.Select(c => c.Id));
        Assert.All(RuleSet.Nct03737695.Criteria, c => Assert.False(string.IsNullOrWhiteSpace(c.ProtocolText)));
        Assert.Equal(14, RuleSet.Nct03737695.UrgentWindowDays);
    }
}
