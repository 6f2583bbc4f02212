using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace Intake.Functions.Triggers;

/// <summary>
/// Daily at 03:15 UTC, rewrites the submissions stored before row keys ended with the submission's id
/// (<see cref="RowKeysMigration"/>), submission by submission. Once everything is moved a pass finds
/// nothing and changes nothing. Logs counts and the ids it could not migrate, never patient data; the
/// pass's outcome is kept for <c>GET /api/stats</c>.
/// </summary>
public sealed class RowKeysMigrationFunction(RowKeysMigration migration, ILogger<RowKeysMigrationFunction> logger)
{
    /// <summary>Runs one pass.</summary>
    [Function(nameof(MigrateRowKeys))]
    public async Task MigrateRowKeys([TimerTrigger("0 15 3 * * *")] TimerInfo timer, CancellationToken cancellationToken)
    {
        var tally = await migration.RunAsync(cancellationToken);
        foreach (var failure in tally.Failures)
        {
            logger.LogWarning("Row keys of submission {Id} could not be migrated ({ErrorType}); the next pass tries again", failure.SubmissionId, failure.ErrorType);
        }
        logger.LogInformation("Row keys migration: {Items} submissions taken up, {Failures} failed", tally.Items, tally.Failures.Count);
    }
}
