namespace Intake.Core.Passes;

/// <summary>
/// The last outcome of a timer pass, kept so that <c>GET /api/stats</c> shows whether the passes
/// run and whether items keep failing. Counts only.
/// </summary>
/// <param name="Pass">The pass's name (<see cref="Passes"/>).</param>
/// <param name="At">When the pass ended.</param>
/// <param name="Items">Items it took up.</param>
/// <param name="Failures">Items it could not handle.</param>
public sealed record PassOutcome(string Pass, DateTimeOffset At, int Items, int Failures)
{
    /// <summary>The reconciler's pass, every minute.</summary>
    public const string Reconcile = "reconcile";

    /// <summary>The re-evaluation's pass, hourly.</summary>
    public const string Reevaluate = "reevaluate";

    /// <summary>The hourly digest of urgent items over the e-mail budget, every five minutes (one item: one hour).</summary>
    public const string SendUrgentDigests = "sendUrgentDigests";

    /// <summary>The daily removal of submissions marked not genuine 30 days ago.</summary>
    public const string RemoveNotGenuine = "removeNotGenuine";

    /// <summary>The hourly removal of the records of expired proof-of-work challenges (one item: one record).</summary>
    public const string RemoveExpiredChallenges = "removeExpiredChallenges";

    /// <summary>The daily move of what is still stored under plain person digests to keyed ones (one item: one submission).</summary>
    public const string MigratePersonKeys = "migratePersonKeys";

    /// <summary>The daily erasure of submissions closed or screened out for longer than the retention period (one item: one submission, or one erasure cut off before).</summary>
    public const string EraseByRetention = "eraseByRetention";

    /// <summary>The daily move of submissions stored before row keys ended with the id to the new row keys (one item: one submission).</summary>
    public const string MigrateRowKeys = "migrateRowKeys";

    /// <summary>The daily indexing, until done, of the lines listed before the funnel index by receipt date (one item: one line).</summary>
    public const string IndexFunnel = "indexFunnel";

    /// <summary>The daily move, until done, of the lines kept before the lists' shelves onto them (one item: one line).</summary>
    public const string ShelveLines = "shelveLines";

    /// <summary>Every pass, in the order the stats list them.</summary>
    public static IReadOnlyList<string> Passes { get; } = [Reconcile, Reevaluate, SendUrgentDigests, RemoveNotGenuine, RemoveExpiredChallenges, MigratePersonKeys, EraseByRetention, MigrateRowKeys, IndexFunnel, ShelveLines];

    /// <summary>The outcome of a pass that ended at <paramref name="at"/> with <paramref name="tally"/>.</summary>
    public static PassOutcome Of(string pass, DateTimeOffset at, PassTally tally)
    {
        ArgumentNullException.ThrowIfNull(tally);
        return new(pass, at, tally.Items, tally.Failures.Count);
    }
}
