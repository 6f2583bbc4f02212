namespace Intake.Core.Submissions;

/// <summary>
/// The one-off move of stored submissions to row keys that end with the submission's id
/// (<see cref="IOldLayoutSubmissions"/>). A timer pass that rewrites submission by submission
/// (<see cref="ItemPass"/>): one that fails is counted and left for the next pass; once all is moved a
/// pass finds nothing and changes nothing. Until then reads fall back to the old keys.
/// </summary>
public sealed class RowKeysMigration(IOldLayoutSubmissions old, IPassOutcomes passes, SiteCalendar calendar)
    : SubmissionMigrationPass(old, PassOutcome.MigrateRowKeys, passes, calendar);
