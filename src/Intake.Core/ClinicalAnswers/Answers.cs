namespace Intake.Core.ClinicalAnswers;

/// <summary>
/// The clinical answers of a submission, as eligibility.md lists them. Every member is optional:
/// <c>null</c> means "not answered", which the rules turn into <c>Unknown</c>.
/// </summary>
public sealed record Answers
{
    /// <summary>Date of birth (I7).</summary>
    public DateOnly? DateOfBirth { get; init; }
    /// <summary>Sex (E5).</summary>
    public Sex? Sex { get; init; }
    /// <summary>Invasive breast cancer, confirmed or suspected (I1).</summary>
    public BreastCancerDiagnosis? BreastCancer { get; init; }
    /// <summary>Radiographic evidence of distant metastatic disease (I2).</summary>
    public YesNoUnknown? DistantMetastasis { get; init; }
    /// <summary>Sites of metastatic disease, without repeats, in the order given (I5).</summary>
    public IReadOnlyList<Site>? MetastaticSites { get; init; }
    /// <summary>Progression or de novo stage IV (I3).</summary>
    public DiseaseStatus? DiseaseStatus { get; init; }
    /// <summary>Archived primary tissue (I4).</summary>
    public PrimaryTissue? PrimaryTissue { get; init; }
    /// <summary>A clinically directed biopsy or fluid collection that is scheduled (I5, Type 1).</summary>
    public ScheduledClinicalBiopsy? ScheduledClinicalBiopsy { get; init; }
    /// <summary>Willing to have a separate, research-only biopsy (I5, Type 2).</summary>
    public YesNoUnknown? WillingResearchBiopsy { get; init; }
    /// <summary>The referring oncologist's plan for a research-only biopsy (referrals only).</summary>
    public ResearchBiopsyPlan? ResearchBiopsyPlan { get; init; }
    /// <summary>Previous cytologic confirmation of malignant pleural effusion or ascites (I6).</summary>
    public YesNoUnknown? EffusionCytologyConfirmed { get; init; }
    /// <summary>ECOG performance status, 0 to 4 (I8).</summary>
    public int? Ecog { get; init; }
    /// <summary>Able to understand and willing to sign the consent document (I9).</summary>
    public YesNoUnknown? CanConsent { get; init; }
    /// <summary>Pregnant (E5).</summary>
    public YesNoUnknown? Pregnant { get; init; }
    /// <summary>Serious or life-threatening allergic reaction to local anaesthetics (E4).</summary>
    public YesNoUnknown? LocalAnestheticAllergy { get; init; }
    /// <summary>Dementia, altered mental status or a psychiatric condition preventing consent (E3).</summary>
    public YesNoUnknown? CognitiveImpairment { get; init; }
    /// <summary>The referring oncologist's opinion on E1, E2 and E6 (referrals only).</summary>
    public OncologistConcerns? OncologistConcerns { get; init; }

    /// <summary>Compares every answer, the metastatic sites by their sequence.</summary>
    public bool Equals(Answers? other) =>
        other is not null
        && DateOfBirth == other.DateOfBirth && Sex == other.Sex && BreastCancer == other.BreastCancer
        && DistantMetastasis == other.DistantMetastasis
        && (MetastaticSites is null ? other.MetastaticSites is null
            : other.MetastaticSites is not null && MetastaticSites.SequenceEqual(other.MetastaticSites))
        && DiseaseStatus == other.DiseaseStatus && PrimaryTissue == other.PrimaryTissue
        && ScheduledClinicalBiopsy == other.ScheduledClinicalBiopsy
        && WillingResearchBiopsy == other.WillingResearchBiopsy && ResearchBiopsyPlan == other.ResearchBiopsyPlan
        && EffusionCytologyConfirmed == other.EffusionCytologyConfirmed && Ecog == other.Ecog
        && CanConsent == other.CanConsent && Pregnant == other.Pregnant
        && LocalAnestheticAllergy == other.LocalAnestheticAllergy && CognitiveImpairment == other.CognitiveImpairment
        && OncologistConcerns == other.OncologistConcerns;

    /// <summary>A hash consistent with <see cref="Equals(Answers?)"/>.</summary>
    public override int GetHashCode() =>
        HashCode.Combine(DateOfBirth, BreastCancer, DistantMetastasis, DiseaseStatus, PrimaryTissue, ScheduledClinicalBiopsy, Ecog, MetastaticSites?.Count);
}
