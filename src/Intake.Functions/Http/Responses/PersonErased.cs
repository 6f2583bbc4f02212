namespace Intake.Functions.Http.Responses;

/// <summary>The answer of <c>POST /api/people/{personId}/erase</c> (api-2.md): the person's id and how many submissions were erased (<c>0</c> again).</summary>
public sealed record PersonErased(string PersonId, int ErasedSubmissions);
