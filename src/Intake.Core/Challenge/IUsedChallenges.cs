namespace Intake.Core.Challenge;

/// <summary>
/// The challenges whose solution was already accepted, shared by every instance of the service so
/// that a solution is accepted once.
/// </summary>
public interface IUsedChallenges
{
    /// <summary>
    /// Records <paramref name="challenge"/> as used; <c>false</c> when it already was (by this or any
    /// other instance). Kept at least until <paramref name="expires"/>.
    /// </summary>
    Task<bool> TryUseAsync(string challenge, DateTimeOffset expires, CancellationToken cancellationToken);

    /// <summary>The records of challenges that expired before <paramref name="cutoff"/> (opaque keys, for <see cref="RemoveAsync"/>).</summary>
    Task<IReadOnlyList<string>> ExpiredBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken);

    /// <summary>Removes one record found by <see cref="ExpiredBeforeAsync"/>; one already gone is not an error.</summary>
    Task RemoveAsync(string record, CancellationToken cancellationToken);
}
