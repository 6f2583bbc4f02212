
namespace Intake.Core.Rules;

/// <summary>What a criterion judges: the answers, the day, and the specimen collection settled for them.</summary>
/// <param name="Answers">The submission's answers.</param>
/// <param name="Today">The site's date the answers are judged on.</param>
/// <param name="Collection">How a specimen could be collected (I5) and from where (for I6).</param>
public readonly record struct PrecheckContext(Answers Answers, DateOnly Today, SpecimenCollection Collection);
