namespace Intake.Core.People;

/// <summary>One person found, with their submissions that are on a team list.</summary>
/// <param name="PersonId">The id of the person's first submission.</param>
/// <param name="Submissions">Their listed submissions as list items, newest first, each with its contact details.</param>
public sealed record FoundPerson(string PersonId, IReadOnlyList<FoundSubmission> Submissions);
