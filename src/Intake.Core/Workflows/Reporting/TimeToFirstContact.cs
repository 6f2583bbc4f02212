namespace Intake.Core.Workflows.Reporting;

/// <summary>Time from a person's submission to the team's first contact, over the people the team has reached.</summary>
/// <param name="People">How many people in the range have a first contact.</param>
/// <param name="MedianHours">The nearest-rank 50th percentile, in hours to one decimal; <c>null</c> when <paramref name="People"/> is 0.</param>
/// <param name="P90Hours">The nearest-rank 90th percentile, in hours to one decimal; <c>null</c> when <paramref name="People"/> is 0.</param>
public sealed record TimeToFirstContact(int People, double? MedianHours, double? P90Hours);
