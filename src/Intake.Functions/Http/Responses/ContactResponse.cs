namespace Intake.Functions.Http.Responses;

/// <summary>The patient's <c>contact</c> in <c>GET /api/submissions/{id}</c>; a detail not given is <c>null</c>.</summary>
public sealed record ContactResponse(string Name, string? Email, string? Phone, string? PreferredLanguage);
