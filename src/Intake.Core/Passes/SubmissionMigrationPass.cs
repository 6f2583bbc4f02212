namespace Intake.Core.Passes;

/// <summary>
/// A one-off move of stored submissions into today's storage format, run as a timer pass: it finds what
/// is still in the old format and rewrites it submission by submission (<see cref="ItemPass"/>), one that
/// fails counted and left for the next pass; once all is moved a pass finds nothing and changes nothing.
/// Its outcome is recorded under <paramref name="pass"/> (<see cref="PassOutcome"/>).
/// </summary>
public abstract class SubmissionMigrationPass(ISubmissionsToMigrate source, string pass, IPassOutcomes passes, SiteCalendar calendar)
{
    /// <summary>Submissions read per page.</summary>
    public const int PageSize = 100;

    /// <summary>Runs one pass and records its outcome.</summary>
    public async Task<PassTally> RunAsync(CancellationToken cancellationToken)
    {
        var tally = await ItemPass.ForEachAsync(source.SubmissionsAsync(PageSize, cancellationToken), 1,
            async (id, token) => await source.MigrateAsync(id, token), cancellationToken);
        await passes.RecordAsync(PassOutcome.Of(pass, calendar.Now, tally), cancellationToken);
        return tally;
    }
}
