namespace Intake.Core.ClinicalAnswers;

/// <summary>A clinically directed biopsy or fluid collection, at a site, on a date.</summary>
/// <param name="Site">Where the procedure takes place.</param>
/// <param name="Date">The day it is scheduled for.</param>
public sealed record ScheduledClinicalBiopsy(Site Site, DateOnly Date);
