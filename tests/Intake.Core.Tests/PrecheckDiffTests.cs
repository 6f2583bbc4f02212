using static Intake.Core.Tests.Prechecks;

namespace Intake.Core.Tests;

/// <summary><see cref="PrecheckDiff"/>: what counts as a change between two pre-checks, and how history words it.</summary>
public sealed class PrecheckDiffTests
{
    private static Precheck WithOutcome(Precheck precheck, string id, Outcome outcome) => precheck with
    {
        Criteria = [.. precheck.Criteria.Select(c => c.Id == id ? c with { Outcome = outcome } : c)],
    };

    [Fact]
    public void The_same_answers_judged_a_day_later_do_not_differ_although_reasons_name_the_new_date()
    {
        var before = Run(AnswerSets.Baseline, Today);
        var after = Run(AnswerSets.Baseline, Today.AddDays(1));

        // The age reason names the day it was judged on: a reason-only change.
        Assert.NotEqual(before["I7"].Reason, after["I7"].Reason);
        Assert.NotEqual(before.Today, after.Today);
        Assert.False(PrecheckDiff.Differs(before, after));
    }

    [Fact]
    public void A_reason_that_changes_alone_is_not_a_difference()
    {
        var before = Run(AnswerSets.Baseline);
        var after = before with { Criteria = [.. before.Criteria.Select(c => c with { Reason = c.Reason + " (reworded)" })] };

        Assert.False(PrecheckDiff.Differs(before, after));
    }

    [Fact]
    public void A_biopsy_entering_the_urgent_window_differs_by_priority()
    {
        var answers = AnswerSets.Baseline with { ScheduledClinicalBiopsy = new(Site.Liver, Today.AddDays(15)) };
        var before = Run(answers, Today);
        var after = Run(answers, Today.AddDays(1));

        Assert.Equal(Priority.High, before.Priority);
        Assert.Equal(Priority.Urgent, after.Priority);
        Assert.Equal(before.Result, after.Result);
        Assert.True(PrecheckDiff.Differs(before, after));
    }

    [Fact]
    public void A_different_result_differs()
    {
        var before = Run(AnswerSets.Baseline);

        Assert.True(PrecheckDiff.Differs(before, before with { Result = PrecheckResult.NeedsReview }));
    }

    [Fact]
    public void A_different_collection_source_alone_differs()
    {
        var before = Run(AnswerSets.Baseline);

        Assert.Equal(Site.Liver, before.CollectionSource);
        Assert.True(PrecheckDiff.Differs(before, before with { CollectionSource = Site.Bone }));
        Assert.True(PrecheckDiff.Differs(before, before with { CollectionSource = null }));
    }

    [Fact]
    public void A_different_outcome_of_one_criterion_alone_differs()
    {
        var before = Run(AnswerSets.Baseline);

        Assert.True(PrecheckDiff.Differs(before, WithOutcome(before, "E4", Outcome.Unknown)));
    }

    [Fact]
    public void A_passed_clinical_biopsy_differs_by_priority_and_source()
    {
        var answers = AnswerSets.Baseline with { ScheduledClinicalBiopsy = new(Site.Lung, Today) };
        var onTheDay = Run(answers, Today);
        var dayAfter = Run(answers, Today.AddDays(1));

        Assert.Equal((Priority.Urgent, Site.Lung), (onTheDay.Priority!.Value, onTheDay.CollectionSource!.Value));
        Assert.Equal((Priority.High, Site.Liver), (dayAfter.Priority!.Value, dayAfter.CollectionSource!.Value));
        Assert.True(PrecheckDiff.Differs(onTheDay, dayAfter));
    }

    [Fact]
    public void Anything_differs_from_no_precheck()
    {
        Assert.True(PrecheckDiff.Differs(null, Run(AnswerSets.Baseline)));
    }

    [Fact]
    public void Describe_names_both_results_with_priorities_then_each_changed_criterion_with_its_new_reason()
    {
        var before = Run(AnswerSets.Baseline with { PrimaryTissue = PrimaryTissue.Unknown });
        var after = Run(AnswerSets.Baseline);

        var text = PrecheckDiff.Describe(before, after);

        Assert.Equal($"NeedsReview (Normal) → LikelyEligible (High); I4 Unknown → Met: {after["I4"].Reason}", text);
        Assert.StartsWith("NeedsReview (Normal) → LikelyEligible (High); I4 Unknown → Met: FFPE tissue", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Describe_lists_every_changed_criterion_in_order_and_gives_no_priority_for_likely_ineligible()
    {
        var before = Run(AnswerSets.Baseline with { PrimaryTissue = PrimaryTissue.Unknown });
        var after = Run(AnswerSets.Baseline with { Ecog = 3, LocalAnestheticAllergy = YesNoUnknown.Yes });

        var text = PrecheckDiff.Describe(before, after);

        Assert.Equal(
            $"NeedsReview (Normal) → LikelyIneligible; I4 Unknown → Met: {after["I4"].Reason}; I8 Met → NotMet: {after["I8"].Reason}; E4 Met → NotMet: {after["E4"].Reason}",
            text);
    }

    [Fact]
    public void Describe_of_a_priority_change_alone_has_no_criterion_part()
    {
        var answers = AnswerSets.Baseline with { ScheduledClinicalBiopsy = new(Site.Liver, Today.AddDays(15)) };

        var text = PrecheckDiff.Describe(Run(answers, Today), Run(answers, Today.AddDays(1)));

        Assert.Equal("LikelyEligible (High) → LikelyEligible (Urgent)", text);
    }

    [Fact]
    public void Describe_names_a_changed_collection_source_that_the_results_alone_would_hide()
    {
        // Likely ineligible either way (I1), I5 met either way: only the source moved when the clinical biopsy passed.
        var answers = AnswerSets.Baseline with { BreastCancer = BreastCancerDiagnosis.None, ScheduledClinicalBiopsy = new(Site.Lung, Today) };
        var before = Run(answers, Today);
        var after = Run(answers, Today.AddDays(1));

        Assert.True(PrecheckDiff.Differs(before, after));
        Assert.Equal("LikelyIneligible → LikelyIneligible; collection source lung → liver", PrecheckDiff.Describe(before, after));
    }

    [Fact]
    public void Describe_names_a_source_that_appears_or_goes()
    {
        var withSource = Run(AnswerSets.Baseline);
        var without = Run(AnswerSets.Baseline with { WillingResearchBiopsy = YesNoUnknown.Unknown });

        Assert.Null(without.CollectionSource);
        Assert.StartsWith("LikelyEligible (High) → NeedsReview (Normal); collection source liver → none; I5 Met → Unknown: ", PrecheckDiff.Describe(withSource, without), StringComparison.Ordinal);
        Assert.StartsWith("NeedsReview (Normal) → LikelyEligible (High); collection source none → liver; I5 Unknown → Met: ", PrecheckDiff.Describe(without, withSource), StringComparison.Ordinal);
    }

    [Fact]
    public void Describe_without_an_earlier_precheck_says_so()
    {
        Assert.Equal("not pre-checked → LikelyEligible (High)", PrecheckDiff.Describe(null, Run(AnswerSets.Baseline)));
    }
}
