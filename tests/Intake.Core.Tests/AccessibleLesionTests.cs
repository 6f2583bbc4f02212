using static Intake.Core.Tests.Prechecks;

namespace Intake.Core.Tests;

/// <summary>
/// I5 (accessible lesion), eligibility.md's "I5, in order" steps 1–6, and the collection source
/// that I6 depends on. Each case changes answers of the all-Met baseline (sites [bone, liver],
/// willing yes, no plan, no clinical biopsy, cytology absent).
/// </summary>
public sealed class AccessibleLesionTests
{
    private const string SiteOrderNote = "site order";

    private static SpecimenCollection Assess(Answers answers) => SpecimenCollection.Assess(answers, Today);

    // Step 1: a clinical biopsy today or later, at any site, is Type 1.

    [Theory]
    [InlineData(Site.Breast, 0)]
    [InlineData(Site.SkinChestWall, 0)]
    [InlineData(Site.LymphNodeSoftTissue, 0)]
    [InlineData(Site.Liver, 0)]
    [InlineData(Site.Bone, 0)]
    [InlineData(Site.Lung, 0)]
    [InlineData(Site.Brain, 0)]
    [InlineData(Site.PleuralFluid, 0)]
    [InlineData(Site.Ascites, 0)]
    [InlineData(Site.Other, 0)]
    [InlineData(Site.Lung, 1)]
    [InlineData(Site.Brain, 14)]
    [InlineData(Site.Other, 15)]
    [InlineData(Site.Bone, 90)]
    public void I5_step1_clinical_biopsy_today_or_later_at_any_site_is_met_type1_and_is_the_source(Site site, int daysAhead)
    {
        var date = Today.AddDays(daysAhead);
        var answers = AnswerSets.Baseline with { ScheduledClinicalBiopsy = new(site, date) };

        var precheck = Run(answers);

        AssertOutcome(precheck["I5"], "I5", Outcome.Met, "clinically directed", "Type 1", date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(site, precheck.CollectionSource);
        Assert.Equal(CollectionType.ClinicallyDirected, Assess(answers).Type);
    }

    [Theory]
    [InlineData(YesNoUnknown.No)]
    [InlineData(YesNoUnknown.Unknown)]
    [InlineData(null)]
    public void I5_step1_type1_does_not_need_willingness_for_a_research_only_biopsy(YesNoUnknown? willing)
    {
        var precheck = Run(AnswerSets.Baseline with { ScheduledClinicalBiopsy = new(Site.Liver, Today.AddDays(3)), WillingResearchBiopsy = willing });

        AssertOutcome(precheck["I5"], "I5", Outcome.Met, "Type 1");
        Assert.Equal(Site.Liver, precheck.CollectionSource);
        Assert.Equal(PrecheckResult.LikelyEligible, precheck.Result);
    }

    [Fact]
    public void I5_step1_type1_wins_over_sites_and_a_plan_that_type2_would_refuse()
    {
        var precheck = Run(AnswerSets.Baseline with
        {
            MetastaticSites = [Site.Lung],
            ResearchBiopsyPlan = new(Site.Lung, Anesthesia.General),
            ScheduledClinicalBiopsy = new(Site.Lung, Today),
        });

        AssertOutcome(precheck["I5"], "I5", Outcome.Met, "Type 1", "the lung");
        Assert.Equal(Site.Lung, precheck.CollectionSource);
    }

    // Step 2: otherwise Type 2, which needs willingness.

    [Fact]
    public void I5_step2_not_willing_without_a_clinical_biopsy_is_not_met()
    {
        var precheck = Run(AnswerSets.Baseline with { WillingResearchBiopsy = YesNoUnknown.No });

        AssertOutcome(precheck["I5"], "I5", Outcome.NotMet, "not willing", "no specimen can be collected");
        Assert.Null(precheck.CollectionSource);
    }

    [Theory]
    [InlineData(YesNoUnknown.Unknown, "unsure")]
    [InlineData(null, "not answered")]
    public void I5_step2_willingness_unsure_or_absent_is_unknown_and_says_what_to_ask(YesNoUnknown? willing, string reason)
    {
        var precheck = Run(AnswerSets.Baseline with { WillingResearchBiopsy = willing });

        AssertOutcome(precheck["I5"], "I5", Outcome.Unknown, reason, "ask whether");
        Assert.Null(precheck.CollectionSource);
    }

    // Step 3: the plan.

    [Theory]
    [InlineData(Site.Breast)]
    [InlineData(Site.Liver)]
    [InlineData(Site.PleuralFluid)]
    [InlineData(Site.Lung)]
    [InlineData(Site.Other)]
    public void I5_step3_plan_under_general_anaesthesia_is_not_met(Site site)
    {
        var precheck = Run(AnswerSets.Baseline with { ResearchBiopsyPlan = new(site, Anesthesia.General) });

        AssertOutcome(precheck["I5"], "I5", Outcome.NotMet, "general anaesthesia", "not permit");
        Assert.Null(precheck.CollectionSource);
    }

    [Theory]
    [InlineData(Site.Lung, Anesthesia.Local, "the lung")]
    [InlineData(Site.Lung, Anesthesia.IvConsciousSedation, "the lung")]
    [InlineData(Site.Lung, Anesthesia.Unknown, "the lung")]
    [InlineData(Site.Lung, null, "the lung")]
    [InlineData(Site.Brain, Anesthesia.Local, "the brain")]
    [InlineData(Site.Brain, Anesthesia.IvConsciousSedation, "the brain")]
    [InlineData(Site.Brain, Anesthesia.Unknown, "the brain")]
    [InlineData(Site.Brain, null, "the brain")]
    public void I5_step3_plan_at_lung_or_brain_is_not_met_and_names_the_site(Site site, Anesthesia? anesthesia, string named)
    {
        var precheck = Run(AnswerSets.Baseline with { ResearchBiopsyPlan = new(site, anesthesia) });

        AssertOutcome(precheck["I5"], "I5", Outcome.NotMet, named, "not permitted", "clinically directed");
        Assert.Null(precheck.CollectionSource);
    }

    [Theory]
    [InlineData(Site.Breast, Anesthesia.Local)]
    [InlineData(Site.SkinChestWall, Anesthesia.Local)]
    [InlineData(Site.LymphNodeSoftTissue, Anesthesia.Local)]
    [InlineData(Site.Liver, Anesthesia.Local)]
    [InlineData(Site.Bone, Anesthesia.Local)]
    [InlineData(Site.PleuralFluid, Anesthesia.Local)]
    [InlineData(Site.Ascites, Anesthesia.Local)]
    [InlineData(Site.Breast, Anesthesia.IvConsciousSedation)]
    [InlineData(Site.SkinChestWall, Anesthesia.IvConsciousSedation)]
    [InlineData(Site.LymphNodeSoftTissue, Anesthesia.IvConsciousSedation)]
    [InlineData(Site.Liver, Anesthesia.IvConsciousSedation)]
    [InlineData(Site.Bone, Anesthesia.IvConsciousSedation)]
    [InlineData(Site.PleuralFluid, Anesthesia.IvConsciousSedation)]
    [InlineData(Site.Ascites, Anesthesia.IvConsciousSedation)]
    public void I5_step3_plan_at_a_type2_site_under_local_or_iv_sedation_is_met_with_the_plan_site_as_source(Site site, Anesthesia anesthesia)
    {
        var answers = AnswerSets.Baseline with { ResearchBiopsyPlan = new(site, anesthesia) };

        var precheck = Run(answers);

        AssertOutcome(precheck["I5"], "I5", Outcome.Met, "planned", "Type 2", Sites.Describe(site));
        Assert.Equal(site, precheck.CollectionSource);
        Assert.Equal(CollectionType.ResearchOnly, Assess(answers).Type);
    }

    [Fact]
    public void I5_step3_the_plan_site_is_the_only_candidate_not_the_metastatic_sites()
    {
        var precheck = Run(AnswerSets.Baseline with
        {
            MetastaticSites = [Site.Breast, Site.Bone, Site.Liver],
            ResearchBiopsyPlan = new(Site.Bone, Anesthesia.Local),
        });

        AssertOutcome(precheck["I5"], "I5", Outcome.Met, "bone");
        Assert.Equal(Site.Bone, precheck.CollectionSource);
        // Step 6: one candidate (the plan's site), so no fixed order was used.
        AssertReasonLacks(precheck["I5"], SiteOrderNote);
    }

    [Fact]
    public void I5_step3_a_plan_at_lung_is_not_met_even_when_the_metastatic_sites_include_a_type2_site()
    {
        var precheck = Run(AnswerSets.Baseline with { MetastaticSites = [Site.Lung, Site.Liver], ResearchBiopsyPlan = new(Site.Lung, Anesthesia.Local) });

        Assert.Equal(Outcome.NotMet, precheck["I5"].Outcome);
    }

    // Step 3: the metastatic sites, and the fixed order (breast first, ascites last).

    [Theory]
    [InlineData(Site.Breast)]
    [InlineData(Site.SkinChestWall)]
    [InlineData(Site.LymphNodeSoftTissue)]
    [InlineData(Site.Liver)]
    [InlineData(Site.Bone)]
    [InlineData(Site.PleuralFluid)]
    [InlineData(Site.Ascites)]
    public void I5_step3_a_single_type2_metastatic_site_is_met_as_the_source_without_the_order_note(Site site)
    {
        var precheck = Run(AnswerSets.Baseline with { MetastaticSites = [site], EffusionCytologyConfirmed = YesNoUnknown.Yes });

        AssertOutcome(precheck["I5"], "I5", Outcome.Met, "Type 2", Sites.Describe(site));
        Assert.Equal(site, precheck.CollectionSource);
        AssertReasonLacks(precheck["I5"], SiteOrderNote);
    }

    [Theory]
    [InlineData(new[] { Site.Ascites, Site.PleuralFluid, Site.Bone, Site.Liver, Site.LymphNodeSoftTissue, Site.SkinChestWall, Site.Breast }, Site.Breast)]
    [InlineData(new[] { Site.Ascites, Site.PleuralFluid, Site.Bone, Site.Liver, Site.LymphNodeSoftTissue, Site.SkinChestWall }, Site.SkinChestWall)]
    [InlineData(new[] { Site.Ascites, Site.PleuralFluid, Site.Bone, Site.Liver, Site.LymphNodeSoftTissue }, Site.LymphNodeSoftTissue)]
    [InlineData(new[] { Site.Ascites, Site.PleuralFluid, Site.Bone, Site.Liver }, Site.Liver)]
    [InlineData(new[] { Site.Bone, Site.Liver }, Site.Liver)]
    [InlineData(new[] { Site.Ascites, Site.PleuralFluid, Site.Bone }, Site.Bone)]
    [InlineData(new[] { Site.Ascites, Site.PleuralFluid }, Site.PleuralFluid)]
    [InlineData(new[] { Site.Lung, Site.Brain, Site.Other, Site.Ascites }, Site.Ascites)]
    [InlineData(new[] { Site.Lung, Site.Bone }, Site.Bone)]
    [InlineData(new[] { Site.Other, Site.Breast }, Site.Breast)]
    public void I5_step3_several_sites_are_met_at_the_first_type2_site_in_the_fixed_order_and_step6_says_so(Site[] sites, Site source)
    {
        var precheck = Run(AnswerSets.Baseline with { MetastaticSites = sites, EffusionCytologyConfirmed = YesNoUnknown.Yes });

        AssertOutcome(precheck["I5"], "I5", Outcome.Met, "Type 2", Sites.Describe(source), SiteOrderNote, "team's own choice");
        Assert.Equal(source, precheck.CollectionSource);
    }

    [Theory]
    [InlineData(new[] { Site.Lung })]
    [InlineData(new[] { Site.Brain })]
    [InlineData(new[] { Site.Lung, Site.Brain })]
    [InlineData(new[] { Site.Brain, Site.Lung })]
    public void I5_step3_all_candidate_sites_lung_or_brain_is_not_met_and_mentions_a_clinically_directed_biopsy(Site[] sites)
    {
        var precheck = Run(AnswerSets.Baseline with { MetastaticSites = sites });

        AssertOutcome(precheck["I5"], "I5", Outcome.NotMet, "lung or brain", "not permitted", "clinically directed biopsy");
        Assert.Null(precheck.CollectionSource);
        Assert.Equal(PrecheckResult.LikelyIneligible, precheck.Result);
    }

    [Theory]
    [InlineData(new Site[0])]
    [InlineData(null)]
    public void I5_step3_no_metastatic_sites_is_unknown_and_asks_where_the_metastases_are(Site[]? sites)
    {
        var precheck = Run(AnswerSets.Baseline with { MetastaticSites = sites });

        AssertOutcome(precheck["I5"], "I5", Outcome.Unknown, "no metastatic site", "ask where");
        Assert.Null(precheck.CollectionSource);
        Assert.Equal(PrecheckResult.NeedsReview, precheck.Result);
    }

    [Theory]
    [InlineData(new[] { Site.Other })]
    [InlineData(new[] { Site.Other, Site.Lung })]
    [InlineData(new[] { Site.Brain, Site.Other })]
    [InlineData(new[] { Site.Lung, Site.Brain, Site.Other })]
    public void I5_step3_only_other_or_other_beside_lung_or_brain_is_unknown_and_says_to_find_out_where(Site[] sites)
    {
        var precheck = Run(AnswerSets.Baseline with { MetastaticSites = sites });

        AssertOutcome(precheck["I5"], "I5", Outcome.Unknown, "'other'", "find out where");
        Assert.Null(precheck.CollectionSource);
    }

    [Theory]
    [InlineData(Anesthesia.Local)]
    [InlineData(Anesthesia.IvConsciousSedation)]
    [InlineData(Anesthesia.Unknown)]
    [InlineData(null)]
    public void I5_step3_plan_at_other_is_unknown_and_says_to_find_out_where(Anesthesia? anesthesia)
    {
        var precheck = Run(AnswerSets.Baseline with { ResearchBiopsyPlan = new(Site.Other, anesthesia) });

        AssertOutcome(precheck["I5"], "I5", Outcome.Unknown, "'other'", "find out where");
        Assert.Null(precheck.CollectionSource);
    }

    [Theory]
    [InlineData(Site.Liver, Anesthesia.Unknown)]
    [InlineData(Site.Liver, null)]
    [InlineData(Site.Breast, Anesthesia.Unknown)]
    [InlineData(Site.Bone, null)]
    public void I5_step3_and_5_plan_with_anaesthesia_unknown_or_missing_is_unknown_with_the_plan_site_still_the_source(Site site, Anesthesia? anesthesia)
    {
        var precheck = Run(AnswerSets.Baseline with { ResearchBiopsyPlan = new(site, anesthesia) });

        AssertOutcome(precheck["I5"], "I5", Outcome.Unknown, Sites.Describe(site), "anaesthesia", "local anaesthesia or IV conscious sedation", "find out");
        Assert.Equal(site, precheck.CollectionSource);
        Assert.Equal(Outcome.NotApplicable, precheck["I6"].Outcome);
        Assert.Equal(PrecheckResult.NeedsReview, precheck.Result);
    }

    [Theory]
    [InlineData(Anesthesia.Unknown, YesNoUnknown.No, Outcome.NotMet)]
    [InlineData(null, YesNoUnknown.Yes, Outcome.Met)]
    public void I5_step5_plan_at_fluid_with_anaesthesia_unknown_keeps_the_fluid_source_so_I6_asks_for_cytology(Anesthesia? anesthesia, YesNoUnknown cytology, Outcome i6)
    {
        var precheck = Run(AnswerSets.Baseline with { ResearchBiopsyPlan = new(Site.PleuralFluid, anesthesia), EffusionCytologyConfirmed = cytology });

        Assert.Equal(Outcome.Unknown, precheck["I5"].Outcome);
        Assert.Equal(Site.PleuralFluid, precheck.CollectionSource);
        Assert.Equal(i6, precheck["I6"].Outcome);
    }

    // Step 4: a clinical biopsy dated before today counts as absent.

    [Theory]
    [InlineData(-1)]
    [InlineData(-30)]
    public void I5_step4_a_past_clinical_biopsy_counts_as_absent_so_type2_decides(int daysAgo)
    {
        var answers = AnswerSets.Baseline with { ScheduledClinicalBiopsy = new(Site.Brain, Today.AddDays(daysAgo)) };

        var precheck = Run(answers);

        AssertOutcome(precheck["I5"], "I5", Outcome.Met, "Type 2", "the liver");
        Assert.Equal(Site.Liver, precheck.CollectionSource);
        Assert.Equal(CollectionType.ResearchOnly, Assess(answers).Type);
        Assert.Equal(Priority.High, precheck.Priority);
    }

    [Fact]
    public void I5_step4_a_clinical_brain_biopsy_yesterday_with_only_brain_metastases_is_not_met()
    {
        var precheck = Run(AnswerSets.Baseline with { MetastaticSites = [Site.Brain], ScheduledClinicalBiopsy = new(Site.Brain, Today.AddDays(-1)) });

        AssertOutcome(precheck["I5"], "I5", Outcome.NotMet, "clinically directed biopsy");
        Assert.Null(precheck.CollectionSource);
        Assert.Equal(PrecheckResult.LikelyIneligible, precheck.Result);
    }

    [Fact]
    public void I5_step4_a_clinical_biopsy_yesterday_and_not_willing_is_not_met_and_says_it_has_taken_place()
    {
        var precheck = Run(AnswerSets.Baseline with { ScheduledClinicalBiopsy = new(Site.Liver, Today.AddDays(-1)), WillingResearchBiopsy = YesNoUnknown.No });

        AssertOutcome(precheck["I5"], "I5", Outcome.NotMet, "already taken place", "not willing");
        Assert.Null(precheck.CollectionSource);
    }

    [Fact]
    public void I5_step4_a_clinical_biopsy_yesterday_and_willingness_unsure_is_unknown()
    {
        var precheck = Run(AnswerSets.Baseline with { ScheduledClinicalBiopsy = new(Site.Liver, Today.AddDays(-1)), WillingResearchBiopsy = YesNoUnknown.Unknown });

        AssertOutcome(precheck["I5"], "I5", Outcome.Unknown, "unsure");
        Assert.Null(precheck.CollectionSource);
    }

    // Step 5: a fluid Type 1 source without cytology gives way to a solid Type 2 source.

    [Theory]
    [InlineData(Site.PleuralFluid, new[] { Site.PleuralFluid, Site.Liver }, Site.Liver)]
    [InlineData(Site.Ascites, new[] { Site.Ascites, Site.Bone }, Site.Bone)]
    [InlineData(Site.PleuralFluid, new[] { Site.PleuralFluid, Site.Bone, Site.Breast }, Site.Breast)]
    [InlineData(Site.Ascites, new[] { Site.Lung, Site.Ascites, Site.SkinChestWall }, Site.SkinChestWall)]
    public void I5_step5_fluid_type1_without_cytology_swaps_to_the_solid_type2_site_and_I6_is_not_applicable(Site fluid, Site[] sites, Site solid)
    {
        var answers = AnswerSets.Baseline with
        {
            MetastaticSites = sites,
            ScheduledClinicalBiopsy = new(fluid, Today.AddDays(2)),
            EffusionCytologyConfirmed = YesNoUnknown.No,
        };

        var precheck = Run(answers);

        AssertOutcome(precheck["I5"], "I5", Outcome.Met, Sites.Describe(fluid), "no cytologic confirmation", Sites.Describe(solid), "instead");
        Assert.Equal(solid, precheck.CollectionSource);
        Assert.Equal(CollectionType.ResearchOnly, Assess(answers).Type);
        AssertOutcome(precheck["I6"], "I6", Outcome.NotApplicable, "not pleural fluid or ascites");
        Assert.Equal(PrecheckResult.LikelyEligible, precheck.Result);
    }

    [Fact]
    public void I5_step5_fluid_type1_without_cytology_swaps_to_a_planned_solid_type2_site()
    {
        var precheck = Run(AnswerSets.Baseline with
        {
            MetastaticSites = [Site.PleuralFluid],
            ResearchBiopsyPlan = new(Site.Liver, Anesthesia.Local),
            ScheduledClinicalBiopsy = new(Site.PleuralFluid, Today),
            EffusionCytologyConfirmed = YesNoUnknown.No,
        });

        Assert.Equal(Outcome.Met, precheck["I5"].Outcome);
        Assert.Equal(Site.Liver, precheck.CollectionSource);
        Assert.Equal(Outcome.NotApplicable, precheck["I6"].Outcome);
    }

    [Theory]
    [InlineData("not willing", new[] { Site.PleuralFluid, Site.Liver }, YesNoUnknown.No, null)]
    [InlineData("willingness unsure", new[] { Site.PleuralFluid, Site.Liver }, YesNoUnknown.Unknown, null)]
    [InlineData("only fluid Type 2 sites", new[] { Site.PleuralFluid, Site.Ascites }, YesNoUnknown.Yes, null)]
    [InlineData("only lung/brain", new[] { Site.PleuralFluid, Site.Lung }, YesNoUnknown.Yes, null)]
    [InlineData("plan under general", new[] { Site.PleuralFluid, Site.Liver }, YesNoUnknown.Yes, Anesthesia.General)]
    [InlineData("plan anaesthesia unknown", new[] { Site.PleuralFluid, Site.Liver }, YesNoUnknown.Yes, Anesthesia.Unknown)]
    public void I5_step5_no_swap_when_type2_would_not_be_met_at_a_solid_site_so_I6_is_not_met(string why, Site[] sites, YesNoUnknown willing, Anesthesia? planAnesthesia)
    {
        var answers = AnswerSets.Baseline with
        {
            MetastaticSites = sites,
            WillingResearchBiopsy = willing,
            ResearchBiopsyPlan = planAnesthesia is { } a ? new(Site.Liver, a) : null,
            ScheduledClinicalBiopsy = new(Site.PleuralFluid, Today.AddDays(1)),
            EffusionCytologyConfirmed = YesNoUnknown.No,
        };

        var precheck = Run(answers);

        Assert.True(Site.PleuralFluid == precheck.CollectionSource, $"{why}: source {precheck.CollectionSource}");
        AssertOutcome(precheck["I5"], "I5", Outcome.Met, "Type 1");
        Assert.Equal(CollectionType.ClinicallyDirected, Assess(answers).Type);
        AssertOutcome(precheck["I6"], "I6", Outcome.NotMet, "no previous cytology");
        Assert.Equal(PrecheckResult.LikelyIneligible, precheck.Result);
    }

    [Theory]
    [InlineData(YesNoUnknown.Yes, Outcome.Met)]
    [InlineData(YesNoUnknown.Unknown, Outcome.Unknown)]
    [InlineData(null, Outcome.Unknown)]
    public void I5_step5_no_swap_unless_cytology_is_no(YesNoUnknown? cytology, Outcome i6)
    {
        var precheck = Run(AnswerSets.Baseline with
        {
            MetastaticSites = [Site.PleuralFluid, Site.Liver],
            ScheduledClinicalBiopsy = new(Site.PleuralFluid, Today),
            EffusionCytologyConfirmed = cytology,
        });

        Assert.Equal(Site.PleuralFluid, precheck.CollectionSource);
        Assert.Equal(i6, precheck["I6"].Outcome);
    }

    [Fact]
    public void I5_step5_a_solid_type1_source_is_never_swapped()
    {
        var precheck = Run(AnswerSets.Baseline with
        {
            MetastaticSites = [Site.Bone, Site.Liver],
            ScheduledClinicalBiopsy = new(Site.Other, Today),
            EffusionCytologyConfirmed = YesNoUnknown.No,
        });

        Assert.Equal(Site.Other, precheck.CollectionSource);
        Assert.Equal(Outcome.NotApplicable, precheck["I6"].Outcome);
    }

    [Theory]
    [InlineData(YesNoUnknown.No)]
    [InlineData(YesNoUnknown.Unknown)]
    [InlineData(null)]
    public void I5_step5_no_source_makes_I6_not_applicable(YesNoUnknown? willing)
    {
        var precheck = Run(AnswerSets.Baseline with { WillingResearchBiopsy = willing, EffusionCytologyConfirmed = YesNoUnknown.No });

        Assert.Null(precheck.CollectionSource);
        AssertOutcome(precheck["I6"], "I6", Outcome.NotApplicable, "no collection source");
    }

    [Fact]
    public void I5_step5_a_solid_source_makes_I6_not_applicable() =>
        AssertOutcome(Judge("I6", AnswerSets.Baseline with { EffusionCytologyConfirmed = YesNoUnknown.No }), "I6", Outcome.NotApplicable, "not pleural fluid or ascites");

    // Step 6: the reason mentions the fixed site order only when there is more than one candidate site.

    [Fact]
    public void I5_step6_baseline_with_two_sites_mentions_the_fixed_order() =>
        AssertOutcome(Judge("I5", AnswerSets.Baseline), "I5", Outcome.Met, SiteOrderNote, "team's own choice");

    [Fact]
    public void I5_step6_one_site_does_not_mention_the_fixed_order() =>
        AssertReasonLacks(Judge("I5", AnswerSets.Baseline with { MetastaticSites = [Site.Liver] }), SiteOrderNote);

    [Fact]
    public void I5_step6_type1_does_not_mention_the_fixed_order() =>
        AssertReasonLacks(Judge("I5", AnswerSets.Baseline with { ScheduledClinicalBiopsy = new(Site.Bone, Today) }), SiteOrderNote);

    [Fact]
    public void I5_step6_a_step5_swap_chosen_among_several_sites_mentions_the_fixed_order()
    {
        var outcome = Judge("I5", AnswerSets.Baseline with
        {
            MetastaticSites = [Site.PleuralFluid, Site.Bone, Site.Liver],
            ScheduledClinicalBiopsy = new(Site.PleuralFluid, Today),
            EffusionCytologyConfirmed = YesNoUnknown.No,
        });

        AssertOutcome(outcome, "I5", Outcome.Met, "the liver", SiteOrderNote, "team's own choice");
    }

    [Fact]
    public void I5_step6_a_step5_swap_to_the_only_candidate_site_does_not_mention_the_fixed_order()
    {
        var outcome = Judge("I5", AnswerSets.Baseline with
        {
            MetastaticSites = [Site.Liver],
            ScheduledClinicalBiopsy = new(Site.PleuralFluid, Today),
            EffusionCytologyConfirmed = YesNoUnknown.No,
        });

        AssertOutcome(outcome, "I5", Outcome.Met, "the liver", "instead");
        AssertReasonLacks(outcome, SiteOrderNote);
    }
}
