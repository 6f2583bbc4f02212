namespace Intake.Core.Worklists;

/// <summary>The order of the team's lists, as a sortable text key (api.md, "The worklist").</summary>
public static class WorklistOrder
{
    /// <summary>
    /// Worklist: <c>Urgent</c>, then <c>High</c>, then <c>Normal</c>; within a priority the nearest
    /// biopsy date, then the oldest submission. Screened-out list: the newest submission first.
    /// Ordinal comparison of the keys gives that order.
    /// </summary>
    public static string KeyOf(WorklistItem item)
    {
        var ticks = item.ReceivedAt.UtcTicks;
        return item.List == TeamList.Worklist
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"{(int)(item.Priority ?? Priority.Normal)}-{item.ScheduledBiopsyDate ?? DateOnly.MaxValue:yyyyMMdd}-{ticks:D19}-{item.Id}")
            : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{DateTimeOffset.MaxValue.UtcTicks - ticks:D19}-{item.Id}");
    }
}
