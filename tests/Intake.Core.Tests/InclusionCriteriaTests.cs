using static Intake.Core.Tests.Prechecks;

namespace Intake.Core.Tests;

/// <summary>
/// eligibility.md's inclusion table, row by row, for I1–I4 and I6–I9 (I5 is in
/// <see cref="AccessibleLesionTests"/>). Each row changes one answer of the all-Met baseline;
/// <c>null</c> is an absent answer.
/// </summary>
public sealed class InclusionCriteriaTests
{
    // I1: invasive breast cancer, confirmed or suspected.

    [Theory]
    [InlineData(BreastCancerDiagnosis.InvasiveConfirmed, "histologically confirmed")]
    [InlineData(BreastCancerDiagnosis.InvasiveSuspected, "suspected")]
    public void I1_invasive_confirmed_or_suspected_is_met(BreastCancerDiagnosis answer, string reason) =>
        AssertOutcome(Judge("I1", AnswerSets.Baseline with { BreastCancer = answer }), "I1", Outcome.Met, "invasive", reason);

    [Theory]
    [InlineData(BreastCancerDiagnosis.InSituOnly, "in-situ")]
    [InlineData(BreastCancerDiagnosis.None, "no breast cancer")]
    public void I1_in_situ_only_or_none_is_not_met(BreastCancerDiagnosis answer, string reason) =>
        AssertOutcome(Judge("I1", AnswerSets.Baseline with { BreastCancer = answer }), "I1", Outcome.NotMet, reason);

    [Theory]
    [InlineData(BreastCancerDiagnosis.Unknown, "unsure")]
    [InlineData(null, "not answered")]
    public void I1_unsure_or_absent_is_unknown(BreastCancerDiagnosis? answer, string reason) =>
        AssertOutcome(Judge("I1", AnswerSets.Baseline with { BreastCancer = answer }), "I1", Outcome.Unknown, reason);

    // I2: distant metastatic disease on imaging.

    [Fact]
    public void I2_distant_metastasis_yes_is_met() =>
        AssertOutcome(Judge("I2", AnswerSets.Baseline with { DistantMetastasis = YesNoUnknown.Yes }), "I2", Outcome.Met, "imaging shows distant metastatic disease");

    [Fact]
    public void I2_distant_metastasis_no_is_not_met() =>
        AssertOutcome(Judge("I2", AnswerSets.Baseline with { DistantMetastasis = YesNoUnknown.No }), "I2", Outcome.NotMet, "no distant metastatic disease");

    [Theory]
    [InlineData(YesNoUnknown.Unknown, "unsure")]
    [InlineData(null, "not answered")]
    public void I2_distant_metastasis_unsure_or_absent_is_unknown(YesNoUnknown? answer, string reason) =>
        AssertOutcome(Judge("I2", AnswerSets.Baseline with { DistantMetastasis = answer }), "I2", Outcome.Unknown, "distant metastatic disease", reason);

    // I3: progression, or de novo stage IV.

    [Theory]
    [InlineData(DiseaseStatus.Progressing, "progressing")]
    [InlineData(DiseaseStatus.DeNovoStageIV, "de novo stage IV")]
    public void I3_progressing_or_de_novo_stage_IV_is_met(DiseaseStatus answer, string reason) =>
        AssertOutcome(Judge("I3", AnswerSets.Baseline with { DiseaseStatus = answer }), "I3", Outcome.Met, reason);

    [Fact]
    public void I3_stable_disease_is_not_met() =>
        AssertOutcome(Judge("I3", AnswerSets.Baseline with { DiseaseStatus = DiseaseStatus.Stable }), "I3", Outcome.NotMet, "stable");

    [Theory]
    [InlineData(DiseaseStatus.Unknown, "unsure")]
    [InlineData(null, "not answered")]
    public void I3_unsure_or_absent_is_unknown(DiseaseStatus? answer, string reason) =>
        AssertOutcome(Judge("I3", AnswerSets.Baseline with { DiseaseStatus = answer }), "I3", Outcome.Unknown, reason);

    // I4: archived primary tissue.

    [Fact]
    public void I4_fresh_frozen_is_met_as_the_preferred_kind()
    {
        var outcome = Judge("I4", AnswerSets.Baseline with { PrimaryTissue = PrimaryTissue.FreshFrozen });

        AssertOutcome(outcome, "I4", Outcome.Met, "fresh frozen", "preferred");
        AssertReasonLacks(outcome, "FFPE");
    }

    [Theory]
    [InlineData(PrimaryTissue.Ffpe, "FFPE")]
    [InlineData(PrimaryTissue.AvailableTypeUnknown, "unknown type")]
    public void I4_ffpe_or_type_unknown_is_met_and_notes_fresh_frozen_is_preferred(PrimaryTissue answer, string reason) =>
        AssertOutcome(Judge("I4", AnswerSets.Baseline with { PrimaryTissue = answer }), "I4", Outcome.Met, reason, "fresh frozen is preferred");

    [Fact]
    public void I4_no_archived_tissue_is_not_met() =>
        AssertOutcome(Judge("I4", AnswerSets.Baseline with { PrimaryTissue = PrimaryTissue.None }), "I4", Outcome.NotMet, "no tissue");

    [Theory]
    [InlineData(PrimaryTissue.Unknown, "unsure")]
    [InlineData(null, "not answered")]
    public void I4_unsure_or_absent_is_unknown(PrimaryTissue? answer, string reason) =>
        AssertOutcome(Judge("I4", AnswerSets.Baseline with { PrimaryTissue = answer }), "I4", Outcome.Unknown, "tissue", reason);

    // I6: cytology, if fluid is the source (here the only metastatic site, so the collection source).

    [Theory]
    [InlineData(Site.PleuralFluid)]
    [InlineData(Site.Ascites)]
    public void I6_fluid_source_with_cytology_yes_is_met(Site fluid)
    {
        var precheck = Run(AnswerSets.Baseline with { MetastaticSites = [fluid], EffusionCytologyConfirmed = YesNoUnknown.Yes });

        Assert.Equal(fluid, precheck.CollectionSource);
        AssertOutcome(precheck["I6"], "I6", Outcome.Met, "cytology has confirmed");
    }

    [Theory]
    [InlineData(Site.PleuralFluid)]
    [InlineData(Site.Ascites)]
    public void I6_fluid_source_with_cytology_no_is_not_met(Site fluid)
    {
        var precheck = Run(AnswerSets.Baseline with { MetastaticSites = [fluid], EffusionCytologyConfirmed = YesNoUnknown.No });

        Assert.Equal(fluid, precheck.CollectionSource);
        AssertOutcome(precheck["I6"], "I6", Outcome.NotMet, "fluid is the planned source", "no previous cytology");
    }

    [Theory]
    [InlineData(Site.PleuralFluid, YesNoUnknown.Unknown, "unsure")]
    [InlineData(Site.PleuralFluid, null, "not answered")]
    [InlineData(Site.Ascites, YesNoUnknown.Unknown, "unsure")]
    [InlineData(Site.Ascites, null, "not answered")]
    public void I6_fluid_source_with_cytology_unsure_or_absent_is_unknown(Site fluid, YesNoUnknown? cytology, string reason)
    {
        var precheck = Run(AnswerSets.Baseline with { MetastaticSites = [fluid], EffusionCytologyConfirmed = cytology });

        Assert.Equal(fluid, precheck.CollectionSource);
        AssertOutcome(precheck["I6"], "I6", Outcome.Unknown, "fluid is the planned source", reason);
    }

    [Theory]
    [InlineData(YesNoUnknown.Yes)]
    [InlineData(YesNoUnknown.No)]
    [InlineData(YesNoUnknown.Unknown)]
    [InlineData(null)]
    public void I6_is_not_applicable_whatever_cytology_says_when_the_source_is_solid(YesNoUnknown? cytology)
    {
        var precheck = Run(AnswerSets.Baseline with { EffusionCytologyConfirmed = cytology });

        Assert.Equal(Site.Liver, precheck.CollectionSource);
        AssertOutcome(precheck["I6"], "I6", Outcome.NotApplicable, "not pleural fluid or ascites");
    }

    [Theory]
    [InlineData(YesNoUnknown.Yes)]
    [InlineData(YesNoUnknown.No)]
    [InlineData(YesNoUnknown.Unknown)]
    [InlineData(null)]
    public void I6_is_not_applicable_whatever_cytology_says_when_there_is_no_source(YesNoUnknown? cytology)
    {
        var precheck = Run(AnswerSets.Baseline with { WillingResearchBiopsy = YesNoUnknown.No, EffusionCytologyConfirmed = cytology });

        Assert.Null(precheck.CollectionSource);
        AssertOutcome(precheck["I6"], "I6", Outcome.NotApplicable, "no collection source");
    }

    // I7: age 18 or older on "today" (the turning-18 and 29 February days are in DatesTests).

    [Fact]
    public void I7_aged_54_is_met_and_names_the_age() =>
        AssertOutcome(Judge("I7", AnswerSets.Baseline), "I7", Outcome.Met, "aged 54", "2026-11-26", "18 or older");

    [Fact]
    public void I7_aged_17_is_not_met_and_names_the_age_and_the_minimum() =>
        AssertOutcome(Judge("I7", AnswerSets.Baseline with { DateOfBirth = new DateOnly(2009, 6, 1) }), "I7", Outcome.NotMet, "aged 17", "requires 18 or older");

    [Fact]
    public void I7_absent_date_of_birth_is_unknown() =>
        AssertOutcome(Judge("I7", AnswerSets.Baseline with { DateOfBirth = null }), "I7", Outcome.Unknown, "no date of birth");

    // I8: ECOG 0–2.

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void I8_ecog_0_to_2_is_met_and_names_the_score_and_the_limit(int ecog) =>
        AssertOutcome(Judge("I8", AnswerSets.Baseline with { Ecog = ecog }), "I8", Outcome.Met, $"ECOG {ecog}", "limit of 2");

    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    public void I8_ecog_3_or_4_is_not_met_and_names_the_score_and_the_limit(int ecog) =>
        AssertOutcome(Judge("I8", AnswerSets.Baseline with { Ecog = ecog }), "I8", Outcome.NotMet, $"ECOG {ecog}", "above", "limit of 2");

    [Fact]
    public void I8_absent_ecog_is_unknown() =>
        AssertOutcome(Judge("I8", AnswerSets.Baseline with { Ecog = null }), "I8", Outcome.Unknown, "ECOG", "not given");

    // I9: able and willing to consent.

    [Fact]
    public void I9_can_consent_yes_is_met() =>
        AssertOutcome(Judge("I9", AnswerSets.Baseline with { CanConsent = YesNoUnknown.Yes }), "I9", Outcome.Met, "able to understand and willing to sign");

    [Fact]
    public void I9_can_consent_no_is_not_met() =>
        AssertOutcome(Judge("I9", AnswerSets.Baseline with { CanConsent = YesNoUnknown.No }), "I9", Outcome.NotMet, "not able or not willing");

    [Theory]
    [InlineData(YesNoUnknown.Unknown, "unsure")]
    [InlineData(null, "not answered")]
    public void I9_can_consent_unsure_or_absent_is_unknown(YesNoUnknown? answer, string reason) =>
        AssertOutcome(Judge("I9", AnswerSets.Baseline with { CanConsent = answer }), "I9", Outcome.Unknown, "consent", reason);
}
