namespace Intake.Core.Challenge;

/// <summary>
/// Removes the records of used challenges once their challenge has expired (a solution past its
/// expiry is refused anyway, so the record is no longer needed). Each record is removed on its own:
/// one that fails is counted and tried again next pass, and never stops the others.
/// </summary>
public sealed class UsedChallengeCleanup(IUsedChallenges used, TimeProvider time)
{
    /// <summary>How long past its expiry a record is kept, so that clocks a little apart never matter.</summary>
    public static readonly TimeSpan Margin = TimeSpan.FromMinutes(5);

    /// <summary>One pass: how many records were removed and how many could not be.</summary>
    public async Task<(int Removed, int Failed)> RunAsync(CancellationToken cancellationToken)
    {
        var records = await used.ExpiredBeforeAsync(time.GetUtcNow() - Margin, cancellationToken);
        int removed = 0, failed = 0;
        foreach (var record in records)
        {
            try
            {
                await used.RemoveAsync(record, cancellationToken);
                removed++;
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                failed++;
            }
        }
        return (removed, failed);
    }
}
