namespace Intake.Core.People;

/// <summary>
/// The one-off move of the people index and the records' person keys from plain SHA-256 digests to
/// keyed ones (<see cref="PersonDigests"/>). A timer pass that finds what is still plain and
/// rewrites it submission by submission (<see cref="ItemPass"/>): one that fails is counted and left
/// for the next pass; once all is migrated a pass finds nothing and changes nothing. Until then the
/// people index still finds the plain entries (<see cref="IPeopleIndex.BornOnAsync"/>), so a
/// returning person is linked either way.
/// </summary>
public sealed class PersonKeysMigration(IPlainPersonKeys plain, IPassOutcomes passes, SiteCalendar calendar)
{
    /// <summary>Submissions read per page.</summary>
    public const int PageSize = 100;

    /// <summary>Runs one pass and records its outcome (<see cref="PassOutcome.MigratePersonKeys"/>).</summary>
    public async Task<PassTally> RunAsync(CancellationToken cancellationToken)
    {
        var tally = await ItemPass.ForEachAsync(plain.SubmissionsAsync(PageSize, cancellationToken), 1,
            async (id, token) => await plain.MigrateAsync(id, token), cancellationToken);
        await passes.RecordAsync(PassOutcome.Of(PassOutcome.MigratePersonKeys, calendar.Now, tally), cancellationToken);
        return tally;
    }
}
