namespace Intake.Core.Rules;

/// <summary>The protocol's rules about sites (eligibility.md, "Sites").</summary>
public static class Sites
{
    /// <summary>
    /// Sites permitted for a research-only (Type 2) biopsy, in the order that stands in for the
    /// team's choice of source: <c>breast</c> first, <c>ascites</c> last. Never lung or brain.
    /// </summary>
    public static IReadOnlyList<Site> ResearchOnly { get; } =
        [Site.Breast, Site.SkinChestWall, Site.LymphNodeSoftTissue, Site.Liver, Site.Bone, Site.PleuralFluid, Site.Ascites];

    /// <summary>True for a site where a research-only (Type 2) biopsy is permitted.</summary>
    public static bool IsResearchOnlyPermitted(Site site) => site is not (Site.Lung or Site.Brain or Site.Other);

    /// <summary>True for a clinically directed (Type 1) site: the protocol's list is open, so every site.</summary>
    public static bool IsClinicallyDirectedPermitted(Site site) => Enum.IsDefined(site);

    /// <summary>True for fluid collections, which need cytologic confirmation (I6).</summary>
    public static bool IsFluid(Site site) => site is Site.PleuralFluid or Site.Ascites;

    /// <summary>The site in words for a reason sentence, e.g. "the liver".</summary>
    public static string Describe(Site site) => site switch
    {
        Site.Breast => "the breast",
        Site.SkinChestWall => "the skin/chest wall",
        Site.LymphNodeSoftTissue => "a lymph node/soft tissue",
        Site.Liver => "the liver",
        Site.Bone => "bone",
        Site.Lung => "the lung",
        Site.Brain => "the brain",
        Site.PleuralFluid => "pleural fluid",
        Site.Ascites => "ascites",
        _ => "a site given as 'other'",
    };
}
