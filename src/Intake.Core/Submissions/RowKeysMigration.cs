namespace Intake.Core.Submissions;

/// <summary>
/// The one-off move of stored submissions to row keys that end with the submission's id
/// (<see cref="IOldLayoutSubmissions"/>). A timer pass that rewrites submission by submission
/// (<see cref="ItemPass"/>): one that fails is counted and left for the next pass; once all is moved a
/// pass finds nothing and changes nothing. Until then reads fall back to the old keys.
/// </summary>
public sealed class RowKeysMigration(IOldLayoutSubmissions old, IPassOutcomes passes, SiteCalendar calendar)
{
    /// <summary>Submissions read per page.</summary>
    public const int PageSize = 100;

    /// <summary>Runs one pass and records its outcome (<see cref="PassOutcome.MigrateRowKeys"/>).</summary>
    public async Task<PassTally> RunAsync(CancellationToken cancellationToken)
    {
        var tally = await ItemPass.ForEachAsync(old.SubmissionsAsync(PageSize, cancellationToken), 1,
            async (id, token) => await old.MigrateAsync(id, token), cancellationToken);
        await passes.RecordAsync(PassOutcome.Of(PassOutcome.MigrateRowKeys, calendar.Now, tally), cancellationToken);
        return tally;
    }
}
