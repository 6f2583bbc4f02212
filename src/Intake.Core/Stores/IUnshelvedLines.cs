namespace Intake.Core.Stores;

/// <summary>
/// The worklist and screened-out lines still where every line was kept before the lists' shelves
/// (docs/storage.md, "The lists' shelves"), which <see cref="Workflows.Reconciling.LineShelving"/> moves
/// onto them. The lists read them too until none is left.
/// </summary>
public interface IUnshelvedLines
{
    /// <summary>The unshelved lines, a page of at most <paramref name="pageSize"/> at a time.</summary>
    IAsyncEnumerable<IReadOnlyList<UnshelvedLine>> PagesAsync(int pageSize, CancellationToken cancellationToken);

    /// <summary>Deletes an unshelved line; nothing happens when it is already gone.</summary>
    Task DropAsync(UnshelvedLine line, CancellationToken cancellationToken);
}
