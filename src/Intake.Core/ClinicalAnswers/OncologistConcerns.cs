namespace Intake.Core.ClinicalAnswers;

/// <summary>
/// The referring oncologist's opinion on the three exclusions only a clinician can judge.
/// A <c>null</c> member means the oncologist did not say.
/// </summary>
/// <param name="SeriousComorbidity">A concurrent disease making participation inappropriate (E1).</param>
/// <param name="BiopsySafetyRisk">A serious disorder that may interfere with safety during the procedure (E2).</param>
/// <param name="HazardousCondition">A condition or laboratory finding making participation hazardous (E6).</param>
public sealed record OncologistConcerns(bool? SeriousComorbidity, bool? BiopsySafetyRisk, bool? HazardousCondition);
