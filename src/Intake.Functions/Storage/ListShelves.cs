using System.Globalization;
using Azure.Data.Tables;

namespace Intake.Functions.Storage;

/// <summary>
/// The shelves of the two team lists (docs/storage.md, "The lists' shelves"): each line of the worklist
/// and of the screened-out list lives in a table of its own small stretch of the list's order, named from
/// its row key alone, so a page reads one shelf (two where it ends one) and never a table that grows with
/// everything ever received:
/// <list type="bullet">
/// <item>the worklist (<c>w-{priority}-{biopsy yyyyMMdd}-{receipt ticks}-{id}</c>): a shelf per priority and
/// month of the scheduled biopsy, <c>worklist{priority}b{yyyyMM}</c>, and for the lines without a biopsy a
/// shelf per priority and receipt month, <c>worklist{priority}r{yyyyMM}</c>, walked in ascending name order
/// (which is the order of their keys);</item>
/// <item>the screened-out list (<c>s-{inverted receipt ticks}-{id}</c>, the newest first): a shelf per
/// receipt month, <c>screenedout{yyyyMM}</c>, walked in descending name order.</item>
/// </list>
/// The other rows of <see cref="StorageNames.TeamListsTable"/> (pending marks, interrupted moves, the not
/// genuine and erased lines, erasure intents) stay there. Months are in UTC. A shelf is made by its first
/// line; the shelves of a list are the tables whose names start with its prefix (a query of the table
/// service), so no directory has to be kept in step.
/// </summary>
public static class ListShelves
{
    /// <summary>The prefix of the worklist's shelves.</summary>
    public const string WorklistPrefix = "worklist";

    /// <summary>The prefix of the screened-out list's shelves.</summary>
    public const string ScreenedOutPrefix = "screenedout";

    private const string NoBiopsy = "99991231";

    /// <summary>Whether the lines of <paramref name="list"/> live on shelves (the worklist and the screened-out list).</summary>
    public static bool IsShelved(TeamList list) => list is TeamList.Worklist or TeamList.ScreenedOut;

    /// <summary>The prefix of the names of a shelved list's tables.</summary>
    public static string PrefixOf(TeamList list) => list switch
    {
        TeamList.Worklist => WorklistPrefix,
        TeamList.ScreenedOut => ScreenedOutPrefix,
        _ => throw new ArgumentOutOfRangeException(nameof(list), list, "Only the worklist and the screened-out list are shelved."),
    };

    /// <summary>
    /// The table of the line keyed <paramref name="rowKey"/>: its shelf for a worklist or screened-out line,
    /// <see cref="StorageNames.TeamListsTable"/> for every other row.
    /// </summary>
    public static string TableOf(string rowKey)
    {
        ArgumentNullException.ThrowIfNull(rowKey);
        if (rowKey.StartsWith("w-", StringComparison.Ordinal))
        {
            // w-{priority}-{yyyyMMdd}-{ticks:D19}-{id}
            var parts = rowKey.Split('-', 5);
            if (parts.Length == 5 && parts[1].Length == 1 && char.IsAsciiDigit(parts[1][0]) && parts[2].Length == 8 && parts[2].All(char.IsAsciiDigit))
            {
                var receiptMonth = MonthOfTicks(parts[3]);
                return parts[2] == NoBiopsy
                    ? $"{WorklistPrefix}{parts[1]}r{receiptMonth}"
                    : $"{WorklistPrefix}{parts[1]}b{parts[2][..6]}";
            }
            throw new ArgumentException("Not a worklist line's key.", nameof(rowKey));
        }
        if (rowKey.StartsWith("s-", StringComparison.Ordinal))
        {
            // s-{inverted ticks:D19}-{id}
            var inverted = rowKey.Length > 21 ? rowKey[2..21] : "";
            if (inverted.Length == 19 && long.TryParse(inverted, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                return ScreenedOutPrefix + MonthOf(DateTimeOffset.MaxValue.UtcTicks - value);
            }
            throw new ArgumentException("Not a screened-out line's key.", nameof(rowKey));
        }
        return StorageNames.TeamListsTable;
    }

    /// <summary>
    /// The walk order of a list's shelves: the order of the keys of the lines on them (ascending names for
    /// the worklist, descending for the screened-out list, whose keys are inverted receipt times).
    /// </summary>
    public static IEnumerable<string> InWalkOrder(TeamList list, IEnumerable<string> shelves) => shelves.Order(WalkOrder(list));

    /// <summary>The order of a list's shelves in its walk (<see cref="InWalkOrder"/>).</summary>
    public static IComparer<string> WalkOrder(TeamList list) => list == TeamList.ScreenedOut
        ? Comparer<string>.Create((a, b) => string.CompareOrdinal(b, a))
        : StringComparer.Ordinal;

    /// <summary>A filter of the table service for the tables of a list's shelves.</summary>
    public static string TablesOf(TeamList list)
    {
        var prefix = PrefixOf(list);
        return TableServiceClient.CreateQueryFilter($"TableName ge {prefix} and TableName lt {prefix + "~"}");
    }

    /// <summary>The names of the tables of a list's shelves, in walk order (one query of the table service).</summary>
    public static async Task<IReadOnlyList<string>> NamesAsync(TableServiceClient tables, TeamList list, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tables);
        var names = new List<string>();
        await foreach (var table in tables.QueryAsync(TablesOf(list), cancellationToken: cancellationToken))
        {
            names.Add(table.Name);
        }
        return [.. InWalkOrder(list, names)];
    }

    // The UTC month of a key's receipt ticks (19 digits).
    private static string MonthOfTicks(string ticks) =>
        ticks.Length == 19 && long.TryParse(ticks, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? MonthOf(value)
            : throw new ArgumentException("Not a time in ticks.", nameof(ticks));

    private static string MonthOf(long ticks) =>
        ticks >= DateTime.MinValue.Ticks && ticks <= DateTime.MaxValue.Ticks
            ? new DateTime(ticks, DateTimeKind.Utc).ToString("yyyyMM", CultureInfo.InvariantCulture)
            : throw new ArgumentException("Not a time in ticks.", nameof(ticks));
}
