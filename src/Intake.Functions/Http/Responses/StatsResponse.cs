namespace Intake.Functions.Http.Responses;

/// <summary>
/// The answer of <c>GET /api/stats</c> (docs/api-extensions.md): the screening funnel of a range of
/// the site's dates. Counts only, never an id or a detail of a person. The counts by channel, result,
/// criterion, team status, poison queue and timer pass are objects keyed by those names, in the
/// order the report gives them: <c>submissions</c> by <c>kind</c> (camelCase) then <c>total</c>;
/// <c>precheckResults</c> and the worklist's <c>teamStatus</c> by PascalCase name, every one present.
/// </summary>
public sealed record StatsResponse(
    DateOnly From,
    DateOnly To,
    string TimeZone,
    IReadOnlyDictionary<string, int> Submissions,
    int People,
    int AwaitingPrecheck,
    int NotGenuine,
    IReadOnlyDictionary<string, int> PrecheckResults,
    IReadOnlyDictionary<string, int> NotMet,
    StatsWorklist Worklist,
    StatsTimeToFirstContact TimeToFirstContact,
    IReadOnlyDictionary<string, int> PoisonMessages,
    IReadOnlyDictionary<string, TimerPassResponse?> TimerPasses)
{
    /// <summary>The answer for <paramref name="report"/>.</summary>
    public static StatsResponse Of(FunnelReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var submissions = report.Submissions.OrderBy(s => s.Key).ToDictionary(s => JsonEnum<SubmissionKind>.Name(s.Key), s => s.Value);
        submissions.Add("total", report.TotalSubmissions);
        var contact = report.TimeToFirstContact;
        return new(report.Range.From, report.Range.To, report.TimeZone, submissions, report.People, report.AwaitingPrecheck, report.NotGenuine,
            report.PrecheckResults.OrderBy(r => r.Key).ToDictionary(r => PascalCaseEnum<PrecheckResult>.Name(r.Key), r => r.Value),
            report.NotMet.ToDictionary(),
            new StatsWorklist(report.WorklistPeople, report.TeamStatuses.OrderBy(s => s.Key).ToDictionary(s => PascalCaseEnum<TeamStatus>.Name(s.Key), s => s.Value), report.Reopened),
            new StatsTimeToFirstContact(contact.People, contact.MedianHours, contact.P90Hours),
            report.PoisonMessages.ToDictionary(),
            // Every pass named, null until it has run once.
            PassOutcome.Passes.Union(report.TimerPasses.Select(p => p.Pass)).ToDictionary(pass => pass,
                pass => report.TimerPasses.FirstOrDefault(p => p.Pass == pass) is { } outcome ? new TimerPassResponse(outcome.At, outcome.Items, outcome.Failures) : null));
    }
}
