
namespace Intake.Functions.Tests;

/// <summary>
/// The real store, with two kinds of bad item a timer pass meets: a record that cannot be read
/// (as stored answers that no longer read), and one whose every update is refused as if someone
/// else always changed it first (so <see cref="SubmissionChanges"/> gives up with a
/// <see cref="ConcurrentChangeException"/>). It counts the reads of each id.
/// </summary>
internal sealed class FaultyStore(ISubmissionStore inner) : ISubmissionStore
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> _reads = new();

    public HashSet<string> Unreadable { get; } = [];

    public HashSet<string> Conflicting { get; } = [];

    /// <summary>How often the record of <paramref name="id"/> was read.</summary>
    public int Reads(string id) => _reads.GetValueOrDefault(id);

    public Task<AddResult> AddAsync(Submission submission, Contact contact, Referrer? referrer, HistoryEntry received, CancellationToken cancellationToken) =>
        inner.AddAsync(submission, contact, referrer, received, cancellationToken);

    public Task<Submission?> GetAsync(string id, CancellationToken cancellationToken)
    {
        _reads.AddOrUpdate(id, 1, (_, n) => n + 1);
        return Unreadable.Contains(id)
            ? Task.FromException<Submission?>(new InvalidDataException($"Stored answers of submission {id} no longer read."))
            : inner.GetAsync(id, cancellationToken);
    }

    public Task<SubmissionFile?> GetFileAsync(string id, CancellationToken cancellationToken) => inner.GetFileAsync(id, cancellationToken);

    public Task<Contact?> GetContactAsync(string id, CancellationToken cancellationToken) => inner.GetContactAsync(id, cancellationToken);

    public Task<bool> TryUpdateAsync(Submission updated, HistoryEntry entry, CancellationToken cancellationToken) =>
        Conflicting.Contains(updated.Id) ? Task.FromResult(false) : inner.TryUpdateAsync(updated, entry, cancellationToken);
}
