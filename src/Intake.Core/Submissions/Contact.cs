namespace Intake.Core.Submissions;

/// <summary>How to reach a patient. Protected health information: staff routes only, never in logs.</summary>
/// <param name="Name">The patient's name.</param>
/// <param name="Email">E-mail address, if given.</param>
/// <param name="Phone">Phone number, if given.</param>
/// <param name="PreferredLanguage">Preferred language as a BCP 47 tag, e.g. <c>en</c>, <c>es</c>.</param>
public sealed record Contact(string Name, string? Email, string? Phone, string? PreferredLanguage);
