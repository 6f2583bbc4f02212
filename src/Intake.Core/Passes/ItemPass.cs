namespace Intake.Core.Passes;

/// <summary>
/// Runs a timer pass (the reconciler, the re-evaluation, a retention pass) over its items, each on
/// its own: an item that cannot be read, or that keeps changing under the pass, fails alone, is
/// counted, and the pass goes on with the others. Only the pass's own cancellation stops it.
/// </summary>
public static class ItemPass
{
    /// <summary>
    /// Handles every id of <paramref name="pages"/>, up to <paramref name="maxConcurrency"/> at once,
    /// page by page (a page is read only when the one before is done, so a pass holds one page at a time).
    /// </summary>
    public static Task<PassTally> ForEachAsync(IAsyncEnumerable<IReadOnlyList<string>> pages, int maxConcurrency,
        Func<string, CancellationToken, Task> handle, CancellationToken cancellationToken) =>
        ForEachAsync(pages, id => id, maxConcurrency, handle, cancellationToken);

    /// <summary>
    /// Handles every item of <paramref name="pages"/> as <see cref="ForEachAsync(IAsyncEnumerable{IReadOnlyList{string}}, int, Func{string, CancellationToken, Task}, CancellationToken)"/>
    /// does ids, for a pass whose items are read whole (a failure is counted under <paramref name="idOf"/> the item).
    /// </summary>
    public static async Task<PassTally> ForEachAsync<T>(IAsyncEnumerable<IReadOnlyList<T>> pages, Func<T, string> idOf, int maxConcurrency,
        Func<T, CancellationToken, Task> handle, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pages);
        ArgumentNullException.ThrowIfNull(idOf);
        ArgumentNullException.ThrowIfNull(handle);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxConcurrency, 1);
        var items = 0;
        var failures = new System.Collections.Concurrent.ConcurrentQueue<ItemFailure>();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = maxConcurrency, CancellationToken = cancellationToken };
        await foreach (var page in pages.WithCancellation(cancellationToken))
        {
            items += page.Count;
            await Parallel.ForEachAsync(page, parallel, async (item, token) =>
            {
                try
                {
                    await handle(item, token);
                }
                catch (Exception e) when (!token.IsCancellationRequested)
                {
                    failures.Enqueue(new ItemFailure(idOf(item), e.GetType().Name));
                }
            });
        }
        return new PassTally(items, failures.IsEmpty ? [] : [.. failures]);
    }

    /// <summary>Handles every id of <paramref name="ids"/>, one after the other.</summary>
    public static Task<PassTally> ForEachAsync(IReadOnlyList<string> ids, Func<string, CancellationToken, Task> handle, CancellationToken cancellationToken) =>
        ForEachAsync(OnePage(ids), 1, handle, cancellationToken);

    private static async IAsyncEnumerable<IReadOnlyList<string>> OnePage(IReadOnlyList<string> ids)
    {
        await Task.CompletedTask;
        yield return ids;
    }
}
