namespace Intake.Core.ClinicalAnswers;

/// <summary>A referring oncologist's plan for a research-only biopsy.</summary>
/// <param name="Site">The planned site.</param>
/// <param name="Anesthesia">The planned anaesthesia; <c>null</c> when not stated.</param>
public sealed record ResearchBiopsyPlan(Site Site, Anesthesia? Anesthesia);
