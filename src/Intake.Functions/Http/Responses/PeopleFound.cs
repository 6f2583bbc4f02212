namespace Intake.Functions.Http.Responses;

/// <summary>The answer of <c>GET /api/people</c> (api-2.md, "Finding a person"): the people found, at most 20.</summary>
public sealed record PeopleFound(IReadOnlyList<PersonFound> People);
