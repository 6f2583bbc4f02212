namespace Intake.Core.Submissions;

/// <summary>The oncologist who referred a patient.</summary>
/// <param name="Name">The oncologist's name.</param>
/// <param name="Institution">Their institution or practice.</param>
/// <param name="Email">E-mail address, if given.</param>
/// <param name="Phone">Phone number, if given.</param>
public sealed record Referrer(string Name, string Institution, string? Email, string? Phone);
