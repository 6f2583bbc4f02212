namespace Intake.Core.Workflows.Routing;

/// <summary>
/// Pre-checks a stored submission with its receipt date as "today" and routes it: likely eligible
/// and needs-review to the worklist with their priority, likely ineligible to the screened-out list.
/// It links the submission to the same person's earlier ones. Safe under at-least-once delivery:
/// a second delivery records nothing new.
/// </summary>
public sealed class PrecheckRouting(SubmissionChanges changes, PersonLinking linking, PrecheckEngine engine)
{
    /// <summary>Pre-checks and routes submission <paramref name="id"/>.</summary>
    /// <exception cref="KeyNotFoundException">No submission has this id.</exception>
    public async Task<RoutingOutcome> HandleAsync(string id, CancellationToken cancellationToken)
    {
        var result = await changes.ApplyAsync(id, async (submission, now) =>
        {
            if (submission.Status != SubmissionStatus.Received)
            {
                return null;
            }
            var precheck = engine.Evaluate(submission.Answers, submission.ReceivedOn);
            var personId = await linking.FindPersonIdAsync(submission, cancellationToken);
            var routed = submission with
            {
                Precheck = precheck,
                EvaluatedAt = now,
                Status = submission.StatusFor(precheck),
                PersonId = personId,
            };
            var linked = personId == submission.Id ? "" : $"; the same person as submission {personId}";
            return new Change(routed, Describe(precheck) + linked, Actors.System);
        }, cancellationToken);

        var current = result.Submission ?? throw new KeyNotFoundException($"No submission {id} is stored.");
        if (result.Changed)
        {
            return RoutingOutcome.Routed;
        }
        await changes.SettleAsync(current, before: null, cancellationToken);
        return RoutingOutcome.AlreadyRouted;
    }

    /// <summary>The history text of a pre-check: result, priority, rule set, and the list it went to.</summary>
    public static string Describe(Precheck precheck) => precheck.Result == PrecheckResult.LikelyIneligible
        ? $"Pre-checked with rule set {precheck.RulesetVersion} on {precheck.Today:yyyy-MM-dd}: {precheck.Result} ({string.Join(", ", precheck.Criteria.Where(c => c.Outcome == Outcome.NotMet).Select(c => c.Id))} not met); put on the screened-out list"
        : $"Pre-checked with rule set {precheck.RulesetVersion} on {precheck.Today:yyyy-MM-dd}: {precheck.Result}, priority {precheck.Priority}; put on the worklist";
}
