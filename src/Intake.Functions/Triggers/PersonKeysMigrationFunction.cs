using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace Intake.Functions.Triggers;

/// <summary>
/// Daily at 03:45 UTC, rewrites what is still stored under the plain person digests written before
/// person keys (<see cref="PersonKeysMigration"/>), submission by submission. Once everything is
/// keyed a pass finds nothing and changes nothing. Logs counts and the ids it could not migrate,
/// never patient data; the pass's outcome is kept for <c>GET /api/stats</c>.
/// </summary>
public sealed class PersonKeysMigrationFunction(PersonKeysMigration migration, ILogger<PersonKeysMigrationFunction> logger)
{
    /// <summary>Runs one pass.</summary>
    [Function(nameof(MigratePersonKeys))]
    public async Task MigratePersonKeys([TimerTrigger("0 45 3 * * *")] TimerInfo timer, CancellationToken cancellationToken)
    {
        var tally = await migration.RunAsync(cancellationToken);
        foreach (var failure in tally.Failures)
        {
            logger.LogWarning("Person keys of submission {Id} could not be migrated ({ErrorType}); the next pass tries again", failure.SubmissionId, failure.ErrorType);
        }
        logger.LogInformation("Person keys migration: {Items} submissions taken up, {Failures} failed", tally.Items, tally.Failures.Count);
    }
}
