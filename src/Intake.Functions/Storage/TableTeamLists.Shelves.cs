using Azure;
using Azure.Data.Tables;

namespace Intake.Functions.Storage;

// The lines' shelves (ListShelves): writing a line to its shelf, moving it to another, the marks of moves
// cut off (IInterruptedMoves), and the lines kept in the lists' partition before the shelves (IUnshelvedLines).
public sealed partial class TableTeamLists
{
    /// <summary>Puts a line on its shelf (or in the lists' partition), making the shelf with its first line.</summary>
    private Task UpsertLineAsync(TableEntity line, CancellationToken cancellationToken) =>
        TablesMadeOnFirstWrite.WriteAsync(tables.GetTableClient(ListShelves.TableOf(line.RowKey)),
            table => table.UpsertEntityAsync(line, TableUpdateMode.Replace, cancellationToken), cancellationToken);

    /// <summary>Deletes the line keyed <paramref name="rowKey"/> from where it lives; nothing happens when it (or its shelf) is not there.</summary>
    private Task DeleteLineAsync(string rowKey, CancellationToken cancellationToken) =>
        TableSubmissionRemoval.DeleteAsync(tables.GetTableClient(ListShelves.TableOf(rowKey)), Partition, rowKey, cancellationToken);

    /// <summary>
    /// Moves a line to another table (another shelf, or between a shelf and the lists' partition), which no
    /// transaction spans: a mark with the key of the line it leaves first, then the new line, then the old one
    /// goes, then the mark. A move cut off leaves the mark, and the reconciler finishes it
    /// (<see cref="FinishAsync"/>); until then the item may show at both places, never at none.
    /// </summary>
    private async Task MoveAsync(TableEntity line, string leaving, CancellationToken cancellationToken)
    {
        var mark = await _table.UpsertEntityAsync(new TableEntity(Partition, ListsPartition.MoveKey(line.GetString("Id")))
        {
            ["Since"] = _clock.GetUtcNow(),
            ["Leaving"] = leaving,
        }, TableUpdateMode.Replace, cancellationToken);
        await UpsertLineAsync(line, cancellationToken);
        await DeleteLineAsync(leaving, cancellationToken);
        try
        {
            // Only this move's mark: a move of the same line begun since has marked it anew, and clears its own.
            await _table.DeleteEntityAsync(Partition, ListsPartition.MoveKey(line.GetString("Id")), mark.Headers.ETag ?? ETag.All, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            // Cleared already, or marked anew by a later move.
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> BegunBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        var filter = ListsPartition.MoveRange + " and " + TableClient.CreateQueryFilter($"Since lt {cutoff}");
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            ids.Add(ListsPartition.IdOfMove(entity.RowKey));
        }
        return ids;
    }

    /// <inheritdoc />
    public async Task FinishAsync(string id, WorklistItem? current, CancellationToken cancellationToken)
    {
        var mark = await _table.GetEntityIfExistsAsync<TableEntity>(Partition, ListsPartition.MoveKey(id), cancellationToken: cancellationToken);
        if (!mark.HasValue)
        {
            return;
        }
        if (mark.Value!.GetString("Leaving") is { } leaving && (current is null || leaving != RowKey(current)))
        {
            await DeleteLineAsync(leaving, cancellationToken);
        }
        try
        {
            await _table.DeleteEntityAsync(Partition, ListsPartition.MoveKey(id), mark.Value.ETag, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            // Cleared already, or marked anew by a move begun since, which clears its own.
        }
    }

    /// <summary>
    /// The shelves of a shelved list in walk order (<see cref="ListShelves.InWalkOrder"/>): the tables whose
    /// names start with the list's prefix, one query of the table service; with a priority filter, the worklist's
    /// shelves of that priority only.
    /// </summary>
    private async Task<IReadOnlyList<string>> ShelvesAsync(TeamList list, WorklistFilter filter, CancellationToken cancellationToken)
    {
        var names = await ListShelves.NamesAsync(tables, list, cancellationToken);
        if (list == TeamList.Worklist && filter.Priority is { } priority)
        {
            var prefix = ListShelves.WorklistPrefix + (int)priority;
            return [.. names.Where(n => n.StartsWith(prefix, StringComparison.Ordinal))];
        }
        return names;
    }

    /// <summary>
    /// Every table that may hold lines of <paramref name="list"/>: its shelves in walk order, then the lists'
    /// partition while lines kept there before the shelves remain (the not-genuine and erased lines: only there).
    /// </summary>
    private async Task<IReadOnlyList<TableClient>> LineTablesAsync(TeamList list, CancellationToken cancellationToken)
    {
        if (!ListShelves.IsShelved(list))
        {
            return [_table];
        }
        var shelves = (await ShelvesAsync(list, new WorklistFilter(), cancellationToken)).Select(tables.GetTableClient).ToList();
        if (await _unshelved.MayRemainAsync(cancellationToken))
        {
            shelves.Add(_table);
        }
        return shelves;
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<IReadOnlyList<UnshelvedLine>> PagesAsync(int pageSize,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var list in new[] { TeamList.Worklist, TeamList.ScreenedOut })
        {
            await foreach (var page in _table.QueryAsync<TableEntity>(ListsPartition.RowsStartingWith(Prefix(list)), pageSize, ["RowKey", "Id"], cancellationToken).AsPages())
            {
                if (page.Values.Count > 0)
                {
                    yield return [.. page.Values.Select(e => new UnshelvedLine(e.GetString("Id"), e.RowKey))];
                }
            }
        }
    }

    /// <inheritdoc />
    public Task DropAsync(UnshelvedLine line, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (!line.Key.StartsWith(Prefix(TeamList.Worklist), StringComparison.Ordinal) && !line.Key.StartsWith(Prefix(TeamList.ScreenedOut), StringComparison.Ordinal))
        {
            throw new ArgumentException("Not a worklist or screened-out line.", nameof(line));
        }
        return TableSubmissionRemoval.DeleteAsync(_table, Partition, line.Key, cancellationToken);
    }

    // Whether any worklist or screened-out line is still kept in the lists' partition (one row of each range at most).
    private static async Task<bool> AnyUnshelvedLineAsync(TableClient lists, CancellationToken cancellationToken)
    {
        foreach (var list in new[] { TeamList.Worklist, TeamList.ScreenedOut })
        {
            await foreach (var _ in lists.QueryAsync<TableEntity>(ListsPartition.RowsStartingWith(Prefix(list)), 1, ["RowKey"], cancellationToken))
            {
                return true;
            }
        }
        return false;
    }
}
