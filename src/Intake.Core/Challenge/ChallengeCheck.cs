namespace Intake.Core.Challenge;

/// <summary>
/// What checking a solved challenge found: either a solution that is right and unexpired (its
/// <see cref="Challenge"/> and <see cref="Expires"/>, to record it as used), or the
/// <see cref="Problem"/>, a sentence a person can act on.
/// </summary>
/// <param name="Challenge">The solved challenge (lowercase hex), when valid.</param>
/// <param name="Expires">When the challenge expires, when valid.</param>
/// <param name="Problem">Why the solution was refused, or <c>null</c> when it is valid.</param>
public sealed record ChallengeCheck(string Challenge, DateTimeOffset Expires, string? Problem)
{
    /// <summary>True when the solution is right and unexpired (whether it was used before is the store's to say).</summary>
    public bool IsValid => Problem is null;

    /// <summary>A refused solution.</summary>
    public static ChallengeCheck Refused(string problem) => new("", DateTimeOffset.MinValue, problem);
}
