using System.Collections.Concurrent;

namespace Intake.Functions.Tests;

/// <summary>An audit log in memory for tests that are not about its storage: appends are kept in order; it can be made to fail.</summary>
internal sealed class MemoryAuditLog : IAuditLog
{
    private readonly ConcurrentQueue<AuditEntry> _entries = new();

    /// <summary>When set, each append throws what it makes (an outage of the audit table).</summary>
    public Func<Exception>? Failure { get; set; }

    public IReadOnlyList<AuditEntry> Entries => [.. _entries];

    public Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        if (Failure is { } failure)
        {
            throw failure();
        }
        _entries.Enqueue(entry);
        return Task.CompletedTask;
    }

    public Task<AuditPage?> ReadAsync(AuditQuery query, CancellationToken cancellationToken) =>
        Task.FromResult<AuditPage?>(new AuditPage([.. _entries.Reverse().Take(query.Limit)], null));
}
