using System.Globalization;

namespace Intake.Core.Rules;

/// <summary>
/// How a specimen could be collected, following eligibility.md's I5 steps: the I5 outcome and
/// reason, and the collection source that I6 (cytology) depends on.
/// </summary>
/// <param name="Outcome">The outcome of I5.</param>
/// <param name="Reason">Why, in one sentence.</param>
/// <param name="Source">The settled collection source, or <c>null</c>.</param>
/// <param name="Type">Type 1 or Type 2, when I5 is met.</param>
public sealed record SpecimenCollection(Outcome Outcome, string Reason, Site? Source, CollectionType? Type)
{
    /// <summary>Works through the I5 steps for <paramref name="answers"/> on <paramref name="today"/>.</summary>
    public static SpecimenCollection Assess(Answers answers, DateOnly today)
    {
        // Step 4: a clinical biopsy dated before today counts as absent.
        var clinical = answers.ScheduledClinicalBiopsy is { } b && b.Date >= today && Sites.IsClinicallyDirectedPermitted(b.Site) ? b : null;
        var researchOnly = AssessResearchOnly(answers, clinical is null && answers.ScheduledClinicalBiopsy is not null);
        if (clinical is null)
        {
            return researchOnly;
        }

        // Step 1: Type 1. Step 5: a fluid source without cytology gives way to a solid Type 2 source.
        var when = clinical.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        if (Sites.IsFluid(clinical.Site) && answers.EffusionCytologyConfirmed == YesNoUnknown.No
            && researchOnly is { Outcome: Outcome.Met, Source: { } solid } && !Sites.IsFluid(solid))
        {
            // Step 6: when the solid site was picked from several metastatic sites, say that the fixed order picked it.
            var order = answers.ResearchBiopsyPlan is null && answers.MetastaticSites is { Count: > 1 }
                ? $" ({Sites.Describe(solid)} comes first of the several sites given in the protocol's site order, which stands in for the team's own choice of source)"
                : "";
            return new(Outcome.Met,
                $"A clinically directed collection of {Sites.Describe(clinical.Site)} is scheduled for {when} (Type 1); as the effusion has no cytologic confirmation, a research-only biopsy of {Sites.Describe(solid)} is taken as the source instead{order}.",
                solid, CollectionType.ResearchOnly);
        }
        return new(Outcome.Met,
            $"A clinically directed procedure on {Sites.Describe(clinical.Site)} is scheduled for {when}; research specimens can be taken during it (Type 1).",
            clinical.Site, CollectionType.ClinicallyDirected);
    }

    // Steps 2, 3 and 6.
    private static SpecimenCollection AssessResearchOnly(Answers answers, bool clinicalHasPassed)
    {
        switch (answers.WillingResearchBiopsy)
        {
            case YesNoUnknown.No:
                return clinicalHasPassed ? NotWillingAndPassed : NotWilling;
            case YesNoUnknown.Unknown:
                return WillingUnsure;
            case null:
                return WillingUnanswered;
        }

        if (answers.ResearchBiopsyPlan is { } plan)
        {
            return plan switch
            {
                { Anesthesia: Anesthesia.General } => PlanUnderGeneral,
                { Site: Site.Lung or Site.Brain } => new(Outcome.NotMet,
                    $"The research-only biopsy is planned in {Sites.Describe(plan.Site)}, where research-only biopsies are not permitted (a clinically directed biopsy there would qualify).",
                    null, null),
                { Site: Site.Other } => PlanAtOther,
                { Anesthesia: null or Anesthesia.Unknown } => new(Outcome.Unknown,
                    $"A research-only biopsy of {Sites.Describe(plan.Site)} is planned, but not its anaesthesia: find out whether it is local anaesthesia or IV conscious sedation (general anaesthesia is not permitted).",
                    plan.Site, null),
                _ => PlannedAt[(int)plan.Site]!,
            };
        }

        var candidates = answers.MetastaticSites ?? [];
        foreach (var site in Sites.ResearchOnly)
        {
            if (candidates.Contains(site))
            {
                return (candidates.Count > 1 ? FirstOfSeveral : OnlyCandidate)[(int)site]!;
            }
        }
        if (candidates.Count == 0)
        {
            return NoSites;
        }
        if (candidates.All(s => s is Site.Lung or Site.Brain))
        {
            return OnlyLungOrBrain;
        }
        return OnlyOther;
    }

    private static readonly SpecimenCollection NotWilling = new(Outcome.NotMet,
        "No clinically directed biopsy is scheduled and the person is not willing to have a research-only biopsy, so no specimen can be collected.", null, null);
    private static readonly SpecimenCollection NotWillingAndPassed = new(Outcome.NotMet,
        "The clinically directed biopsy given has already taken place and the person is not willing to have a research-only biopsy, so no specimen can be collected.", null, null);
    private static readonly SpecimenCollection WillingUnsure = new(Outcome.Unknown,
        "No clinically directed biopsy is scheduled and the person is unsure about a research-only biopsy: ask whether they would have one, or whether a clinical biopsy is planned.", null, null);
    private static readonly SpecimenCollection WillingUnanswered = new(Outcome.Unknown,
        "No clinically directed biopsy is scheduled and willingness to have a research-only biopsy was not answered: ask whether they would have one, or whether a clinical biopsy is planned.", null, null);
    private static readonly SpecimenCollection PlanUnderGeneral = new(Outcome.NotMet,
        "The research-only biopsy is planned under general anaesthesia, which the protocol does not permit for research-only biopsies.", null, null);
    private static readonly SpecimenCollection PlanAtOther = new(Outcome.Unknown,
        "The research-only biopsy is planned at a site given as 'other': find out where, since only breast, skin/chest wall, lymph node/soft tissue, liver, bone, pleural fluid and ascites are permitted.", null, null);
    private static readonly SpecimenCollection NoSites = new(Outcome.Unknown,
        "No metastatic site is given, so an accessible lesion cannot be judged: ask where the metastases are.", null, null);
    private static readonly SpecimenCollection OnlyLungOrBrain = new(Outcome.NotMet,
        "The only metastatic sites given are lung or brain, where research-only biopsies are not permitted; a clinically directed biopsy would change this.", null, null);
    private static readonly SpecimenCollection OnlyOther = new(Outcome.Unknown,
        "No metastatic site given is one permitted for a research-only biopsy, but one is given as 'other': find out where it is.", null, null);

    private static readonly SpecimenCollection?[] PlannedAt = BySite(site =>
        new(Outcome.Met, $"A research-only biopsy of {Sites.Describe(site)} is planned under local anaesthesia or IV conscious sedation (Type 2).", site, CollectionType.ResearchOnly));
    private static readonly SpecimenCollection?[] OnlyCandidate = BySite(site =>
        new(Outcome.Met, $"Willing to have a research-only biopsy, and {Sites.Describe(site)} is a permitted site (Type 2).", site, CollectionType.ResearchOnly));
    private static readonly SpecimenCollection?[] FirstOfSeveral = BySite(site =>
        new(Outcome.Met, $"Willing to have a research-only biopsy (Type 2); of the several sites given, {Sites.Describe(site)} comes first in the protocol's site order, which stands in for the team's own choice of source.", site, CollectionType.ResearchOnly));

    private static SpecimenCollection?[] BySite(Func<Site, SpecimenCollection> create)
    {
        var bySite = new SpecimenCollection?[Enum.GetValues<Site>().Length];
        foreach (var site in Sites.ResearchOnly)
        {
            bySite[(int)site] = create(site);
        }
        return bySite;
    }
}
