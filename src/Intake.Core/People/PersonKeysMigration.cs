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
    : SubmissionMigrationPass(plain, PassOutcome.MigratePersonKeys, passes, calendar);
