namespace Intake.Core;

/// <summary>What the pre-check of one queued submission did.</summary>
public enum RoutingOutcome
{
    /// <summary>Pre-checked now and put on its list.</summary>
    Routed,
    /// <summary>Already pre-checked by an earlier delivery; its list entry was made sure of.</summary>
    AlreadyRouted,
}

/// <summary>
/// Pre-checks a stored submission with its receipt date as "today" and routes it: likely eligible
/// and needs-review to the worklist with their priority, likely ineligible to the screened-out list.
/// Safe under at-least-once delivery: a second delivery records nothing new.
/// </summary>
public sealed class PrecheckRouting(ISubmissionStore store, ITeamLists lists, IPendingSubmissions pending, PrecheckEngine engine, SiteCalendar calendar)
{
    /// <summary>Who history records for automatic changes.</summary>
    public const string SystemActor = "system";

    private const int MaxAttempts = 5;

    /// <summary>Pre-checks and routes submission <paramref name="id"/>.</summary>
    /// <exception cref="KeyNotFoundException">No submission has this id.</exception>
    public async Task<RoutingOutcome> HandleAsync(string id, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var submission = await store.GetAsync(id, cancellationToken)
                ?? throw new KeyNotFoundException($"No submission {id} is stored.");
            if (submission.Status != SubmissionStatus.Received)
            {
                await ListAsync(submission, cancellationToken);
                return RoutingOutcome.AlreadyRouted;
            }

            var precheck = engine.Evaluate(submission.Answers, submission.ReceivedOn);
            var now = calendar.Now;
            var routed = submission with
            {
                Precheck = precheck,
                EvaluatedAt = now,
                Status = precheck.Result == PrecheckResult.LikelyIneligible ? SubmissionStatus.ScreenedOut : SubmissionStatus.Routed,
                Version = submission.Version + 1,
            };
            if (await store.TryUpdateAsync(routed, new HistoryEntry(now, Describe(precheck), SystemActor), cancellationToken))
            {
                await ListAsync(routed, cancellationToken);
                return RoutingOutcome.Routed;
            }
            // Someone else changed the record first: read it again and decide anew.
        }
        throw new InvalidOperationException($"Submission {id} kept changing during its pre-check ({MaxAttempts} attempts).");
    }

    /// <summary>Puts a pre-checked submission on its list and clears its pending mark.</summary>
    public async Task ListAsync(Submission submission, CancellationToken cancellationToken)
    {
        await lists.PutAsync(WorklistItem.For(submission), replacing: null, cancellationToken);
        await pending.ClearAsync(submission.Id, cancellationToken);
    }

    /// <summary>The history text of a pre-check: result, priority, rule set, and the list it went to.</summary>
    public static string Describe(Precheck precheck) => precheck.Result == PrecheckResult.LikelyIneligible
        ? $"Pre-checked with rule set {precheck.RulesetVersion} on {precheck.Today:yyyy-MM-dd}: {precheck.Result} ({string.Join(", ", precheck.Criteria.Where(c => c.Outcome == Outcome.NotMet).Select(c => c.Id))} not met); put on the screened-out list"
        : $"Pre-checked with rule set {precheck.RulesetVersion} on {precheck.Today:yyyy-MM-dd}: {precheck.Result}, priority {precheck.Priority}; put on the worklist";
}
