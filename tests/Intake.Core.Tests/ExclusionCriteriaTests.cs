using static Intake.Core.Tests.Prechecks;

namespace Intake.Core.Tests;

/// <summary>
/// eligibility.md's exclusion table, row by row. An exclusion is <c>Met</c> when it is absent.
/// Each row changes answers of the all-Met baseline; <c>null</c> is an absent answer.
/// </summary>
public sealed class ExclusionCriteriaTests
{
    /// <summary>Oncologist concerns with <paramref name="id"/>'s member set to <paramref name="value"/> and the other two false.</summary>
    private static OncologistConcerns ConcernsWith(string id, bool? value) => id switch
    {
        "E1" => new(value, false, false),
        "E2" => new(false, value, false),
        "E6" => new(false, false, value),
        _ => throw new ArgumentOutOfRangeException(nameof(id), id, "not an oncologist-opinion exclusion"),
    };

    // E1, E2, E6: the oncologist's opinion.

    [Theory]
    [InlineData("E1", "concurrent disease")]
    [InlineData("E2", "safety during the biopsy")]
    [InlineData("E6", "hazardous")]
    public void E1_E2_E6_concern_false_is_met(string id, string concern)
    {
        var precheck = Run(AnswerSets.Baseline with { OncologistConcerns = ConcernsWith(id, false) });

        AssertOutcome(precheck[id], id, Outcome.Met, "reports no", concern);
    }

    [Theory]
    [InlineData("E1", "concurrent disease")]
    [InlineData("E2", "safety during the biopsy")]
    [InlineData("E6", "hazardous")]
    public void E1_E2_E6_concern_true_is_not_met_and_the_others_stay_met(string id, string concern)
    {
        var precheck = Run(AnswerSets.Baseline with { OncologistConcerns = ConcernsWith(id, true) });

        AssertOutcome(precheck[id], id, Outcome.NotMet, "oncologist reports", concern);
        AssertReasonLacks(precheck[id], "reports no");
        Assert.All(new[] { "E1", "E2", "E6" }.Where(other => other != id), other => Assert.Equal(Outcome.Met, precheck[other].Outcome));
        Assert.Equal(PrecheckResult.LikelyIneligible, precheck.Result);
    }

    [Theory]
    [InlineData("E1", "concurrent disease")]
    [InlineData("E2", "safety during the biopsy")]
    [InlineData("E6", "hazardous")]
    public void E1_E2_E6_without_oncologist_concerns_is_clinician_review(string id, string concern)
    {
        var precheck = Run(AnswerSets.Baseline with { OncologistConcerns = null });

        AssertOutcome(precheck[id], id, Outcome.ClinicianReview, "no oncologist's opinion", "treating oncologist or biopsy provider", concern);
    }

    [Theory]
    [InlineData("E1", "concurrent disease")]
    [InlineData("E2", "safety during the biopsy")]
    [InlineData("E6", "hazardous")]
    public void E1_E2_E6_concern_member_null_is_clinician_review_and_the_others_stay_met(string id, string concern)
    {
        var precheck = Run(AnswerSets.Baseline with { OncologistConcerns = ConcernsWith(id, null) });

        AssertOutcome(precheck[id], id, Outcome.ClinicianReview, "did not say", concern);
        Assert.All(new[] { "E1", "E2", "E6" }.Where(other => other != id), other => Assert.Equal(Outcome.Met, precheck[other].Outcome));
    }

    [Fact]
    public void E1_E2_E6_concerns_with_every_member_null_are_all_clinician_review()
    {
        var precheck = Run(AnswerSets.Baseline with { OncologistConcerns = new(null, null, null) });

        foreach (var id in new[] { "E1", "E2", "E6" })
        {
            AssertOutcome(precheck[id], id, Outcome.ClinicianReview, "did not say");
        }
    }

    // E3: dementia, altered mental status, psychiatric condition preventing consent.

    [Fact]
    public void E3_cognitive_impairment_no_is_met() =>
        AssertOutcome(Judge("E3", AnswerSets.Baseline with { CognitiveImpairment = YesNoUnknown.No }), "E3", Outcome.Met, "no dementia");

    [Fact]
    public void E3_cognitive_impairment_yes_is_not_met() =>
        AssertOutcome(Judge("E3", AnswerSets.Baseline with { CognitiveImpairment = YesNoUnknown.Yes }), "E3", Outcome.NotMet, "dementia", "is reported");

    [Theory]
    [InlineData(YesNoUnknown.Unknown, "unsure")]
    [InlineData(null, "not answered")]
    public void E3_cognitive_impairment_unsure_or_absent_is_unknown(YesNoUnknown? answer, string reason) =>
        AssertOutcome(Judge("E3", AnswerSets.Baseline with { CognitiveImpairment = answer }), "E3", Outcome.Unknown, "dementia", reason);

    // E4: serious allergic reaction to local anaesthetics.

    [Fact]
    public void E4_local_anaesthetic_allergy_no_is_met() =>
        AssertOutcome(Judge("E4", AnswerSets.Baseline with { LocalAnestheticAllergy = YesNoUnknown.No }), "E4", Outcome.Met, "no serious allergic reaction");

    [Fact]
    public void E4_local_anaesthetic_allergy_yes_is_not_met_and_names_the_anaesthetics() =>
        AssertOutcome(Judge("E4", AnswerSets.Baseline with { LocalAnestheticAllergy = YesNoUnknown.Yes }), "E4", Outcome.NotMet, "allergic reaction", "lidocaine");

    [Theory]
    [InlineData(YesNoUnknown.Unknown, "unsure")]
    [InlineData(null, "not answered")]
    public void E4_local_anaesthetic_allergy_unsure_or_absent_is_unknown(YesNoUnknown? answer, string reason) =>
        AssertOutcome(Judge("E4", AnswerSets.Baseline with { LocalAnestheticAllergy = answer }), "E4", Outcome.Unknown, "local anaesthetics", reason);

    // E5: pregnancy. Female, other, undisclosed and absent sex are all asked.

    [Theory]
    [InlineData(Sex.Female)]
    [InlineData(Sex.Other)]
    [InlineData(Sex.Undisclosed)]
    [InlineData(null)]
    public void E5_not_pregnant_is_met_for_female_other_undisclosed_or_absent_sex(Sex? sex) =>
        AssertOutcome(Judge("E5", AnswerSets.Baseline with { Sex = sex, Pregnant = YesNoUnknown.No }), "E5", Outcome.Met, "not pregnant");

    [Theory]
    [InlineData(Sex.Female)]
    [InlineData(Sex.Other)]
    [InlineData(Sex.Undisclosed)]
    [InlineData(null)]
    public void E5_pregnant_is_not_met_for_female_other_undisclosed_or_absent_sex(Sex? sex) =>
        AssertOutcome(Judge("E5", AnswerSets.Baseline with { Sex = sex, Pregnant = YesNoUnknown.Yes }), "E5", Outcome.NotMet, "pregnant", "fetus");

    [Theory]
    [InlineData(Sex.Female, YesNoUnknown.Unknown, "unsure")]
    [InlineData(Sex.Female, null, "not answered")]
    [InlineData(Sex.Other, YesNoUnknown.Unknown, "unsure")]
    [InlineData(Sex.Other, null, "not answered")]
    [InlineData(Sex.Undisclosed, YesNoUnknown.Unknown, "unsure")]
    [InlineData(Sex.Undisclosed, null, "not answered")]
    [InlineData(null, YesNoUnknown.Unknown, "unsure")]
    [InlineData(null, null, "not answered")]
    public void E5_pregnancy_unsure_or_absent_is_unknown_for_female_other_undisclosed_or_absent_sex(Sex? sex, YesNoUnknown? pregnant, string reason) =>
        AssertOutcome(Judge("E5", AnswerSets.Baseline with { Sex = sex, Pregnant = pregnant }), "E5", Outcome.Unknown, "pregnant", reason);

    [Theory]
    [InlineData(YesNoUnknown.No)]
    [InlineData(YesNoUnknown.Unknown)]
    [InlineData(null)]
    public void E5_male_is_met_and_never_unknown_whatever_pregnant_says(YesNoUnknown? pregnant)
    {
        var outcome = Judge("E5", AnswerSets.Baseline with { Sex = Sex.Male, Pregnant = pregnant });

        AssertOutcome(outcome, "E5", Outcome.Met, "does not apply", "male");
        AssertReasonLacks(outcome, "contradiction");
    }

    [Fact]
    public void E5_male_and_pregnant_yes_is_met_and_the_reason_names_the_contradiction() =>
        AssertOutcome(Judge("E5", AnswerSets.Baseline with { Sex = Sex.Male, Pregnant = YesNoUnknown.Yes }), "E5", Outcome.Met, "male", "pregnant", "contradiction");

    [Fact]
    public void E5_male_with_pregnancy_unanswered_is_likely_eligible_so_sex_does_not_otherwise_matter()
    {
        var precheck = Run(AnswerSets.Baseline with { Sex = Sex.Male, Pregnant = null });

        Assert.Equal(PrecheckResult.LikelyEligible, precheck.Result);
        Assert.Equal(Priority.High, precheck.Priority);
    }
}
