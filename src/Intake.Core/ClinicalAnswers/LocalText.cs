namespace Intake.Core.ClinicalAnswers;

/// <summary>A text in the service's two languages, as the pages show it.</summary>
/// <param name="English">The English text.</param>
/// <param name="Spanish">The Spanish text.</param>
public sealed record LocalText(string English, string Spanish);
