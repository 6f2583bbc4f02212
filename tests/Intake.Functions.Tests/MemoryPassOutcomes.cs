using System.Collections.Concurrent;

namespace Intake.Functions.Tests;

/// <summary>Timer passes' outcomes kept in memory: each rig its own, so passes of other tests do not show.</summary>
internal sealed class MemoryPassOutcomes : IPassOutcomes
{
    private readonly ConcurrentDictionary<string, PassOutcome> _outcomes = new();

    public Task RecordAsync(PassOutcome outcome, CancellationToken cancellationToken)
    {
        _outcomes[outcome.Pass] = outcome;
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<PassOutcome>> ReadAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<PassOutcome>>([.. PassOutcome.Passes.Where(_outcomes.ContainsKey).Select(p => _outcomes[p])]);

    public PassOutcome? Of(string pass) => _outcomes.GetValueOrDefault(pass);
}
