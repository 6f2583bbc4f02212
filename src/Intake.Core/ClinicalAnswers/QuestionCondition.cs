namespace Intake.Core.ClinicalAnswers;

/// <summary>
/// A condition on another question's answer: that question is unanswered (<see cref="Code"/> <c>null</c>),
/// or its answer is (or, with <see cref="Not"/>, is not) the value <see cref="Code"/>.
/// </summary>
/// <param name="Path">The other question's path.</param>
/// <param name="Code">The JSON string of the value, or <c>null</c> for "unanswered".</param>
/// <param name="Not">True for "is not <see cref="Code"/>".</param>
public sealed record QuestionCondition(string Path, string? Code, bool Not = false);
